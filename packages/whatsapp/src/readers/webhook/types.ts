import type { StoredJson } from '@ferry/core';
import type { ReaderOptions } from '../types.js';

/** A WhatsApp user seen in a webhook (`contacts[]`): who they are and when they wrote. */
export interface ContactFact {
  readonly type: 'contact';
  readonly waId: string;
  readonly profileName?: string;
  /** Business-scoped user id, when WhatsApp sent one (`contacts[].user_id`). */
  readonly bsuid?: string;
  /** When the message that carried the contact was sent (ms since epoch). */
  readonly at: number;
}

/** A message a user sent the business, for the conversation history. @see PLATFORMS.md §1.1 */
export interface InboundMessageFact {
  readonly type: 'message';
  readonly waId: string;
  readonly messageId: string;
  readonly at: number;
  readonly direction: 'inbound';
  /** WhatsApp's message type (`text`, `button`, `interactive`, `image`…). */
  readonly kind: string;
  /** The text the user sent or tapped: a body, a caption, a button or row title. */
  readonly text?: string;
  /** The id of the button or list row tapped (template `button.payload`, `button_reply.id`, `list_reply.id`). */
  readonly choiceId?: string;
  /** A Flow's answers: `nfm_reply.response_json` parsed (`flow_token` plus the complete payload). */
  readonly formResponse?: Readonly<Record<string, unknown>>;
  /** The message this one answers (`context.id`). */
  readonly replyTo?: string;
  /** The `messages[]` item exactly as received. */
  readonly raw: StoredJson;
}

/** A user asked to stop: a STOP-like keyword or a tap on an opt-out button. @see PLATFORMS.md §1.7 */
export interface OptOutFact {
  readonly type: 'opt-out';
  readonly waId: string;
  readonly at: number;
  /** The message id (`wamid…`) that carried the request. */
  readonly evidence: string;
  readonly via: 'keyword' | 'button';
  /** What the user wrote or tapped. */
  readonly text: string;
}

/** One error WhatsApp attached to a failed status. @see PLATFORMS.md §1.6 */
export interface StatusError {
  readonly code?: number;
  readonly title?: string;
  readonly message?: string;
  readonly details?: string;
}

/** A delivery status of a message the business sent. @see PLATFORMS.md §1.1 "statuses[]" */
export interface StatusFact {
  readonly type: 'status';
  readonly messageId: string;
  readonly recipientId: string;
  readonly status: 'sent' | 'delivered' | 'read' | 'failed';
  readonly at: number;
  readonly errors?: readonly StatusError[];
  /** `biz_opaque_callback_data` the sender attached, when present. */
  readonly callbackData?: string;
}

/** Everything a webhook log tells Ferry. */
export type WebhookFact = ContactFact | InboundMessageFact | OptOutFact | StatusFact;

/** Options of `readWebhookLog`. */
export interface ReadWebhookLogOptions extends ReaderOptions {
  /** Whole messages that count as an opt-out; replaces {@link OPT_OUT_KEYWORDS} when given. */
  readonly optOutKeywords?: readonly string[];
}
