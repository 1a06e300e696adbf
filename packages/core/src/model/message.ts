import type { Form } from './form.js';
import type { RichText } from './rich-text.js';

/**
 * Text as either WhatsApp markup (a string, parsed with `parseWhatsAppMarkup`) or the rich-text AST.
 * `{ text: 'Hello *there*' }` is the simplest message.
 */
export type TextContent = string | RichText;

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

/** Where a media item's bytes live: a public URL, a platform file id, or a local file path. */
export type MediaSource =
  | { readonly url: string }
  | { readonly fileId: string; readonly platform?: string }
  | { readonly path: string };

/** An image, video, audio clip, document or sticker. */
export interface Media {
  readonly kind: MediaKind;
  readonly source: MediaSource;
  readonly caption?: TextContent;
  readonly filename?: string;
  readonly mimeType?: string;
}

/** A shared location (WhatsApp `location`, Telegram `sendLocation`). */
export interface Location {
  readonly latitude: number;
  readonly longitude: number;
  readonly name?: string;
  readonly address?: string;
}

/** A contact card (WhatsApp `contacts[]`, Telegram `sendContact`). Only the fields all targets can show. */
export interface ContactCard {
  readonly name: { readonly formatted: string; readonly first?: string; readonly last?: string };
  readonly phones?: readonly { readonly phone: string; readonly type?: string; readonly waId?: string }[];
  readonly emails?: readonly { readonly email: string; readonly type?: string }[];
  readonly urls?: readonly { readonly url: string; readonly type?: string }[];
  readonly organization?: { readonly company?: string; readonly title?: string };
}

/**
 * A button. `reply` buttons come back as a choice event carrying `id`; the others open something.
 * `copyCode` is WhatsApp's OTP/coupon copy button; `form` opens the message's form (a Flow CTA).
 */
export type Button =
  | { readonly kind: 'reply'; readonly id: string; readonly title: string }
  | { readonly kind: 'url'; readonly title: string; readonly url: string }
  | { readonly kind: 'phone'; readonly title: string; readonly phone: string }
  | { readonly kind: 'copyCode'; readonly title: string; readonly code: string }
  | { readonly kind: 'form'; readonly title: string; readonly formId: string };

export type ButtonKind = Button['kind'];

/** One row of a menu (WhatsApp list row). */
export interface MenuRow {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** A titled group of rows. */
export interface MenuSection {
  readonly title?: string;
  readonly rows: readonly MenuRow[];
}

/** A menu of choices (WhatsApp list message): a label that opens it and sections of rows. */
export interface Menu {
  readonly label: string;
  readonly sections: readonly MenuSection[];
}

/** Header of a message: a short plain title or a media item. */
export type Header =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'media'; readonly media: Media };

/** A reaction to an earlier message. */
export interface Reaction {
  readonly messageId: string;
  readonly emoji: string;
}

/**
 * The channel-neutral message: a plain, serialisable object.
 * Any combination is allowed; `fit` decides how each target shows it and reports what changed.
 */
export interface Message {
  readonly text?: TextContent;
  readonly header?: Header;
  /** Plain footer line (WhatsApp footers carry no markup). */
  readonly footer?: string;
  readonly media?: readonly Media[];
  readonly location?: Location;
  readonly contacts?: readonly ContactCard[];
  readonly buttons?: readonly Button[];
  readonly menu?: Menu;
  readonly form?: Form;
  readonly reaction?: Reaction;
  /** Id (in the neutral model's terms) of a message this one replies to. */
  readonly replyTo?: string;
  /** Free-form labels kept through the pipeline (for example the template or flow it came from). */
  readonly meta?: Readonly<Record<string, string>>;
}
