import type { Block, Inline, RichText } from '../model/rich-text.js';
import { renderListLines } from './blocks.js';
import { normalizeRichText } from './normalize.js';

/** The bullet every dialect without native lists (Telegram, Slack, plain text) shows. */
export const BULLET = '• ';

/** Plain text of inline nodes: what a reader sees once the markers are gone. */
export function inlinePlainText(nodes: readonly Inline[]): string {
  let text = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code':
        text += node.value;
        break;
      case 'break':
        text += '\n';
        break;
      default:
        text += inlinePlainText(node.children);
    }
  }
  return text;
}

function blockPlainText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlinePlainText(block.children);
    case 'codeBlock':
      return block.value;
    case 'quote':
      return blocksPlainText(block.children);
    case 'list':
      return renderListLines(block, BULLET, inlinePlainText);
  }
}

function blocksPlainText(blocks: readonly Block[]): string {
  return blocks.map(blockPlainText).join('\n\n');
}

/**
 * The text a reader sees, without any markup: blocks separated by a blank line, lists as `• ` /
 * `1. ` lines, quotes and code without their markers, links as their text. This is exactly the
 * text Telegram counts against its limits after parsing the HTML or MarkdownV2 that
 * `renderMarkup` produces for the same document.
 * @see PLATFORMS.md §2.3 (Telegram limits count text after entity parsing)
 */
export function toPlainText(doc: RichText): string {
  return blocksPlainText(normalizeRichText(doc).blocks);
}
