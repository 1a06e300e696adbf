import fc from 'fast-check';
import type { Block, Inline, ListItem, RichText } from '../../model/rich-text.js';

/** Characters that stress every dialect: all markers, escapes, entities, RTL, emoji and ZWJ pieces. */
const NASTY_UNITS = [
  ...'*_~`>-#+=|{}.!()[]\\<>&"\' \t\n\r1234567890abcXYZhtps:/',
  'é',
  'ß',
  '日',
  'ש',
  'ع',
  '😀',
  '👩‍👩‍👧',
  '🇺🇦',
  '\u200b',
  '\u200d',
  'https://',
];

/** Strings dense in markup characters. */
export const markupLikeString = fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength: 60 });

/** Few letters, many markers and line starts: the strings most likely to form accidental markup. */
export const markerSoup = fc.string({
  unit: fc.constantFrom(
    '*',
    '_',
    '~',
    '`',
    '```',
    ' ',
    'a',
    'b',
    '.',
    '(',
    '\n',
    '- ',
    '* ',
    '> ',
    '1. ',
    'https://x.io/_a_',
  ),
  maxLength: 30,
});

/** Any string at all: markup-dense, arbitrary Unicode (incl. lone surrogates) or plain. */
export const anyString = fc.oneof(
  markupLikeString,
  markerSoup,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const url = fc.oneof(
  fc.webUrl(),
  fc
    .string({ unit: fc.constantFrom(...'ab)(\\_*"<>& .'), maxLength: 10 })
    .map((path) => `https://x.io/${path}`),
);

/** Any AST, including shapes no WhatsApp string produces (deep nesting, links in links, odd values). */
export const anyRichText: fc.Arbitrary<RichText> = (() => {
  const { inline, block } = fc.letrec<{ inline: Inline; block: Block }>((tie) => ({
    inline: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      anyString.map((value): Inline => ({ type: 'text', value })),
      fc.constant<Inline>({ type: 'break' }),
      anyString.map((value): Inline => ({ type: 'code', value })),
      fc
        .tuple(fc.constantFrom('bold', 'italic', 'strike'), fc.array(tie('inline'), { maxLength: 4 }))
        .map(([type, children]): Inline => ({ type, children })),
      fc
        .tuple(url, fc.array(tie('inline'), { maxLength: 3 }))
        .map(([href, children]): Inline => ({ type: 'link', url: href, children })),
    ),
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.array(tie('inline'), { maxLength: 5 }).map((children): Block => ({ type: 'paragraph', children })),
      fc
        .tuple(
          anyString,
          fc.option(fc.oneof(fc.constantFrom('ts', 'c++', 'bad lang'), anyString), { nil: undefined }),
        )
        .map(
          ([value, language]): Block =>
            language === undefined ? { type: 'codeBlock', value } : { type: 'codeBlock', value, language },
        ),
      fc
        .tuple(
          fc.boolean(),
          fc.nat(1000),
          fc.array(fc.array(tie('inline'), { maxLength: 3 }), { maxLength: 3 }),
        )
        .map(
          ([ordered, start, items]): Block => ({
            type: 'list',
            ordered,
            start,
            items: items.map((children): ListItem => ({ children })),
          }),
        ),
      fc.array(tie('block'), { maxLength: 3 }).map((children): Block => ({ type: 'quote', children })),
    ),
  }));
  void inline;
  return fc.array(block, { maxLength: 4 }).map((blocks): RichText => ({ type: 'doc', blocks }));
})();

// ---- ASTs WhatsApp markup can represent (see the round-trip exceptions in the README notes) ----

const WORD_UNITS = [...'abcXYZ019.,!?#()[]{}+=|-<>&"*_~`', 'é', 'ß', '日', 'ש', 'ع', '😀', '👩‍👩‍👧', '🇺🇦'];
const word = fc.string({ unit: fc.constantFrom(...WORD_UNITS), minLength: 1, maxLength: 6 });
const codeValue = fc
  .string({ unit: fc.constantFrom(...'abc *_~-.>#'), minLength: 1, maxLength: 8 })
  .filter((value) => value.trim() === value);
const autoLink = fc
  .string({ unit: fc.constantFrom(...'abcxyz019/-'), minLength: 1, maxLength: 8 })
  .map((path): Inline => {
    const href = `https://example.com/${path}a`;
    return { type: 'link', url: href, children: [{ type: 'text', value: href }] };
  });

type Format = 'bold' | 'italic' | 'strike';

/** Words, code, bare links and formatting, separated by single spaces. */
function sequence(depth: number, active: readonly Format[]): fc.Arbitrary<Inline[]> {
  const free = (['bold', 'italic', 'strike'] as const).filter((format) => !active.includes(format));
  const items: fc.Arbitrary<Inline>[] = [
    word.map((value): Inline => ({ type: 'text', value })),
    codeValue.map((value): Inline => ({ type: 'code', value })),
    autoLink,
  ];
  if (depth > 0) {
    for (const format of free) {
      items.push(
        sequence(depth - 1, [...active, format]).map((children): Inline => ({ type: format, children })),
      );
    }
  }
  return fc
    .array(fc.oneof(...items), { minLength: 1, maxLength: 4 })
    .map((parts) =>
      parts.flatMap((part, index): Inline[] => (index === 0 ? [part] : [{ type: 'text', value: ' ' }, part])),
    );
}

const paragraph = fc.array(sequence(2, []), { minLength: 1, maxLength: 3 }).map(
  (lines): Block => ({
    type: 'paragraph',
    children: lines.flatMap((line, index): Inline[] => (index === 0 ? line : [{ type: 'break' }, ...line])),
  }),
);
const codeBlock = fc
  .array(
    fc.array(
      word.filter((value) => !value.includes('`')),
      { minLength: 1, maxLength: 3 },
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((lines): Block => ({ type: 'codeBlock', value: lines.map((line) => line.join(' ')).join('\n') }));
const list = fc
  .tuple(fc.boolean(), fc.nat(30), fc.array(sequence(1, []), { minLength: 1, maxLength: 3 }))
  .map(
    ([ordered, start, items]): Block =>
      ordered
        ? { type: 'list', ordered, start, items: items.map((children) => ({ children })) }
        : { type: 'list', ordered, items: items.map((children) => ({ children })) },
  );

function representableBlock(depth: number): fc.Arbitrary<Block> {
  const leaves = [paragraph, codeBlock, list];
  if (depth === 0) return fc.oneof(...leaves);
  return fc.oneof(
    ...leaves,
    fc
      .array(representableBlock(depth - 1), { minLength: 1, maxLength: 2 })
      .map((children): Block => ({ type: 'quote', children })),
  );
}

/** ASTs whose WhatsApp rendering parses back to the same (normalised) AST. */
export const representableRichText = fc
  .array(representableBlock(2), { minLength: 1, maxLength: 4 })
  .map((blocks): RichText => ({ type: 'doc', blocks }));
