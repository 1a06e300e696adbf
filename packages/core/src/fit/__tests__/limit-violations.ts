import { expect } from 'vitest';
import type { ChannelCapabilities, TextLimit } from '../../capabilities/types.js';
import { renderMarkup, toPlainText } from '../../markup/index.js';
import type { Button, FormBlock, Message, RichText } from '../../model/index.js';

// An independent statement of every limit a fitted message must respect, written from the
// capability data alone (it shares no code with fit/).
function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function within(text: string, limit: TextLimit): boolean {
  const size =
    limit.unit === 'bytes' ? bytes(text) : limit.unit === 'codepoints' ? [...text].length : text.length;
  return size <= limit.max;
}

function docLength(doc: RichText, caps: ChannelCapabilities): string {
  return caps.textMeasure === 'plain' ? toPlainText(doc) : renderMarkup(doc, caps.dialect);
}

function slots(block: FormBlock): number {
  if (block.kind === 'if') return Math.max(sum(block.then), sum(block.else ?? []));
  if (block.kind === 'switch') return Math.max(0, ...Object.values(block.cases).map(sum));
  return 1;
}
const sum = (blocks: readonly FormBlock[]) => blocks.reduce((total, block) => total + slots(block), 0);

function leaves(blocks: readonly FormBlock[]): FormBlock[] {
  return blocks.flatMap((block) =>
    block.kind === 'if'
      ? [...leaves(block.then), ...leaves(block.else ?? [])]
      : block.kind === 'switch'
        ? Object.values(block.cases).flatMap(leaves)
        : [block],
  );
}

