import type { Block, RichText } from '../model/rich-text.js';
import { type FlankingDialect, renderFlankingParagraph } from './flanking.js';
import { normalizeRichText } from './normalize.js';
import { inlinePlainText } from './plain.js';

/** WhatsApp has no escape character and no link syntax: a link shows as `text (url)`. */
export const WHATSAPP_DIALECT: FlankingDialect = {
  escapeChar: (char) => char,
  code: (value, fence) => fence + value + fence,
  link: (node) =>
    inlinePlainText(node.children) === node.url
      ? [{ raw: node.url }]
      : [...node.children, { type: 'text', value: ' (' }, { raw: node.url }, { type: 'text', value: ')' }],
  isBlockStart: (line) => /^(?:> |[-*] |\d+\. )/.test(line) || opensFence(line),
};

/** A line the parser would take as a fence or a standalone ```` ```code``` ```` block. */
function opensFence(line: string): boolean {
  if (!line.startsWith('```')) return false;
  const next = line.indexOf('```', 3);
  return next === -1 || next === line.length - 3;
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return renderFlankingParagraph(block.children, WHATSAPP_DIALECT);
    case 'codeBlock':
      // No language tag exists in WhatsApp; the fence is kept tight so a one-line block stays one line.
      return '```' + block.value + '```';
    case 'quote':
      return renderBlocks(block.children)
        .split('\n')
        .map((line) => '> ' + line)
        .join('\n');
    case 'list': {
      const start = block.start ?? 1;
      return block.items
        .map(
          (item, index) =>
            (block.ordered ? `${start + index}. ` : '- ') +
            renderFlankingParagraph(item.children, WHATSAPP_DIALECT, false),
        )
        .join('\n');
    }
  }
}

function renderBlocks(blocks: readonly Block[]): string {
  return blocks.map(renderBlock).join('\n\n');
}

/**
 * Renders the AST back to WhatsApp markup.
 * @see PLATFORMS.md §1.8 (WhatsApp text formatting)
 */
export function renderWhatsApp(doc: RichText): string {
  return renderBlocks(normalizeRichText(doc).blocks);
}
