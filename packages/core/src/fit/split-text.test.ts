import { describe, expect, it } from 'vitest';
import { toPlainText } from '../markup/index.js';
import type { Block, RichText } from '../model/rich-text.js';
import { splitRichText } from './split-text.js';

const doc = (...blocks: Block[]): RichText => ({ type: 'doc', blocks });
const text = (value: string): Block => ({ type: 'paragraph', children: [{ type: 'text', value }] });
const plainWithin = (max: number) => (candidate: RichText) => toPlainText(candidate).length <= max;

describe('splitRichText', () => {
  it('keeps a document that fits as one piece', () => {
    const input = doc(text('short'));
    expect(splitRichText(input, plainWithin(10))).toEqual([input]);
  });

  it('returns no piece for an empty document', () => {
    expect(splitRichText(doc(), plainWithin(10))).toEqual([]);
  });

  it('cuts between paragraphs before cutting inside one', () => {
    const pieces = splitRichText(
      doc(text('a'.repeat(8)), text('b'.repeat(8)), text('c'.repeat(8))),
      plainWithin(20),
    );
    expect(pieces.map(toPlainText)).toEqual([`${'a'.repeat(8)}\n\n${'b'.repeat(8)}`, 'c'.repeat(8)]);
  });

  it('cuts a paragraph at sentence ends, then at spaces, then inside a word', () => {
    const sentences = splitRichText(doc(text('One two three. Four five six. Seven.')), plainWithin(16));
    expect(sentences.map(toPlainText)).toEqual(['One two three.', 'Four five six.', 'Seven.']);
    const words = splitRichText(doc(text('alpha beta gamma delta')), plainWithin(11));
    expect(words.map(toPlainText)).toEqual(['alpha beta', 'gamma delta']);
    const hard = splitRichText(doc(text('abcdefghij')), plainWithin(4));
    expect(hard.map(toPlainText)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never cuts inside a grapheme (family emoji, flags)', () => {
    const family = '👨‍👩‍👧';
    const pieces = splitRichText(doc(text(family.repeat(5))), plainWithin(family.length * 2));
    expect(pieces.map(toPlainText)).toEqual([family.repeat(2), family.repeat(2), family]);
  });

  it('closes and reopens formatting around a cut so every piece is a valid AST', () => {
    const input = doc({
      type: 'paragraph',
      children: [
        {
          type: 'bold',
          children: [
            { type: 'text', value: 'aaa bbb ' },
            { type: 'link', url: 'https://x.y', children: [{ type: 'text', value: 'ccc ddd' }] },
          ],
        },
      ],
    });
    const pieces = splitRichText(input, plainWithin(8));
    expect(pieces).toEqual([
      doc({
        type: 'paragraph',
        children: [{ type: 'bold', children: [{ type: 'text', value: 'aaa bbb' }] }],
      }),
      doc({
        type: 'paragraph',
        children: [
          {
            type: 'bold',
            children: [{ type: 'link', url: 'https://x.y', children: [{ type: 'text', value: 'ccc ddd' }] }],
          },
        ],
      }),
    ]);
  });

  it('splits lists between items, keeps numbering, and splits code blocks between lines', () => {
    const list: Block = {
      type: 'list',
      ordered: true,
      start: 3,
      items: [
        { children: [{ type: 'text', value: 'first item' }] },
        { children: [{ type: 'text', value: 'second item' }] },
      ],
    };
    const pieces = splitRichText(doc(list), plainWithin(16));
    expect(pieces.map((piece) => piece.blocks[0])).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [{ children: [{ type: 'text', value: 'first item' }] }],
      },
      {
        type: 'list',
        ordered: true,
        start: 4,
        items: [{ children: [{ type: 'text', value: 'second item' }] }],
      },
    ]);
    const code = splitRichText(
      doc({ type: 'codeBlock', value: 'line one\nline two', language: 'js' }),
      plainWithin(9),
    );
    expect(code.map((piece) => piece.blocks[0])).toEqual([
      { type: 'codeBlock', value: 'line one', language: 'js' },
      { type: 'codeBlock', value: 'line two', language: 'js' },
    ]);
  });

  it('splits a quote into quotes', () => {
    const quote: Block = { type: 'quote', children: [text('one one'), text('two two')] };
    const pieces = splitRichText(doc(quote), plainWithin(9));
    expect(pieces.map((piece) => piece.blocks[0]?.type)).toEqual(['quote', 'quote']);
    expect(pieces.map(toPlainText).join(' ')).toContain('one one');
  });
});
