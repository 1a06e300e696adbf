import type { Block, Inline, RichText } from '../model/rich-text.js';
import { prefixLines, renderFlatQuoteBody, renderListLines } from './blocks.js';
import { ZERO_WIDTH_SPACE } from './chars.js';
import { escapeDiscord } from './escape.js';
import { type InlineSyntax, renderInlines } from './inline.js';
import { safeLanguage } from './language.js';
import { normalizeRichText } from './normalize.js';
import { inlinePlainText } from './plain.js';

/** Inline code fenced by more backticks than the longest run inside it. */
function renderCode(value: string): string {
  const longestRun = (value.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return fence + pad + value + pad + fence;
}

/** Parentheses and whitespace would end a masked link's `(url)` early. */
function maskedLinkUrl(url: string): string {
  return url.replace(
    /[()\s<>]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

const SPAN_MARKERS = { bold: '**', italic: '*', strike: '~~' } as const;

/** `*a***b**` is ambiguous to Discord's parser: an italic touching another `*` marker uses `_` instead. */
function joinDisambiguated(nodes: readonly Inline[], parts: string[]): string {
  nodes.forEach((node, index) => {
    const part = parts[index] ?? '';
    if (node.type !== 'italic') return;
    if ((parts[index - 1] ?? '').endsWith('*') || (parts[index + 1] ?? '').startsWith('*')) {
      parts[index] = `_${part.slice(1, -1)}_`;
    }
  });
  return parts.join('');
}

const DISCORD_SYNTAX: InlineSyntax = {
  text: escapeDiscord,
  code: renderCode,
  // A bare URL is linked by Discord itself; escaping it would break it.
  link: (node, children) =>
    inlinePlainText(node.children) === node.url ? node.url : `[${children()}](${maskedLinkUrl(node.url)})`,
  span: (type, children) => SPAN_MARKERS[type] + children + SPAN_MARKERS[type],
  join: joinDisambiguated,
};

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return renderInlines(block.children, DISCORD_SYNTAX, true);
    case 'codeBlock':
      // Discord has no escape inside a fence: a ZWSP keeps a literal ``` from closing it.
      return (
        '```' +
        (safeLanguage(block.language) ?? '') +
        '\n' +
        block.value.replaceAll('```', '``' + ZERO_WIDTH_SPACE + '`') +
        '\n```'
      );
    case 'quote':
      // A nested quote is flattened: Discord does not nest `>`.
      return prefixLines(renderFlatQuoteBody(block.children, renderBlock), '> ');
    case 'list':
      return renderListLines(block, '- ', (children) => renderInlines(children, DISCORD_SYNTAX));
  }
}

/**
 * Renders the AST as Discord markdown, backslash-escaping markdown characters in plain text.
 * @see PLATFORMS.md §4.7 (Discord markdown)
 */
export function renderDiscord(doc: RichText): string {
  return normalizeRichText(doc).blocks.map(renderBlock).join('\n\n');
}
