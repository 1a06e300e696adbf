import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../model/rich-text.js';
import { MAX_QUOTE_DEPTH, parseWhatsAppMarkup, toRichText } from './parse.js';

const text = (value: string): Inline => ({ type: 'text', value });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const blocksOf = (markup: string): readonly Block[] => parseWhatsAppMarkup(markup).blocks;
const inlinesOf = (markup: string): readonly Inline[] => {
  const [block, ...rest] = blocksOf(markup);
  expect(rest).toEqual([]);
  if (block?.type !== 'paragraph') throw new Error(`expected one paragraph, got ${JSON.stringify(block)}`);
  return block.children;
};

describe('parseWhatsAppMarkup: inline markers', () => {
  it('reads bold, italic, strike, inline code and one-line monospace', () => {
    expect(inlinesOf('*b* _i_ ~s~ `c` say ```m o```!')).toEqual([
      { type: 'bold', children: [text('b')] },
      text(' '),
      { type: 'italic', children: [text('i')] },
      text(' '),
      { type: 'strike', children: [text('s')] },
      text(' '),
      { type: 'code', value: 'c' },
      text(' say '),
      { type: 'code', value: 'm o' },
      text('!'),
    ]);
  });

  it('nests different markers', () => {
    expect(inlinesOf('*_x_*')).toEqual([
      { type: 'bold', children: [{ type: 'italic', children: [text('x')] }] },
    ]);
    expect(inlinesOf('~*a* _b_~')).toEqual([
      {
        type: 'strike',
        children: [
          { type: 'bold', children: [text('a')] },
          text(' '),
          { type: 'italic', children: [text('b')] },
        ],
      },
    ]);
  });

  it.each([
    ['2*3*'],
    ['snake_case_name'],
    ['a * b'],
    ['lone ~ tilde'],
    ['say * leading space*'],
    ['*trailing space *'],
    ['x*inside*word'],
    ['*unclosed'],
    ['**'],
    ['``'],
    ['```'],
    ['``x'],
    ['a ` b'],
    ['~'],
  ])('keeps %j literal', (markup) => {
    expect(inlinesOf(markup)).toEqual([text(markup)]);
  });

  it('lets punctuation and emoji flank markers', () => {
    expect(inlinesOf('(*a*), 🎉*b*🎉')).toEqual([
      text('('),
      { type: 'bold', children: [text('a')] },
      text('), 🎉'),
      { type: 'bold', children: [text('b')] },
      text('🎉'),
    ]);
  });

  it('never pairs markers across a line break', () => {
    expect(inlinesOf('*a\nb*')).toEqual([text('*a'), { type: 'break' }, text('b*')]);
  });

  it('takes the first valid closer and keeps the rest literal', () => {
    expect(inlinesOf('*a *b* c*')).toEqual([{ type: 'bold', children: [text('a *b')] }, text(' c*')]);
  });

  it('does not read markers inside code', () => {
    expect(inlinesOf('`*not bold*` *bold `code*` x*')).toEqual([
      { type: 'code', value: '*not bold*' },
      text(' '),
      { type: 'bold', children: [text('bold '), { type: 'code', value: 'code*' }, text(' x')] },
    ]);
  });
});

describe('parseWhatsAppMarkup: URLs', () => {
  it('turns a bare URL into a link whose text is the URL, leaving trailing punctuation outside', () => {
    expect(inlinesOf('See https://example.com/a_b_c. Or (https://x.io/p?q=1)!')).toEqual([
      text('See '),
      { type: 'link', url: 'https://example.com/a_b_c', children: [text('https://example.com/a_b_c')] },
      text('. Or ('),
      { type: 'link', url: 'https://x.io/p?q=1', children: [text('https://x.io/p?q=1')] },
      text(')!'),
    ]);
  });

  it('keeps markers inside a URL out of formatting but formats around it', () => {
    expect(inlinesOf('_see https://x.com/_path_/_')).toEqual([
      {
        type: 'italic',
        children: [
          text('see '),
          { type: 'link', url: 'https://x.com/_path_/', children: [text('https://x.com/_path_/')] },
        ],
      },
    ]);
  });

  it('keeps balanced parentheses in a URL', () => {
    expect(inlinesOf('https://en.wikipedia.org/wiki/Foo_(bar)')).toEqual([
      {
        type: 'link',
        url: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        children: [text('https://en.wikipedia.org/wiki/Foo_(bar)')],
      },
    ]);
  });

  it('needs a boundary before the scheme and something after it', () => {
    expect(inlinesOf('xhttps://a.b and https:// alone')).toEqual([text('xhttps://a.b and https:// alone')]);
  });
});

