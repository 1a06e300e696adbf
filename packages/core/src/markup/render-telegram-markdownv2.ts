import type { Block, Inline, RichText } from '../model/rich-text.js';
import { escapeMarkdownV2, escapeMarkdownV2Code, escapeMarkdownV2Url } from './escape.js';
import { safeLanguage } from './language.js';
import { normalizeRichText } from './normalize.js';

const MARKERS = { bold: '*', italic: '_', strike: '~' } as const;

/** Inline code; inside a quote each line is its own span, since every quote line must start with `>`. */
function renderCode(value: string, inQuote: boolean): string {
  const lines = inQuote ? value.split('\n') : [value];
  return lines.map((line) => (line === '' ? '' : '`' + escapeMarkdownV2Code(line) + '`')).join('\n');
}

function renderInlines(nodes: readonly Inline[], inQuote: boolean): string {
  let text = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        text += escapeMarkdownV2(node.value);
        break;
      case 'break':
        text += '\n';
        break;
      case 'code':
        text += renderCode(node.value, inQuote);
        break;
      case 'link':
        text += `[${renderInlines(node.children, inQuote)}](${escapeMarkdownV2Url(node.url)})`;
        break;
      default: {
        // Normalisation merged adjacent italics, so `_` markers never touch and never read as `__` underline.
        const marker = MARKERS[node.type];
        text += marker + renderInlines(node.children, inQuote) + marker;
      }
    }
  }
  return text;
}

function renderBlock(block: Block, inQuote: boolean): string {
  switch (block.type) {
    case 'paragraph':
      return renderInlines(block.children, inQuote);
    case 'codeBlock': {
      if (inQuote) return renderCode(block.value, true);
      return (
        '```' + (safeLanguage(block.language) ?? '') + '\n' + escapeMarkdownV2Code(block.value) + '\n```'
      );
    }
    case 'quote': {
      // Blockquotes cannot nest in Telegram: an inner quote is flattened into the outer one.
      const body = renderBlocks(block.children, true);
      return inQuote
        ? body
        : body
            .split('\n')
            .map((line) => '>' + line)
            .join('\n');
    }
    case 'list': {
      const start = block.start ?? 1;
      return block.items
        .map(
          (item, index) =>
            (block.ordered ? `${start + index}\\. ` : '• ') + renderInlines(item.children, inQuote),
        )
        .join('\n');
    }
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
