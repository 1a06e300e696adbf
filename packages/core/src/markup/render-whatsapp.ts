import type { Block, RichText } from '../model/rich-text.js';
import { prefixLines, renderListLines } from './blocks.js';
import { type FlankingDialect, renderFlankingParagraph } from './flanking.js';
import { normalizeInlineNodes, normalizeRichText } from './normalize.js';
import { parseWhatsAppMarkup } from './parse.js';
import { inlinePlainText } from './plain.js';

/** WhatsApp has no escape character and no link syntax: a link shows as `text (url)`. */
export const WHATSAPP_DIALECT: FlankingDialect = {
  escapeChar: (char) => char,
  code: (value, fence) => fence + value + fence,
  link: (node) =>
    inlinePlainText(node.children) === node.url
      ? [{ raw: node.url }]
      : [...node.children, { type: 'text', value: ' (' }, { raw: node.url }, { type: 'text', value: ')' }],
  // A literal ``` at line start already got a ZWSP as a would-be opener; a real one is triple-fenced code.
  isBlockStart: (line) => /^(?:> |[-*] |\d+\. )/.test(line),
};

/**
 * A code block in the first fence that reads back as the same block: tight (so a one-line block
 * stays one line), then on lines of its own; otherwise (a ``` inside) as literal text. WhatsApp has
 * no language tag, so the language is dropped.
 */
function renderCodeBlock(value: string): string {
  for (const fenced of ['```' + value + '```', '```\n' + value + '\n```']) {
    const [only, ...rest] = parseWhatsAppMarkup(fenced).blocks;
    if (rest.length === 0 && only?.type === 'codeBlock' && only.value === value) return fenced;
  }
  return renderFlankingParagraph(normalizeInlineNodes([{ type: 'text', value }]), WHATSAPP_DIALECT);
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return renderFlankingParagraph(block.children, WHATSAPP_DIALECT);
    case 'codeBlock':
      return renderCodeBlock(block.value);
    case 'quote':
      return prefixLines(renderBlocks(block.children), '> ');
    case 'list':
      return renderListLines(block, '- ', (children) =>
        renderFlankingParagraph(children, WHATSAPP_DIALECT, false),
      );
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
