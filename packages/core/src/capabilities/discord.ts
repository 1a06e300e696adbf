import type { ChannelCapabilities } from './types.js';

const chars = (max: number) => ({ max, unit: 'utf16' }) as const;
const bytes = (max: number) => ({ max, unit: 'bytes' }) as const;

/**
 * What a Discord message (legacy components, no Components v2) can show. Lengths count the raw
 * markdown string in UTF-16 units, never fewer than Discord's characters. Headers and footers are
 * kept out of `content` and shown in an embed (title and footer) around the text.
 * @see PLATFORMS.md §4.1–4.2, `discord/discord-api-docs@c98d64bc:developers/resources/message.mdx`
 */
export const DISCORD_CAPABILITIES: ChannelCapabilities = {
  channel: 'discord',
  dialect: 'discord-markdown',
  textMeasure: 'rendered',
  /** @see PLATFORMS.md §4.1: `content` ≤2000 [P]. */
  text: chars(2000),
  interactiveText: chars(2000),
  actionsNeedText: false,
  /** The caption is the `content` sent with the attachment. @see PLATFORMS.md §4.1 (2000). */
  caption: chars(2000),
  /** Shown as the embed's `title`. @see PLATFORMS.md §4.1: embed title ≤256 [P]. */
  header: chars(256),
  /** Shown as the embed's `footer.text`. @see PLATFORMS.md §4.1: embed footer ≤2048 [P]. */
  footer: chars(2048),
  headerNeedsActions: false,
  mediaHeaderKinds: [],
  replyButtons: {
    /** @see PLATFORMS.md §4.2: up to 5 action rows of ≤5 buttons [P]. */
    maxPerMessage: 25,
    maxPerRow: 5,
    maxRows: 5,
    /** @see PLATFORMS.md §4.2: button label ≤80 [P]. */
    labelMax: chars(80),
    /** @see PLATFORMS.md §4.2: `custom_id` 1–100 chars, unique per message [P]; bytes to be safe. */
    idMax: bytes(100),
    uniqueLabels: false,
  },
  urlButtons: {
    maxPerMessage: 25,
    labelMax: chars(80),
    /** @see PLATFORMS.md §4.2: link button `url` ≤512 [P]. */
    urlMax: 512,
  },
  phoneButtons: false,
  copyCodeButtons: false,
  mixedButtons: true,
  actionsOnMedia: true,
  menu: {
    /** A string select has no groups: one select per menu section, each split into its own message. */
    maxSections: 1,
    /** @see PLATFORMS.md §4.2: string select `options` ≤25 [P]. */
    maxRowsTotal: 25,
    maxRowsPerSection: 25,
    /** The label is the select's placeholder. @see PLATFORMS.md §4.2: placeholder ≤150 [P]. */
    labelMax: chars(150),
    /** A select has no section title; it is moved into the message text. */
    sectionTitleMax: chars(0),
    /** @see PLATFORMS.md §4.2: option label ≤100 [P]. */
    rowTitleMax: chars(100),
    /** @see PLATFORMS.md §4.2: option description ≤100 [P]. */
    rowDescriptionMax: chars(100),
    /** @see PLATFORMS.md §4.2: option value ≤100 [P]. */
    idMax: bytes(100),
    withButtons: true,
    /** @see PLATFORMS.md §4.2: a row holds ≤5 buttons **or** 1 select [P]. */
    buttonRowsUsed: 1,
  },
  form: {
    mode: 'modal',
    /** @see PLATFORMS.md §4.2: a modal has 1–5 components [P]; every form block counts as one. */
    maxFieldsPerView: 5,
    /** @see PLATFORMS.md §4.2: modal `title` ≤45 [P]. */
    titleMax: chars(45),
    /** Not in PLATFORMS.md; Discord's text input label is ≤45 (components reference). */
    labelMax: chars(45),
    /** @see PLATFORMS.md §4.2: text input placeholder ≤100 [P]. */
    placeholderMax: chars(100),
    /** @see PLATFORMS.md §4.2: select `options` ≤25 [P]. */
    optionsMax: 25,
    /** @see PLATFORMS.md §4.2: option label ≤100 [P]. */
    optionLabelMax: chars(100),
    /** @see PLATFORMS.md §4.2: option value ≤100 [P]. */
    optionIdMax: bytes(100),
    /** @see PLATFORMS.md §4.2: text input value / max_length ≤4000 [P]. */
    textInputMax: 4000,
    /** Only text inputs are documented inside modals (PLATFORMS.md §4.2). */
    nativeFieldTypes: ['shortText', 'longText'],
  },
  /** Files are attachments; a sticker file is not a Discord sticker, so it is linked. */
  media: { kinds: ['image', 'video', 'audio', 'document'], perMessage: 1 },
  location: false,
  contacts: false,
  contactsPerMessage: 0,
  /** Create Reaction (`PUT /channels/{id}/messages/{id}/reactions/{emoji}/@me`, message.mdx). */
  reactions: true,
  /** @see PLATFORMS.md §4.2: 5 action rows [P]. */
  maxBlocks: 5,
  edits: true,
  /** @see PLATFORMS.md §4.1: `nonce` + `enforce_nonce: true` returns the earlier message [P]. */
  idempotentSend: true,
  rate: {
    /** @see PLATFORMS.md §4.4: 50 requests/s per bot [P]. */
    globalPerSecond: 50,
    /** Per-route buckets are read from headers (§4.4); 1/s is Ferry's starting point. */
    perRecipientPerSecond: 1,
  },
};
