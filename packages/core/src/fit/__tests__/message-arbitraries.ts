import fc from 'fast-check';
import type { Button, FormBlock, Media, Message } from '../../model/index.js';

// Messages of every shape fit must handle: markup-dense and huge texts, oversized labels and ids,
// long button lists, menus, nested forms, media, locations, contacts and reactions.
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
/** A button or option label, up to absurdly long. */
export const label = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant('L'.repeat(10_000)),
  fc.constant('👨‍👩‍👧'.repeat(30)),
);
/** A button or option id, including ones over every platform's byte limit. */
export const id = fc.oneof(
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
/** Any neutral message, every field optional. */
export const message: fc.Arbitrary<Message> = fc.record(
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
