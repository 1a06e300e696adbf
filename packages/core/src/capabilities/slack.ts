import type { ChannelCapabilities } from './types.js';

const chars = (max: number) => ({ max, unit: 'utf16' }) as const;
const bytes = (max: number) => ({ max, unit: 'bytes' }) as const;

/**
 * What a Slack message (Block Kit) can show. Lengths count the raw mrkdwn string; UTF-16 units are
 * never fewer than Slack's characters, so they are the safe unit. One fitted message is one section
 * block of text (3000) plus at most a header block, an image block, one actions block of buttons and
 * one select, and a context block for the footer: far under the 50-block limit, so no block budgeting
 * is needed.
 * @see PLATFORMS.md §3.2 "Block Kit limits", `slackapi/node-slack-sdk@4322e14f:packages/types/src/block-kit/`
 */
export const SLACK_CAPABILITIES: ChannelCapabilities = {
  channel: 'slack',
  dialect: 'slack-mrkdwn',
  textMeasure: 'rendered',
  /** @see PLATFORMS.md §3.2: `section.text` 1–3000 [P]. */
  text: chars(3000),
  interactiveText: chars(3000),
  actionsNeedText: false,
  /** Caption = the section text beside the image block. @see PLATFORMS.md §3.2 (3000). */
  caption: chars(3000),
  /** @see PLATFORMS.md §3.2: header block text ≤150 [P]. */
  header: chars(150),
  /**
   * Shown as a `context` block of one `plain_text` element, not folded into the text.
   * @see PLATFORMS.md §3.2: `context` ≤10 elements [P]; the 2000 cap is Ferry's, below the 3000 of text objects.
   */
  footer: chars(2000),
  headerNeedsActions: false,
  mediaHeaderKinds: [],
  replyButtons: {
    /** @see PLATFORMS.md §3.2: `actions` block ≤25 elements [P]; Ferry uses one actions block. */
    maxPerMessage: 25,
    maxPerRow: 25,
    maxRows: 1,
    /** @see PLATFORMS.md §3.2: button `text` ≤75 [P]. */
    labelMax: chars(75),
    /** @see PLATFORMS.md §3.2: `action_id` ≤255 [P] (value ≤2000 is looser); bytes to be safe. */
    idMax: bytes(255),
    uniqueLabels: false,
  },
  urlButtons: {
    maxPerMessage: 25,
    labelMax: chars(75),
    /** @see PLATFORMS.md §3.2: button `url` ≤3000 [P]. */
    urlMax: 3000,
  },
  phoneButtons: false,
  copyCodeButtons: false,
  mixedButtons: true,
  actionsOnMedia: true,
  menu: {
    /** @see PLATFORMS.md §3.2: `option_groups` ≤100 [P]. */
    maxSections: 100,
    /** @see PLATFORMS.md §3.2: `options` ≤100 [P]; Ferry keeps the whole select at 100. */
    maxRowsTotal: 100,
    maxRowsPerSection: 100,
    /** The menu label is the select's placeholder. @see PLATFORMS.md §3.2: placeholder ≤150 [P]. */
    labelMax: chars(150),
    /** Group labels are text objects like option text. @see PLATFORMS.md §3.2: option `text` ≤75 [P]. */
    sectionTitleMax: chars(75),
    /** @see PLATFORMS.md §3.2: option `text` ≤75 [P]. */
    rowTitleMax: chars(75),
    /** @see PLATFORMS.md §3.2: option `description` ≤75 [P]. */
    rowDescriptionMax: chars(75),
    /** @see PLATFORMS.md §3.2: option `value` ≤75 per @slack/types [P]. */
    idMax: bytes(75),
    withButtons: true,
    buttonRowsUsed: 0,
  },
  form: {
    mode: 'modal',
    /** @see PLATFORMS.md §3.2: 100 blocks in modals [P]; every form block counts as one. */
    maxFieldsPerView: 100,
    /** Not in PLATFORMS.md; Slack's view title is 24 characters (docs.slack.dev views reference). */
    titleMax: chars(24),
    /** Not in PLATFORMS.md; input block labels are plain_text ≤2000 (docs.slack.dev input block). */
    labelMax: chars(2000),
    /** @see PLATFORMS.md §3.2: placeholder ≤150 [P]. */
    placeholderMax: chars(150),
    /** @see PLATFORMS.md §3.2: `static_select` options ≤100 [P]. */
    optionsMax: 100,
    /** @see PLATFORMS.md §3.2: option `text` ≤75 [P]. */
    optionLabelMax: chars(75),
    /** @see PLATFORMS.md §3.2: option `value` ≤75 [P]. */
    optionIdMax: bytes(75),
    /** Not in PLATFORMS.md; plain_text_input `max_length` is 3000 (docs.slack.dev). */
    textInputMax: 3000,
    /** Block Kit inputs: plain_text_input, number_input, email_text_input, datepicker, selects, radio, checkboxes. */
    nativeFieldTypes: [
      'shortText',
      'longText',
      'number',
      'email',
      'date',
      'singleChoice',
      'multipleChoice',
      'dropdown',
      'optIn',
    ],
  },
  /** An image block shows an image by URL; other files need an upload, so Ferry links them. */
  media: { kinds: ['image'], perMessage: 1 },
  location: false,
  contacts: false,
  contactsPerMessage: 0,
  /** `reactions.add` (PLATFORMS.md §5, slack-mock coverage). */
  reactions: true,
  /** @see PLATFORMS.md §3.2: 50 blocks per message [P]. */
  maxBlocks: 50,
  edits: true,
  idempotentSend: false,
  rate: {
    /** @see PLATFORMS.md §3.1: `chat.postMessage` is Special; the workspace-wide figure is not published. */
    globalPerSecond: 20,
    /** @see PLATFORMS.md §3.1: generally 1 message/s per channel [P]. */
    perRecipientPerSecond: 1,
  },
};
