import type { ChannelCapabilities } from './types.js';

const chars = (max: number) => ({ max, unit: 'utf16' }) as const;
const bytes = (max: number) => ({ max, unit: 'bytes' }) as const;

/**
 * What the WhatsApp Cloud API can show in a free-form (non-template) message.
 * Lengths are counted on the raw string in UTF-16 units: Meta says "characters" without defining
 * them, and UTF-16 units are never fewer than characters, so staying under them is always safe.
 * @see PLATFORMS.md §1.2 "Outbound", Meta OpenAPI `facebook/openapi@ecba623b:business-messaging-api_v23.0.yaml`
 */
export const WHATSAPP_CAPABILITIES: ChannelCapabilities = {
  channel: 'whatsapp',
  dialect: 'whatsapp',
  textMeasure: 'rendered',
  /** @see PLATFORMS.md §1.2 "Text": body max 4096 [P] (Meta "Text messages" page). */
  text: chars(4096),
  /** @see PLATFORMS.md §1.2 "Interactive": body text max 1024 [P] (spec `InteractiveObject`). */
  interactiveText: chars(1024),
  /** @see PLATFORMS.md §1.2 "Interactive": `body` is required for button and list messages [P]. */
  actionsNeedText: true,
  /** @see PLATFORMS.md §1.2 "Media": caption max 1024 [P] (spec `MediaObject_1`). */
  caption: chars(1024),
  /** @see PLATFORMS.md §1.2 "Interactive": header `text` max 60 [P]. */
  header: chars(60),
  /** @see PLATFORMS.md §1.2 "Interactive": footer text max 60 [P]. */
  footer: chars(60),
  /** @see PLATFORMS.md §1.2: header and footer belong to `interactive` messages only [P]. */
  headerNeedsActions: true,
  /** @see PLATFORMS.md §1.2 "Interactive": header `type` ∈ text|image|video|document [P]. */
  mediaHeaderKinds: ['image', 'video', 'document'],
  replyButtons: {
    /** @see PLATFORMS.md §1.2 "Reply buttons": 1–3 items [P] (spec `ActionObject`). */
    maxPerMessage: 3,
    maxPerRow: 3,
    maxRows: 1,
    /** @see PLATFORMS.md §1.2 "Reply buttons": `title ≤20`, no markdown [P]. */
    labelMax: chars(20),
    /** @see PLATFORMS.md §1.2 "Reply buttons": `id ≤256` [P]; counted in bytes to be safe. */
    idMax: bytes(256),
    /** @see PLATFORMS.md §1.2 "Reply buttons": "Titles must be unique" [P]. */
    uniqueLabels: true,
  },
  urlButtons: {
    /** @see PLATFORMS.md §1.2 "CTA URL": one `cta_url` action per message [P] (Meta CTA URL page). */
    maxPerMessage: 1,
    /** @see PLATFORMS.md §1.2 "CTA URL": `display_text` max 20 [S] (Telnyx/Zavu docs). */
    labelMax: chars(20),
    /** Not found in PLATFORMS.md; 2000 is Ferry's conservative assumption. */
    urlMax: 2000,
  },
  /** @see PLATFORMS.md §1.3: PHONE_NUMBER buttons exist only on templates, not free-form messages. */
  phoneButtons: false,
  /** @see PLATFORMS.md §1.3: COPY_CODE (OTP) buttons exist only on templates. */
  copyCodeButtons: false,
  /** @see PLATFORMS.md §1.2: `button`, `list` and `cta_url` are distinct interactive types [P]. */
  mixedButtons: false,
  /** @see PLATFORMS.md §1.2: a media message has no `action`; media goes in an interactive header instead [P]. */
  actionsOnMedia: false,
  menu: {
    /** @see PLATFORMS.md §1.2 "List": 1–10 sections [P]. */
    maxSections: 10,
    /** @see PLATFORMS.md §1.2 "List": "up to 10 rows for all sections combined" [P] (Meta list page). */
    maxRowsTotal: 10,
    maxRowsPerSection: 10,
    /** @see PLATFORMS.md §1.2 "List": `action.button` label ≤20 [P]. */
    labelMax: chars(20),
    /** @see PLATFORMS.md §1.2 "List": section `title` ≤24 [P]. */
    sectionTitleMax: chars(24),
    /** @see PLATFORMS.md §1.2 "List": row `title ≤24` [P]. */
    rowTitleMax: chars(24),
    /** @see PLATFORMS.md §1.2 "List": row `description ≤72` [P]. */
    rowDescriptionMax: chars(72),
    /** @see PLATFORMS.md §1.2 "List": row `id ≤200` [P]; counted in bytes to be safe. */
    idMax: bytes(200),
    withButtons: false,
    buttonRowsUsed: 0,
  },
  form: {
    /** @see PLATFORMS.md §1.4: forms are Flows, WhatsApp's own format, so nothing is re-shaped. */
    mode: 'flow',
    /** @see PLATFORMS.md §1.4 "Screen": max 50 components per screen [S] (pywa). */
    maxFieldsPerView: 50,
    /** Flow text limits are not in PLATFORMS.md; forms read from Flows already satisfy them. */
    titleMax: chars(Number.POSITIVE_INFINITY),
    labelMax: chars(Number.POSITIVE_INFINITY),
    placeholderMax: chars(Number.POSITIVE_INFINITY),
    optionsMax: Number.POSITIVE_INFINITY,
    optionLabelMax: chars(Number.POSITIVE_INFINITY),
    optionIdMax: bytes(Number.POSITIVE_INFINITY),
    textInputMax: Number.POSITIVE_INFINITY,
    /** @see PLATFORMS.md §1.4 "Components": TextInput, TextArea, CheckboxGroup, RadioButtonsGroup, Dropdown, DatePicker, OptIn. */
    nativeFieldTypes: [
      'shortText',
      'longText',
      'number',
      'email',
      'phone',
      'password',
      'passcode',
      'date',
      'singleChoice',
      'multipleChoice',
      'dropdown',
      'optIn',
    ],
  },
  /** @see PLATFORMS.md §1.2 "Media": `type:"image|audio|video|document|sticker"`, one per message [P]. */
  media: { kinds: ['image', 'video', 'audio', 'document', 'sticker'], perMessage: 1 },
  /** @see PLATFORMS.md §1.2 "Other spec types": `location` [P]. */
  location: true,
  /** @see PLATFORMS.md §1.2 "Other spec types": `contacts` (1–5 cards) [P]. */
  contacts: true,
  contactsPerMessage: 5,
  /** @see PLATFORMS.md §1.2 "Other spec types": `reaction` [P]. */
  reactions: true,
  edits: false,
  idempotentSend: false,
  rate: {
    /** @see PLATFORMS.md §1.5 "Throughput": 80 messages/s per number by default [P]. */
    globalPerSecond: 80,
    /** @see PLATFORMS.md §1.5 "Pair rate": about 1 message per 6 s to one user [S]. */
    perRecipientPerSecond: 1 / 6,
  },
};