describe('parseWhatsAppMarkup: blocks', () => {
  it('separates paragraphs on a blank line and keeps single newlines as breaks', () => {
    expect(blocksOf('a\nb\n\n  \nc')).toEqual([
      paragraph(text('a'), { type: 'break' }, text('b')),
      paragraph(text('c')),
    ]);
  });

  it('treats CRLF and CR as newlines', () => {
    expect(blocksOf('a\r\nb\r\rc')).toEqual([
      paragraph(text('a'), { type: 'break' }, text('b')),
      paragraph(text('c')),
    ]);
  });

  it('reads bullet lists with - and *, and numbered lists keeping the start number', () => {
    expect(blocksOf('Options:\n- *one*\n* two\n3. three\n4. four')).toEqual([
      paragraph(text('Options:')),
      {
        type: 'list',
        ordered: false,
        items: [{ children: [{ type: 'bold', children: [text('one')] }] }, { children: [text('two')] }],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [{ children: [text('three')] }, { children: [text('four')] }],
      },
    ]);
  });

  it('starts a new list when the numbers do not follow on, so every typed number stays visible', () => {
    expect(blocksOf('1. a\n1. b')).toEqual([
      { type: 'list', ordered: true, start: 1, items: [{ children: [text('a')] }] },
      { type: 'list', ordered: true, start: 1, items: [{ children: [text('b')] }] },
    ]);
  });

  it.each([['-no space'], ['- '], ['01. zero-padded'], ['1.no space'], ['>no space'], ['  - indented']])(
    'keeps %j as paragraph text',
    (markup) => {
      expect(blocksOf(markup)).toEqual([paragraph(text(markup))]);
    },
  );

  it('groups consecutive quote lines into one quote holding blocks', () => {
    expect(blocksOf('> line one\n> - item\n\n> other')).toEqual([
      {
        type: 'quote',
        children: [
          paragraph(text('line one')),
          { type: 'list', ordered: false, items: [{ children: [text('item')] }] },
        ],
      },
      { type: 'quote', children: [paragraph(text('other'))] },
    ]);
  });

  it('nests quotes up to the depth limit and keeps deeper markers literal', () => {
    expect(blocksOf('> > x')).toEqual([
      { type: 'quote', children: [{ type: 'quote', children: [paragraph(text('x'))] }] },
    ]);
    let block: Block | undefined = blocksOf('> '.repeat(MAX_QUOTE_DEPTH + 1) + 'deep')[0];
    for (let depth = 0; depth < MAX_QUOTE_DEPTH; depth += 1) {
      expect(block?.type).toBe('quote');
      block = block?.type === 'quote' ? block.children[0] : undefined;
    }
    expect(block).toEqual(paragraph(text('> deep')));
  });

  it('reads a fenced multi-line block, dropping the newline right after and before the fences', () => {
    expect(blocksOf('before\n```\nconst a = *1*;\n\n  b\n```\nafter')).toEqual([
      paragraph(text('before')),
      { type: 'codeBlock', value: 'const a = *1*;\n\n  b' },
      paragraph(text('after')),
    ]);
    expect(blocksOf('```first\nlast```')).toEqual([{ type: 'codeBlock', value: 'first\nlast' }]);
  });

  it('reads a one-line ``` block standing alone as a code block', () => {
    expect(blocksOf('```echo hi```')).toEqual([{ type: 'codeBlock', value: 'echo hi' }]);
  });

  it('keeps an unclosed fence literal', () => {
    expect(blocksOf('```\nno end')).toEqual([paragraph(text('```'), { type: 'break' }, text('no end'))]);
  });
});

describe('toRichText', () => {
  it('parses a string and returns an AST unchanged', () => {
    const doc = parseWhatsAppMarkup('*x*');
    expect(toRichText('*x*')).toEqual(doc);
    expect(toRichText(doc)).toBe(doc);
  });
});

describe('parseWhatsAppMarkup: robustness', () => {
  it.each([[''], ['\n\n\n'], ['```'], ['> '], ['>'], ['*'], ['\u0000\uffff'], ['\ud800'], ['`'.repeat(50)]])(
    'does not throw on %j',
    (markup) => {
      expect(() => parseWhatsAppMarkup(markup)).not.toThrow();
    },
  );

  it('parses a long hostile line (no quadratic scan: the test timeout would catch one)', () => {
    const hostile = '(*a_`~'.repeat(40_000);
    const doc = parseWhatsAppMarkup(hostile);
    expect(doc.blocks).toHaveLength(1);
  });
});
