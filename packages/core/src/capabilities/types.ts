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

/** Limits on buttons that send a choice back (`reply` buttons). */
export interface ReplyButtonCaps {
  readonly maxPerMessage: number;
  readonly maxPerRow: number;
  readonly maxRows: number;
  readonly labelMax: TextLimit;
  /** Max size of the id the platform carries back (callback_data, custom_id, action value). */
  readonly idMax: TextLimit;
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
}

/** How a platform shows a form: natively (WhatsApp Flow), as modals, or as a conversation of steps. */
export type FormMode = 'flow' | 'modal' | 'conversation';

export interface FormCaps {
  readonly mode: FormMode;
  /** Inputs per view (modal); Infinity for a conversation. */
  readonly maxFieldsPerView: number;
  readonly titleMax: TextLimit;
  readonly labelMax: TextLimit;
  readonly placeholderMax: TextLimit;
  readonly optionsMax: number;
  readonly optionLabelMax: TextLimit;
  readonly textInputMax: number;
  /** Field types the target can ask for natively; the rest are degraded (e.g. date -> validated text). */
  readonly nativeFieldTypes: readonly FieldType[];
}

/**
 * Everything rendering depends on for one target, as data. Each number carries a `@see` in the
 * data file to where it comes from (PLATFORMS.md section and the platform's source).
 */
export interface ChannelCapabilities {
  readonly channel: ChannelName;
  readonly dialect: MarkupDialect;
  /** Body text of one message. */
  readonly text: TextLimit;
  /** Media caption. 0 when captions are not supported. */
  readonly caption: TextLimit;
  /** Header text; `null` when the target has no header (it is then folded into the text). */
  readonly header: TextLimit | null;
  /** Footer text; `null` when the target has no footer. */
  readonly footer: TextLimit | null;
  readonly replyButtons: ReplyButtonCaps;
  /** URL buttons; `null` when the target cannot show them next to a message. */
  readonly urlButtons: {
    readonly maxPerMessage: number;
    readonly labelMax: TextLimit;
    readonly urlMax: number;
  } | null;
  /** Whether a phone button (tap to call) exists. */
  readonly phoneButtons: boolean;
  /** Whether reply buttons and URL buttons may appear on the same message. */
  readonly mixedButtons: boolean;
  readonly menu: MenuCaps | null;
  readonly form: FormCaps;
  readonly media: { readonly kinds: readonly MediaKind[]; readonly perMessage: number };
  readonly location: boolean;
  readonly contacts: boolean;
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