/** Every limit of `caps` that `message` breaks, in words (empty when it is within all of them). */
export function limitViolations(message: Message, caps: ChannelCapabilities): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const buttons = message.buttons ?? [];
  const hasActions = buttons.length > 0 || message.menu !== undefined;
  if (message.text !== undefined) {
    check(typeof message.text !== 'string', 'text is not an AST');
    if (typeof message.text !== 'string') {
      const limit = hasActions ? caps.interactiveText : caps.text;
      check(within(docLength(message.text, caps), limit), `text over ${limit.max}`);
      check(message.media === undefined, 'text beside media (captions carry text)');
    }
  }
  if (hasActions && caps.actionsNeedText && message.media === undefined) {
    const text =
      message.text === undefined || typeof message.text === 'string' ? '' : toPlainText(message.text);
    check(text.trim() !== '', 'actions without text');
  }
  if (message.header !== undefined) {
    if (caps.headerNeedsActions) check(hasActions, 'header without actions');
    if (message.header.type === 'text') {
      check(caps.header !== null && within(message.header.text, caps.header), 'header over limit');
    } else check(caps.mediaHeaderKinds.includes(message.header.media.kind), 'media header kind');
  }
  if (message.footer !== undefined) {
    if (caps.headerNeedsActions) check(hasActions, 'footer without actions');
    check(caps.footer !== null && within(message.footer, caps.footer), 'footer over limit');
  }
  const media = message.media ?? [];
  check(media.length <= caps.media.perMessage, 'too many media');
  if (media.length > 0 && hasActions) check(caps.actionsOnMedia, 'actions on media');
  for (const item of media) {
    check(caps.media.kinds.includes(item.kind), `media kind ${item.kind}`);
    if (item.caption !== undefined) {
      check(typeof item.caption !== 'string', 'caption is not an AST');
      if (typeof item.caption !== 'string')
        check(within(docLength(item.caption, caps), caps.caption), 'caption over limit');
    }
  }
  const ids = new Set<string>();
  const uniqueId = (id: string, limit: TextLimit, what: string) => {
    check(id.length > 0 && within(id, limit), `${what} id size`);
    check(!ids.has(id), `${what} id repeated`);
    ids.add(id);
  };
  const { replyButtons, urlButtons, menu } = caps;
  const menuRows = message.menu !== undefined && menu !== null ? menu.buttonRowsUsed : 0;
  check(buttons.length <= replyButtons.maxPerMessage, 'too many buttons');
  check(
    Math.ceil(buttons.length / replyButtons.maxPerRow) + (buttons.length > 0 ? menuRows : 0) <=
      replyButtons.maxRows,
    'too many rows',
  );
  const labels = new Set<string>();
  const urls = buttons.filter((button) => button.kind === 'url');
  check(urls.length <= (urlButtons?.maxPerMessage ?? 0), 'too many URL buttons');
  if (!caps.mixedButtons) check(urls.length === 0 || urls.length === buttons.length, 'mixed buttons');
  for (const button of buttons as Button[]) {
    check(button.title.trim() !== '', 'empty label');
    if (replyButtons.uniqueLabels) check(!labels.has(button.title), `repeated label ${button.title}`);
    labels.add(button.title);
    if (button.kind === 'url') {
      check(urlButtons !== null && within(button.title, urlButtons.labelMax), 'url label');
      check(urlButtons !== null && button.url.length <= urlButtons.urlMax, 'url length');
    } else {
      check(within(button.title, replyButtons.labelMax), `label over ${replyButtons.labelMax.max}`);
      if (button.kind === 'reply') uniqueId(button.id, replyButtons.idMax, 'button');
      if (button.kind === 'form') uniqueId(button.formId, replyButtons.idMax, 'form button');
      if (button.kind === 'phone') check(caps.phoneButtons, 'phone button');
      if (button.kind === 'copyCode') check(caps.copyCodeButtons, 'copy-code button');
    }
  }
  if (message.menu !== undefined) {
    check(menu !== null, 'menu on a target without menus');
    if (menu !== null) {
      if (buttons.length > 0) check(menu.withButtons, 'menu beside buttons');
      const sections = message.menu.sections;
      check(sections.length >= 1 && sections.length <= menu.maxSections, 'section count');
      const total = sections.reduce((count, section) => count + section.rows.length, 0);
      check(total >= 1 && total <= menu.maxRowsTotal, 'rows total');
      check(message.menu.label.trim() !== '' && within(message.menu.label, menu.labelMax), 'menu label');
      for (const section of sections) {
        check(section.rows.length >= 1 && section.rows.length <= menu.maxRowsPerSection, 'rows per section');
        if (section.title !== undefined) check(within(section.title, menu.sectionTitleMax), 'section title');
        if (sections.length > 1 && menu.sectionTitleMax.max > 0)
          check(Boolean(section.title), 'untitled section');
        for (const row of section.rows) {
          check(row.title.trim() !== '' && within(row.title, menu.rowTitleMax), 'row title');
          if (row.description !== undefined)
            check(within(row.description, menu.rowDescriptionMax), 'row description');
          uniqueId(row.id, menu.idMax, 'row');
        }
      }
    }
  }
  if (message.location !== undefined) check(caps.location, 'location');
  if (message.contacts !== undefined) {
    check(caps.contacts && message.contacts.length <= caps.contactsPerMessage, 'contacts');
  }
  if (message.reaction !== undefined) check(caps.reactions, 'reaction');
  const form = message.form;
  if (form !== undefined) {
    const formCaps = caps.form;
    if (form.title !== undefined) check(within(form.title, formCaps.titleMax), 'form title');
    for (const screen of form.screens) {
      check(sum(screen.blocks) <= formCaps.maxFieldsPerView, `view of ${sum(screen.blocks)} blocks`);
      if (screen.title !== undefined) check(within(screen.title, formCaps.titleMax), 'screen title');
      for (const block of leaves(screen.blocks)) {
        const options =
          block.kind === 'field' ? (block.options ?? []) : block.kind === 'navigationList' ? block.items : [];
        check(options.length <= formCaps.optionsMax, 'too many options');
        const optionIds = new Set<string>();
        for (const option of options) {
          check(within(option.title, formCaps.optionLabelMax), 'option label');
          check(
            option.id.length > 0 && within(option.id, formCaps.optionIdMax) && !optionIds.has(option.id),
            'option id',
          );
          optionIds.add(option.id);
        }
        if (block.kind !== 'field') continue;
        check(within(block.label, formCaps.labelMax), 'field label');
        if (block.helperText !== undefined)
          check(within(block.helperText, formCaps.placeholderMax), 'helper text');
        if (block.maxLength !== undefined) check(block.maxLength <= formCaps.textInputMax, 'max length');
      }
    }
  }
  return problems;
}

/** Fails the test, naming every broken limit, when `message` is not within `caps`. */
export function assertWithinLimits(message: Message, caps: ChannelCapabilities): void {
  expect(limitViolations(message, caps), JSON.stringify(message).slice(0, 400)).toEqual([]);
}
