import type { FieldType, MediaKind } from '../model/index.js';

export type ChannelName = 'whatsapp' | 'telegram' | 'slack' | 'discord';

/** The markup dialects the converters render. */
export type MarkupDialect =
  | 'whatsapp'
  | 'telegram-html'
  | 'telegram-markdownv2'
  | 'slack-mrkdwn'
  | 'discord-markdown';

/**
 * How a platform counts a text limit: `utf16` code units (Telegram, JavaScript `length`),
 * `codepoints` (Unicode scalar values), or `bytes` (UTF-8).
 */
export type LengthUnit = 'utf16' | 'codepoints' | 'bytes';

/** A length limit and how it is counted. */
export interface TextLimit {
  readonly max: number;
  readonly unit: LengthUnit;
}

/**
 * Which string a markup text limit is measured on: `plain` = the text the reader sees after the
 * platform parsed the markup (Telegram counts "after entities parsing"); `rendered` = the raw
 * markup string sent to the API (Slack, Discord and WhatsApp count the string they receive).
 */
export type TextMeasure = 'plain' | 'rendered';

/** Limits on buttons shown next to a message; they hold reply, form and URL buttons alike. */
export interface ReplyButtonCaps {
  /** All buttons of one message (reply + form + URL). */
  readonly maxPerMessage: number;
  readonly maxPerRow: number;
  readonly maxRows: number;
  readonly labelMax: TextLimit;
  /** Max size of the id the platform carries back (callback_data, custom_id, action value). */
  readonly idMax: TextLimit;
  /** Whether labels must differ within one message (WhatsApp reply titles must be unique). */
  readonly uniqueLabels: boolean;
}

/** Limits on a menu (list / select). `null` in capabilities means no native menu. */
export interface MenuCaps {
  readonly maxSections: number;
  /** Rows across all sections of one menu. */
  readonly maxRowsTotal: number;
  readonly maxRowsPerSection: number;
  readonly labelMax: TextLimit;
  readonly sectionTitleMax: TextLimit;
  readonly rowTitleMax: TextLimit;
  /** 0 when rows have no description. */
  readonly rowDescriptionMax: TextLimit;
  readonly idMax: TextLimit;
  /** Whether the menu may share a message with buttons (WhatsApp: a list and buttons are two message types). */
  readonly withButtons: boolean;
  /** Button rows one menu takes from `replyButtons.maxRows` (Discord: a select fills an action row). */
  readonly buttonRowsUsed: number;
}

/** How a platform shows a form: natively (WhatsApp Flow), as modals, or as a conversation of steps. */
export type FormMode = 'flow' | 'modal' | 'conversation';

/** Limits on a form, per view (one modal, one Flow screen, one conversation step). */
export interface FormCaps {
  readonly mode: FormMode;
  /** Inputs per view (modal); Infinity for a conversation. */
  readonly maxFieldsPerView: number;
  readonly titleMax: TextLimit;
  readonly labelMax: TextLimit;
  readonly placeholderMax: TextLimit;
  readonly optionsMax: number;
  readonly optionLabelMax: TextLimit;
  /** Max size of an option's id (Slack option value, Discord select value). */
  readonly optionIdMax: TextLimit;
  readonly textInputMax: number;
  /** Field types the target can ask for natively; the rest are degraded (e.g. date -> validated text). */
  readonly nativeFieldTypes: readonly FieldType[];
}

/** URL buttons; they share the rows of `replyButtons`. */
export interface UrlButtonCaps {
  readonly maxPerMessage: number;
  readonly labelMax: TextLimit;
  /** Longest URL a button may carry, in UTF-16 units (ASCII URLs: characters = units). */
  readonly urlMax: number;
}

/**
 * Everything rendering depends on for one target, as data. Each number carries a `@see` in the
 * data file to where it comes from (PLATFORMS.md section and the platform's source).
 */
export interface ChannelCapabilities {
  readonly channel: ChannelName;
  readonly dialect: MarkupDialect;
  /** Which string text and caption limits are measured on. */
  readonly textMeasure: TextMeasure;
  /** Body text of one message. */
  readonly text: TextLimit;
  /** Body text of a message that carries buttons or a menu (WhatsApp interactive body: 1024). */
  readonly interactiveText: TextLimit;
  /** Whether a message with buttons or a menu needs non-empty text (Telegram `text`, WhatsApp `body`). */
  readonly actionsNeedText: boolean;
  /** Media caption. 0 when captions are not supported. */
  readonly caption: TextLimit;
  /** Header text; `null` when the target has no header (it is then folded into the text). */
  readonly header: TextLimit | null;
  /** Footer text; `null` when the target has no footer. */
  readonly footer: TextLimit | null;
  /** Whether header and footer exist only on messages with buttons or a menu (WhatsApp interactive). */
  readonly headerNeedsActions: boolean;
  /** Media kinds a header may hold (WhatsApp interactive header); empty when headers are text only. */
  readonly mediaHeaderKinds: readonly MediaKind[];
  readonly replyButtons: ReplyButtonCaps;
  /** URL buttons; `null` when the target cannot show them next to a message. */
  readonly urlButtons: UrlButtonCaps | null;
  /** Whether a phone button (tap to call) exists. */
  readonly phoneButtons: boolean;
  /** Whether a copy-code button exists on ordinary (non-template) messages. */
  readonly copyCodeButtons: boolean;
  /** Whether reply buttons and URL buttons may appear on the same message. */
  readonly mixedButtons: boolean;
  /** Whether buttons or a menu may be attached to a media message (Telegram `reply_markup` on sendPhoto). */
  readonly actionsOnMedia: boolean;
  readonly menu: MenuCaps | null;
  readonly form: FormCaps;
  readonly media: { readonly kinds: readonly MediaKind[]; readonly perMessage: number };
  readonly location: boolean;
  readonly contacts: boolean;
  /** Contact cards in one message (WhatsApp 1-5, Telegram sendContact 1); 0 when `contacts` is false. */
  readonly contactsPerMessage: number;
  /** Whether the bot can react to a message with an emoji. */
  readonly reactions: boolean;
  /** Max number of structured blocks (Slack blocks, Discord components/embeds), when the target counts them. */
  readonly maxBlocks?: number;
  /** Whether messages can be edited after sending. */
  readonly edits: boolean;
  /** Whether the platform de-duplicates retried sends (Discord `nonce` + `enforce_nonce`). */
  readonly idempotentSend: boolean;
  /** The default send budget. */
  readonly rate: {
    /** Messages per second across the whole bot/app/number. */
    readonly globalPerSecond: number;
    /** Messages per second to one chat/channel/user. */
    readonly perRecipientPerSecond: number;
  };
}
