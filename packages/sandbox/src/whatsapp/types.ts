import type { EmulatorOptions } from '../shared/emulator.js';
import type { WhatsAppTemplate } from './templates.js';

/** The business account the emulator plays: Graph version, ids, token and secrets. */
export interface WhatsAppAccount {
  /** Graph API version in paths, e.g. `v23.0`. */
  readonly version: string;
  readonly phoneNumberId: string;
  /** WhatsApp Business Account id: `entry[].id` of webhooks and the `message_templates` owner. */
  readonly wabaId: string;
  /** The business number as users see it (digits), `metadata.display_phone_number` in webhooks. */
  readonly displayPhoneNumber: string;
  /** The business name Meta verified for the number (`verified_name` on the phone number node). */
  readonly verifiedName: string;
  /** The number's quality rating (`quality_rating` on the phone number node). */
  readonly qualityRating: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  /** The system-user token clients send as `Authorization: Bearer <token>`. */
  readonly accessToken: string;
  /** Keys `X-Hub-Signature-256` on every webhook POST. */
  readonly appSecret: string;
  /** What `verifyWebhook()` sends as `hub.verify_token`. */
  readonly verifyToken: string;
}

/**
 * Messaging limit: unique users reached outside a customer-service window in a rolling 24 h.
 * @see PLATFORMS.md §1.5 "Messaging limits"
 */
export type MessagingTier = 250 | 2000 | 10000 | 100000 | 'unlimited';

/**
 * Pair rate as a token bucket per recipient: `messages` tokens come back every `perMs`, at most
 * `burst` saved up. @see PLATFORMS.md §1.5 "Pair rate"
 */
export interface PairRateLimit {
  readonly messages: number;
  readonly perMs: number;
  readonly burst: number;
}

/** The platform limits the emulator enforces. @see PLATFORMS.md §1.5 */
export interface WhatsAppLimits {
  /** Messages per second per business number, inbound included (80 by default, up to 1000). */
  readonly throughputPerSecond: number;
  readonly pairRate: PairRateLimit;
  readonly tier: MessagingTier;
  /** Free-form messages need an open 24 h customer-service window. @see PLATFORMS.md §1.7 */
  readonly enforce24hWindow: boolean;
  /**
   * How a free-form send outside the window fails: accepted then a `failed` status with 131047
   * (`fail-async`, what the real Cloud API does), or refused at once with HTTP 400 (`reject`).
   */
  readonly windowViolation: 'fail-async' | 'reject';
}

/** Limits as options: every field optional, `pairRate` merged field by field. */
export type WhatsAppLimitsOptions = Partial<Omit<WhatsAppLimits, 'pairRate'>> & {
  readonly pairRate?: Partial<PairRateLimit>;
};

/** Status of a template, as the Business Management API reports it (PAUSED exists in practice). */
export type TemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';

/** When status webhooks go out: right after the send, or only on `emulator.flush()`. */
export type StatusDelivery = 'immediate' | 'manual';

/** Options of `new WhatsAppEmulator(...)`. */
export interface WhatsAppEmulatorOptions extends EmulatorOptions {
  readonly account?: Partial<WhatsAppAccount>;
  /** The app's webhook (callback) URL; can be set later with `setWebhookUrl`. */
  readonly webhookUrl?: string;
  readonly limits?: WhatsAppLimitsOptions;
  /** Default `immediate`; `manual` queues status webhooks until `flush()`. */
  readonly deliverStatuses?: StatusDelivery;
  /** Status given to templates created with `POST message_templates` (default `APPROVED`). */
  readonly createdTemplateStatus?: TemplateStatus;
  /** Timeout of one webhook POST in ms (default 10 000). */
  readonly webhookTimeoutMs?: number;
}

/** What a client needs to talk to the emulator (`graphBaseUrl` replaces `https://graph.facebook.com`). */
export interface WhatsAppCredentials {
  readonly graphBaseUrl: string;
  readonly version: string;
  readonly phoneNumberId: string;
  readonly wabaId: string;
  readonly accessToken: string;
  readonly appSecret: string;
  readonly verifyToken: string;
}

/** Where an outbound message stands, as the status webhooks report it. */
export type OutboundStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** One error object of a `failed` status or a Graph error, as Meta shapes it in webhooks. */
export interface WebhookError {
  readonly code: number;
  readonly title: string;
  readonly message: string;
  readonly error_data: { readonly details: string };
  readonly href: string;
}

/** A message the business sent that the API accepted (it got a `wamid`). */
export interface OutboundMessage {
  readonly id: string;
  /** The recipient's wa_id (digits). */
  readonly to: string;
  /** `text`, `image`, `interactive`, `template`… */
  readonly type: string;
  /** The request body as sent. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly callbackData?: string;
  /** Pricing category: `service` for free-form, else the template's category in lower case. */
  readonly category: string;
  readonly at: number;
  status: OutboundStatus;
  /** Why it failed, for `failed` messages. */
  error?: WebhookError;
  /** For template messages: the registered template it was checked against. */
  readonly template?: WhatsAppTemplate;
}

/** Who to create with `emulator.users.create`. */
export interface SimulatedUserInit {
  /** Phone number in any usual notation (`+1 631-555-1234`); the digits become the wa_id. */
  readonly phone: string;
  /** Profile name shown in `contacts[].profile.name` (default `User <digits>`). */
  readonly name?: string;
  /** Business-scoped user id; sent as `contacts[].user_id` and accepted as `to`. */
  readonly bsuid?: string;
}

/** A message the simulated user sent to the business. */
export interface UserMessage {
  readonly id: string;
  readonly type: string;
  /** The `messages[]` item as the webhook carried it. */
  readonly message: Readonly<Record<string, unknown>>;
  readonly at: number;
  /** Set when the business marked it read (`status:"read"`). */
  readBy?: { readonly at: number; readonly typingIndicator: boolean };
}

/** The outcome of one webhook POST to the app. */
export interface WebhookDelivery {
  /** The envelope that was (or was to be) POSTed. */
  readonly body: WebhookEnvelope;
  /** The exact bytes POSTed and signed. */
  readonly rawBody: string;
  /** `sha256=<hex>` as sent in `X-Hub-Signature-256`. */
  readonly signature: string;
  /** The app's HTTP status, when it answered. */
  readonly status?: number;
  /** Network error or `no webhook URL`, when it did not. */
  readonly error?: string;
  readonly attempts: number;
}

/** The `{object, entry[]}` body of every WhatsApp webhook. @see PLATFORMS.md §1.1 */
export interface WebhookEnvelope {
  readonly object: 'whatsapp_business_account';
  readonly entry: readonly {
    readonly id: string;
    readonly changes: readonly {
      readonly field: 'messages';
      readonly value: Readonly<Record<string, unknown>>;
    }[];
  }[];
}
