import type { Clock, Logger, Pacer, PacingPreset, SendOutcome, ShortIdTable } from '@ferry/core';
import type { FlowTokenLookup } from '../render/flow-token-lookup.js';
import type { FlowTokenTable } from '../render/flow-tokens.js';

/** A delivery status from a `statuses[]` webhook item, in Ferry's terms. @see PLATFORMS.md §1.1 */
export interface WhatsAppStatus {
  /** The `wamid.…` the send returned. */
  readonly messageId: string;
  /** The user's wa_id. */
  readonly recipientId: string;
  readonly status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** Meta's `errors[]` on a `failed` status. */
  readonly errors?: readonly WhatsAppStatusError[];
  /** The `biz_opaque_callback_data` given at send time (`SendOptions.callbackData`). */
  readonly callbackData?: string;
  /** For `failed`: what the failure means, mapped like a synchronous Graph error. */
  readonly outcome?: SendOutcome;
}

/** One `errors[]` item of a failed status. */
export interface WhatsAppStatusError {
  readonly code: number;
  readonly title?: string;
  readonly message?: string;
  readonly details?: string;
}

/** Receives delivery statuses from `handleWebhook`; statuses are not inbound events. */
export type WhatsAppStatusHandler = (status: WhatsAppStatus) => void | Promise<void>;

/** A pacing preset name of core's `PACING_PRESETS` usable for WhatsApp. */
export type WhatsAppPacingPresetName = 'whatsapp80' | 'whatsapp1000' | 'whatsappCoexistence';

/** Configuration of {@link createWhatsAppChannel}. */
export interface WhatsAppChannelConfig {
  /** System-user access token sent as `Authorization: Bearer`; never logged or echoed. */
  readonly accessToken: string;
  /** The business number's Graph id (`/{phone-number-id}/messages`). */
  readonly phoneNumberId: string;
  /** WhatsApp Business Account id; needed for `listTemplates`. */
  readonly wabaId?: string;
  /** Keys `X-Hub-Signature-256`; required to accept webhook POSTs. */
  readonly appSecret?: string;
  /** Expected `hub.verify_token` of Meta's verification GET. */
  readonly verifyToken?: string;
  /** Default `https://graph.facebook.com`; point it at the sandbox in tests. */
  readonly graphBaseUrl?: string;
  /** Graph API version in paths; default `v23.0`. */
  readonly version?: string;
  /** The business number as users see it (digits, `+` optional), for `inviteLink`; else `whoAmI` fills it in. */
  readonly displayPhoneNumber?: string;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  /**
   * Default `whatsapp80` (80 messages/s, 1 per 6 s per recipient); `whatsapp1000` after Meta's
   * upgrade, a custom preset, or a shared `Pacer`. @see PLATFORMS.md §1.5
   */
  readonly pacing?: WhatsAppPacingPresetName | PacingPreset | Pacer;
  readonly logger?: Logger;
  /** Called for each delivery status `handleWebhook` receives. */
  readonly statusHandler?: WhatsAppStatusHandler;
  /** Where reply and row ids too long for WhatsApp are shortened; keep one per channel. */
  readonly ids?: ShortIdTable;
  /**
   * Where custom Flow tokens are remembered against their form ids (in memory); share one between
   * channels that send and receive for the same number in one process.
   */
  readonly flowTokens?: FlowTokenTable;
  /**
   * A persistent table of custom Flow tokens shared across processes and restarts (Ferry's store:
   * `store.flowTokens`). When set, `send`/`sendTemplate` write each custom token through to it
   * (at most once an hour per token and form) before the message leaves, and `handleWebhook`
   * looks Flow replies' tokens up in it first. Without it, tokens live in `flowTokens` only.
   */
  readonly flowTokenLookup?: FlowTokenLookup;
  /**
   * When set, `send` waits up to this many ms (of `clock`) for each message's first status
   * webhook, which must reach this channel's `handleWebhook`, and returns the outcome of a
   * `failed` one (131026 blocked, 131047 outside the window…). Off by default: campaigns
   * reconcile statuses through `statusHandler` and callback data instead.
   */
  readonly confirmDeliveryWithinMs?: number;
  /** Extra words that count as a STOP request, replacing the readers' `OPT_OUT_KEYWORDS`. */
  readonly optOutKeywords?: readonly string[];
}
