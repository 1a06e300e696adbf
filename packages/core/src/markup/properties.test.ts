import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarkupDialect } from '../capabilities/types.js';
import type { Block, Inline, RichText } from '../model/rich-text.js';
import {
  anyRichText,
  anyString,
  markerSoup,
  markupLikeString,
  representableRichText,
} from './__tests__/arbitraries.js';
import { readMarkdownV2, readTelegramHtml } from './__tests__/telegram-checkers.js';
import { escapePlain } from './escape-plain.js';
import { normalizeRichText } from './normalize.js';
import { parseWhatsAppMarkup } from './parse.js';
import { toPlainText } from './plain.js';
import { renderMarkup } from './render.js';

const DIALECTS: readonly MarkupDialect[] = [
  'whatsapp',
  'telegram-html',
  'telegram-markdownv2',
  'slack-mrkdwn',
  'discord-markdown',
];
const RUNS = { numRuns: Number(process.env.MARKUP_RUNS ?? 300) };

/** Characters a parse may legitimately consume (markers, list bullets) or re-lay-out (whitespace). */
const visibleCharacters = (text: string): string => text.replace(/[\s*_~`>\-•]/gu, '');

function stripZeroWidthSpaces(doc: RichText): RichText {
  const inline = (node: Inline): Inline => {
    if (node.type === 'text') return { type: 'text', value: node.value.replace(/[\u200b\ufeff]/g, '') };
    if (node.type === 'bold' || node.type === 'italic' || node.type === 'strike' || node.type === 'link') {
      return { ...node, children: node.children.map(inline) };
    }
    return node;
  };
  const block = (node: Block): Block => {
    switch (node.type) {
      case 'paragraph':
        return { type: 'paragraph', children: node.children.map(inline) };
      case 'quote':
        return { type: 'quote', children: node.children.map(block) };
      case 'list':
        return { ...node, items: node.items.map((item) => ({ children: item.children.map(inline) })) };
      case 'codeBlock':
        return node;
    }
  };
  return normalizeRichText({ type: 'doc', blocks: doc.blocks.map(block) });
}

describe('parseWhatsAppMarkup properties', () => {
  it('never throws, for any string, and every dialect renders the result', () => {
    fc.assert(
      fc.property(anyString, (markup) => {
        const doc = parseWhatsAppMarkup(markup);
        for (const dialect of DIALECTS) expect(typeof renderMarkup(doc, dialect)).toBe('string');
      }),
      RUNS,
    );
  });

  it('every dialect renders any AST, including shapes no WhatsApp string produces', () => {
    fc.assert(
      fc.property(anyRichText, (doc) => {
        for (const dialect of DIALECTS) expect(typeof renderMarkup(doc, dialect)).toBe('string');
      }),
      RUNS,
    );
  });

  it('loses no text: every character but markers and whitespace reaches the plain text, in order', () => {
    fc.assert(
      fc.property(anyString, (markup) => {
        expect(visibleCharacters(toPlainText(parseWhatsAppMarkup(markup)))).toBe(visibleCharacters(markup));
      }),
      RUNS,
    );
  });
});

describe('Telegram output properties', () => {
  const docs = fc.oneof(anyRichText, anyString.map(parseWhatsAppMarkup));

  it('MarkdownV2 leaves no special character unescaped outside entities, balances entities, and shows toPlainText', () => {
    fc.assert(
      fc.property(docs, (doc) => {
        expect(readMarkdownV2(renderMarkup(doc, 'telegram-markdownv2'))).toBe(toPlainText(doc));
      }),
      RUNS,
    );
  });

  it('HTML uses only allowed, balanced tags and valid entities, and shows toPlainText', () => {
    fc.assert(
      fc.property(docs, (doc) => {
        expect(readTelegramHtml(renderMarkup(doc, 'telegram-html'))).toBe(toPlainText(doc));
      }),
      RUNS,
    );
  });

  it('escapePlain output reads back as the original text', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expect(readMarkdownV2(escapePlain(text, 'telegram-markdownv2'))).toBe(text);
        expect(readTelegramHtml(escapePlain(text, 'telegram-html'))).toBe(text);
      }),
      RUNS,
    );
  });
});

describe('WhatsApp round trip', () => {
  it('render then parse gives back the same AST for representable ASTs (literal markers get only a ZWSP)', () => {
    fc.assert(
      fc.property(representableRichText, (doc) => {
        const markup = renderMarkup(doc, 'whatsapp');
        expect(stripZeroWidthSpaces(parseWhatsAppMarkup(markup))).toEqual(normalizeRichText(doc));
      }),
      { numRuns: Number(process.env.MARKUP_RUNS ?? 500) },
    );
  });

  it('parse then render is a fixed point after one pass, for any string', () => {
    fc.assert(
      fc.property(anyString, (markup) => {
        const once = renderMarkup(parseWhatsAppMarkup(markup), 'whatsapp');
        expect(renderMarkup(parseWhatsAppMarkup(once), 'whatsapp')).toBe(once);
      }),
      RUNS,
    );
  });

  it('escapePlain keeps any text literal: it parses back to plain paragraphs with the same text', () => {
    fc.assert(
      fc.property(fc.oneof(markupLikeString, markerSoup), (text) => {
        const doc = parseWhatsAppMarkup(escapePlain(text, 'whatsapp'));
        for (const block of doc.blocks) {
          expect(block.type).toBe('paragraph');
          if (block.type === 'paragraph') {
            for (const node of block.children) expect(['text', 'break', 'link']).toContain(node.type);
          }
        }
        expect(visibleCharacters(toPlainText(doc).replaceAll('\u200b', ''))).toBe(
          visibleCharacters(text.replaceAll('\u200b', '')),
        );
      }),
      RUNS,
    );
  });
});
