import type { ChannelName } from '../capabilities/types.js';

/** Who sent an inbound event, in the target platform's own ids. */
export interface Sender {
  /** Telegram user id, Slack user id, Discord user id or WhatsApp wa_id, as a string. */
  readonly id: string;
  readonly name?: string;
  /** Where to answer: chat id, DM channel id, or the same as `id`. */
  readonly conversationId?: string;
}

interface EventBase {
  readonly channel: ChannelName;
  readonly sender: Sender;
  /** The platform's id for the event or message, for de-duplication and evidence. */
  readonly eventId: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/**
 * Inbound events in the neutral shape every channel produces, so bot logic never branches on platform.
 * - `text`: a typed message. `choice`: a reply button or menu row, with the ORIGINAL id restored.
 * - `form`: a completed form, `response` shaped like the Flow's `nfm_reply.response_json`.
 * - `link-claim`: the user arrived with a link token (deep link, `/link <code>`, OAuth state).
 * - `contact-shared`: the user shared their own phone number (verified to be their own).
 * - `email-match`: the operator matched the user by e-mail (weaker evidence).
 * - `stop`: the user asked to stop / opted out. `blocked`: the user blocked the bot.
 */
export type InboundEvent =
  | (EventBase & { readonly type: 'text'; readonly text: string })
  | (EventBase & {
      readonly type: 'choice';
      readonly id: string;
      readonly title?: string;
      readonly messageId?: string;
    })
  | (EventBase & {
      readonly type: 'form';
      readonly formId: string;
      readonly response: Readonly<Record<string, unknown>>;
    })
  | (EventBase & {
      readonly type: 'link-claim';
      readonly token: string;
      readonly via: 'deep-link' | 'command' | 'modal' | 'oauth';
    })
  | (EventBase & { readonly type: 'contact-shared'; readonly phone: string })
  | (EventBase & { readonly type: 'email-match'; readonly email: string })
  | (EventBase & { readonly type: 'stop'; readonly text?: string })
  | (EventBase & { readonly type: 'blocked' });

export type InboundEventType = InboundEvent['type'];

/** Handles one inbound event; may return a message to answer with. */
export type InboundHandler = (event: InboundEvent) => void | Promise<void>;
