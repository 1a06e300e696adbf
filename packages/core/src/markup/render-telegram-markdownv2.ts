import type { Block, RichText } from '../model/rich-text.js';
import { prefixLines, renderListLines } from './blocks.js';
import { escapeMarkdownV2, escapeMarkdownV2Code, escapeMarkdownV2Url } from './escape.js';
import { type InlineSyntax, renderInlines } from './inline.js';
import { safeLanguage } from './language.js';
import { normalizeRichText } from './normalize.js';
import { BULLET } from './plain.js';

const MARKERS = { bold: '*', italic: '_', strike: '~' } as const;

/** Inline code; inside a quote each line is its own span, since every quote line must start with `>`. */
function renderCode(value: string, inQuote: boolean): string {
  const lines = inQuote ? value.split('\n') : [value];
  return lines.map((line) => (line === '' ? '' : '`' + escapeMarkdownV2Code(line) + '`')).join('\n');
}

function markdownV2Syntax(inQuote: boolean): InlineSyntax {
  return {
    text: (value) => escapeMarkdownV2(value),
    code: (value) => renderCode(value, inQuote),
    link: (node, children) => `[${children()}](${escapeMarkdownV2Url(node.url)})`,
    // Normalisation merged adjacent italics, so `_` markers never touch and never read as `__` underline.
    span: (type, children) => MARKERS[type] + children + MARKERS[type],
  };
}

const OUTSIDE_QUOTE = markdownV2Syntax(false);
const INSIDE_QUOTE = markdownV2Syntax(true);

function syntaxFor(inQuote: boolean): InlineSyntax {
  return inQuote ? INSIDE_QUOTE : OUTSIDE_QUOTE;
}

function renderBlock(block: Block, inQuote: boolean): string {
  switch (block.type) {
    case 'paragraph':
      return renderInlines(block.children, syntaxFor(inQuote));
    case 'codeBlock': {
      if (inQuote) return renderCode(block.value, true);
      return (
        '```' + (safeLanguage(block.language) ?? '') + '\n' + escapeMarkdownV2Code(block.value) + '\n```'
      );
    }
    case 'quote': {
      // Blockquotes cannot nest in Telegram: an inner quote is flattened into the outer one.
      const body = renderBlocks(block.children, true);
      return inQuote ? body : prefixLines(body, '>');
    }
    case 'list':
      return renderListLines(
        block,
        BULLET,
        (children) => renderInlines(children, syntaxFor(inQuote)),
        (number) => `${number}\\. `,
      );
  }
}

function renderBlocks(blocks: readonly Block[], inQuote: boolean): string {
  return blocks.map((block) => renderBlock(block, inQuote)).join('\n\n');
}

/**
 * Renders the AST as Telegram MarkdownV2 (`parse_mode: 'MarkdownV2'`), escaping every special
 * character outside entities.
 * @see PLATFORMS.md §2.5 (MarkdownV2 and its escaping rules)
 */
export function renderTelegramMarkdownV2(doc: RichText): string {
  return renderBlocks(normalizeRichText(doc).blocks, false);
}
