import type { ChannelCapabilities } from './types.js';

const chars = (max: number) => ({ max, unit: 'utf16' }) as const;
const bytes = (max: number) => ({ max, unit: 'bytes' }) as const;

/** Button text has no documented limit; Ferry keeps labels short so keyboards stay valid. */
const LABEL_MAX = chars(64);

/**
 * What the Telegram Bot API can show. Text and captions count UTF-16 units "after entities
 * parsing", so they are measured on the plain text the reader sees, not on the HTML sent.
 * @see PLATFORMS.md §2.3 "Limits", `PaulSonOfLars/telegram-bot-api-spec@160fd995:api.json`
 */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  channel: 'telegram',
  dialect: 'telegram-html',
  /** @see PLATFORMS.md §2.3: "1–4096 characters after entities parsing" [P]. */
  textMeasure: 'plain',
  /** @see PLATFORMS.md §2.3: `sendMessage.text` 1–4096 [P]. */
  text: chars(4096),
  interactiveText: chars(4096),
  /** @see PLATFORMS.md §2.3: `sendMessage.text` is required (1–4096) [P]. */
  actionsNeedText: true,
  /** @see PLATFORMS.md §2.3: media captions 0–1024 [P]. */
  caption: chars(1024),
  header: null,
  footer: null,
  headerNeedsActions: false,
  mediaHeaderKinds: [],
  replyButtons: {
    /** @see PLATFORMS.md §2.3: 100 inline buttons in total, community-measured [S] (tginfo/Telegram-Limits#228). */
    maxPerMessage: 100,
    /** @see PLATFORMS.md §2.3: 8 inline buttons per row, community-measured [S]. */
    maxPerRow: 8,
    maxRows: 100,
    /** Not documented (PLATFORMS.md §2.3 warns "reply markup is too long" can come early); Ferry's assumption. */
    labelMax: LABEL_MAX,
    /** @see PLATFORMS.md §2.3: `callback_data` is 1–64 **bytes** [P]. */
    idMax: bytes(64),
    uniqueLabels: false,
  },
  urlButtons: {
    /** @see PLATFORMS.md §2.3: URL buttons share the 100-button keyboard [S]. */
    maxPerMessage: 100,
    labelMax: LABEL_MAX,
    /** Not found in PLATFORMS.md; 2048 is Ferry's conservative assumption. */
    urlMax: 2048,
  },
  phoneButtons: false,
  copyCodeButtons: false,
  mixedButtons: true,
  /** `reply_markup` is accepted by sendPhoto/sendVideo/sendDocument (api.json). */
  actionsOnMedia: true,
  /** Telegram has no list/select; menus become inline buttons. */
  menu: null,
  form: {
    /** @see PLATFORMS.md §2.2: Telegram has no forms; Ferry asks one question per message. */
    mode: 'conversation',
    maxFieldsPerView: Number.POSITIVE_INFINITY,
    /** Questions are ordinary messages. @see PLATFORMS.md §2.3 (4096). */
    titleMax: chars(4096),
    labelMax: chars(4096),
    /** @see PLATFORMS.md §2.2: `input_field_placeholder` 1–64 [P]. */
    placeholderMax: chars(64),
    /** Choices are inline buttons. @see PLATFORMS.md §2.3 (100 buttons [S]). */
    optionsMax: 100,
    optionLabelMax: LABEL_MAX,
    /** @see PLATFORMS.md §2.3: `callback_data` 1–64 bytes [P]. */
    optionIdMax: bytes(64),
    /** An answer is one message. @see PLATFORMS.md §2.3 (4096). */
    textInputMax: 4096,
    nativeFieldTypes: ['shortText', 'longText', 'singleChoice', 'multipleChoice', 'dropdown', 'optIn'],
  },
  /** sendPhoto / sendVideo / sendAudio / sendDocument / sendSticker, one file per message (api.json). */
  media: { kinds: ['image', 'video', 'audio', 'document', 'sticker'], perMessage: 1 },
  /** `sendLocation` (api.json). */
  location: true,
  /** @see PLATFORMS.md §2.2: `Contact` [P]; `sendContact` sends one card. */
  contacts: true,
  contactsPerMessage: 1,
  /** `setMessageReaction` (api.json). */
  reactions: true,
  edits: true,
  idempotentSend: false,
  rate: {
    /** @see PLATFORMS.md §2.3: bulk notifications ≈30 messages/s [S] (Bot FAQ). */
    globalPerSecond: 30,
    /** @see PLATFORMS.md §2.3: avoid more than 1 message/s inside one chat [S]. */
    perRecipientPerSecond: 1,
  },
};
