import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../capabilities/index.js';
import type { ChannelCapabilities, TextLimit } from '../capabilities/types.js';
import { renderMarkup, toPlainText, toRichText } from '../markup/index.js';
import type { Button, FormBlock, Media, Message, RichText } from '../model/index.js';
import { fit as fitFor } from './index.js';
import { ShortIdTable } from './short-id.js';

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
function limitViolations(message: Message, caps: ChannelCapabilities): string[] {
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

function assertWithinLimits(message: Message, caps: ChannelCapabilities): void {
  expect(limitViolations(message, caps), JSON.stringify(message).slice(0, 400)).toEqual([]);
}

const TOKENS = [
  '*',
  '_',
  '~',
  '`',
  '```',
  ' ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '> ',
  '- ',
  '1. ',
  '&',
  '<',
  '>',
  '|',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '#',
  '😀',
  '👨‍👩‍👧',
  'é',
  'ß',
  'word',
  'Ferry',
  'moves.',
  'https://example.com/a?b=c',
  '.',
  '!',
];
const markupText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((tokens) => tokens.join(''));
const longText = fc
  .array(
    fc.constantFrom(
      'alpha',
      'beta.',
      '*gamma*',
      '_delta_',
      'epsilon!',
      '\n',
      '\n\n',
      '- item',
      '> quote',
      'x'.repeat(700),
      '😀😀',
    ),
    {
      minLength: 100,
      maxLength: 400,
    },
  )
  .map((tokens) => tokens.join(' '));
const anyText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 50 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 2 },
  { arbitrary: markupText, weight: 3 },
  { arbitrary: longText, weight: 1 },
);
const label = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant('L'.repeat(10_000)),
  fc.constant('👨‍👩‍👧'.repeat(30)),
);
const id = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constant('i'.repeat(300)),
  fc.constant('~a'),
);
const button: fc.Arbitrary<Button> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('reply' as const), id, title: label }), weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant('url' as const),
      title: label,
      url: fc.oneof(fc.webUrl(), fc.constant(`https://e.com/${'p'.repeat(5000)}`)),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('phone' as const),
      title: label,
      phone: fc.constant('+15551234567'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('copyCode' as const),
      title: label,
      code: fc.string({ maxLength: 20 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('form' as const), title: label, formId: id }), weight: 1 },
);
const menu = fc.record({
  label,
  sections: fc.array(
    fc.record(
      {
        title: label,
        rows: fc.array(
          fc.record({ id, title: label, description: label }, { requiredKeys: ['id', 'title'] }),
          { maxLength: 30 },
        ),
      },
      { requiredKeys: ['rows'] },
    ),
    { maxLength: 12 },
  ),
});
const media: fc.Arbitrary<Media> = fc.record(
  {
    kind: fc.constantFrom('image', 'video', 'audio', 'document', 'sticker'),
    source: fc.oneof(
      fc.record({ url: fc.webUrl() }),
      fc.record({ fileId: fc.string({ minLength: 1, maxLength: 10 }) }),
    ),
    caption: anyText,
    filename: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: ['kind', 'source'] },
);
const option = fc.record({ id, title: label });
const field = fc.record(
  {
    kind: fc.constant('field' as const),
    name: fc.string({ minLength: 1, maxLength: 8 }),
    type: fc.constantFrom(
      'shortText',
      'longText',
      'number',
      'email',
      'date',
      'dropdown',
      'singleChoice',
      'optIn',
      'phone',
    ),
    label,
    helperText: label,
    maxLength: fc.integer({ min: 1, max: 100_000 }),
    options: fc.array(option, { maxLength: 120 }),
  },
  { requiredKeys: ['kind', 'name', 'type', 'label'] },
);
const formBlock: fc.Arbitrary<FormBlock> = fc.oneof(
  { arbitrary: field, weight: 5 },
  {
    arbitrary: fc.record({ kind: fc.constant('body' as const), text: fc.string({ maxLength: 20 }) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('if' as const),
      condition: fc.constant('${form.a}'),
      // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
      then: fc.array(field, { maxLength: 8 }),
      else: fc.array(field, { maxLength: 3 }),
    }),
    weight: 1,
  },
);
const form = fc.record({
  id: fc.string({ minLength: 1, maxLength: 10 }),
  title: label,
  screens: fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      title: label,
      blocks: fc.array(formBlock, { maxLength: 14 }),
      submit: fc.record({ label, action: fc.constant({ type: 'complete' as const, payload: {} }) }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
const message: fc.Arbitrary<Message> = fc.record(
  {
    text: anyText,
    header: fc.oneof(
      fc.record({ type: fc.constant('text' as const), text: label }),
      fc.record({ type: fc.constant('media' as const), media }),
    ),
    footer: label,
    media: fc.array(media, { maxLength: 3 }),
    buttons: fc.oneof(fc.array(button, { maxLength: 8 }), fc.array(button, { maxLength: 150 })),
    menu,
    form,
    location: fc.record(
      {
        latitude: fc.double({ min: -90, max: 90, noNaN: true }),
        longitude: fc.double({ min: -180, max: 180, noNaN: true }),
        name: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: ['latitude', 'longitude'] },
    ),
    contacts: fc.array(
      fc.record(
        {
          name: fc.record({ formatted: fc.string({ maxLength: 20 }) }),
          phones: fc.array(fc.record({ phone: fc.string({ maxLength: 15 }) }), { maxLength: 2 }),
        },
        { requiredKeys: ['name'] },
      ),
      { maxLength: 7 },
    ),
    reaction: fc.record({ messageId: fc.string({ minLength: 1, maxLength: 5 }), emoji: fc.constant('👍') }),
  },
  { requiredKeys: [] },
);

function words(doc: RichText): string[] {
  return toPlainText(doc)
    .split(/\s+/)
    .filter((word) => word !== '');
}

function visibleText(messages: readonly Message[]): string {
  return messages
    .flatMap((item) => [item.text, ...(item.media ?? []).map((entry) => entry.caption)])
    .map((text) => (text === undefined ? '' : toPlainText(toRichText(text))))
    .join('')
    .replace(/\s+/g, '');
}

const TARGETS = Object.values(CAPABILITIES);

describe('fit keeps every target within its limits', () => {
  it('the checker itself rejects what fit must never produce', () => {
    const telegram = CAPABILITIES.telegram;
    const tooLong: Message = { text: toRichText('a'.repeat(4097)) };
    expect(limitViolations(tooLong, telegram)).toEqual(['text over 4096']);
    const buttons = Array.from({ length: 9 }, (_, index) => ({
      kind: 'reply' as const,
      id: 'x'.repeat(65) + index,
      title: 'ok',
    }));
    expect(limitViolations({ text: toRichText('hi'), buttons }, CAPABILITIES.whatsapp)).toContain(
      'too many buttons',
    );
    expect(limitViolations({ text: toRichText('hi'), buttons: buttons.slice(0, 1) }, telegram)).toEqual([
      'button id size',
    ]);
    expect(
      limitViolations({ text: toRichText('hi'), menu: { label: 'm', sections: [] } }, telegram),
    ).toContain('menu on a target without menus');
  });

  it('for any message, no fitted message breaks a limit and every word of the text survives', () => {
    fc.assert(
      fc.property(message, (input) => {
        for (const caps of TARGETS) {
          const result = fitFor(input, caps, { ids: new ShortIdTable() });
          for (const output of result.messages) assertWithinLimits(output, caps);
          if (input.text !== undefined && !result.notes.some((note) => note.severity === 'lost')) {
            const shown = visibleText(result.messages);
            for (const word of words(toRichText(input.text)))
              expect(shown, `${caps.channel} lost "${word}"`).toContain(word);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('every shortened id restores to the original through the table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constant('reply' as const), id, title: label }), {
          minLength: 1,
          maxLength: 40,
        }),
        (buttons) => {
          for (const caps of TARGETS) {
            const ids = new ShortIdTable();
            const result = fitFor({ text: 'Pick one', buttons }, caps, { ids });
            const restored = result.messages
              .flatMap((item) => [
                ...(item.buttons ?? []).map((entry) => (entry.kind === 'reply' ? entry.id : '')),
                ...(item.menu?.sections ?? []).flatMap((section) => section.rows.map((row) => row.id)),
              ])
              .map((shortId) => ids.restore(shortId));
            expect(restored).toEqual(buttons.map((entry) => entry.id));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('a 1000-button message and a 200k-character text fit every target', () => {
    const huge: Message = {
      text: `*${'bold words and more. '.repeat(10_000)}*`,
      buttons: Array.from({ length: 1000 }, (_, index) => ({
        kind: 'reply' as const,
        id: `choice-${index}`,
        title: `Choice ${index}`,
      })),
    };
    for (const caps of TARGETS) {
      const result = fitFor(huge, caps);
      for (const output of result.messages) assertWithinLimits(output, caps);
      const ids = result.messages.flatMap((item) => [
        ...(item.buttons ?? []).map((entry) => (entry.kind === 'reply' ? entry.id : '')),
        ...(item.menu?.sections ?? []).flatMap((section) => section.rows.map((row) => row.id)),
      ]);
      expect(ids).toHaveLength(1000);
    }
  }, 60_000);
});
