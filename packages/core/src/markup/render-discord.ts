import type { Block, Inline, RichText } from '../model/rich-text.js';
import { ZERO_WIDTH_SPACE } from './chars.js';
import { escapeDiscord } from './escape.js';
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

function renderInline(node: Inline, lineStart: boolean): string {
  switch (node.type) {
    case 'text':
      return escapeDiscord(node.value, lineStart);
    case 'break':
      return '\n';
    case 'code':
      return renderCode(node.value);
    case 'link':
      // A bare URL is linked by Discord itself; escaping it would break it.
      return inlinePlainText(node.children) === node.url
        ? node.url
        : `[${renderInlines(node.children, false)}](${maskedLinkUrl(node.url)})`;
    case 'bold':
      return `**${renderInlines(node.children, false)}**`;
    case 'strike':
      return `~~${renderInlines(node.children, false)}~~`;
    case 'italic':
      return `*${renderInlines(node.children, false)}*`;
  }
}

function renderInlines(nodes: readonly Inline[], lineStart: boolean): string {
  const parts: string[] = [];
  let atLineStart = lineStart;
  for (const node of nodes) {
    parts.push(renderInline(node, atLineStart));
    atLineStart = node.type === 'break';
  }
  // `*a***b**` is ambiguous to Discord's parser: an italic touching another `*` marker uses `_` instead.
  nodes.forEach((node, index) => {
    const part = parts[index] ?? '';
    if (node.type !== 'italic') return;
    if ((parts[index - 1] ?? '').endsWith('*') || (parts[index + 1] ?? '').startsWith('*')) {
      parts[index] = `_${part.slice(1, -1)}_`;
    }
  });
  return parts.join('');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return renderInlines(block.children, true);
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
      return renderQuoteBody(block.children)
        .split('\n')
        .map((line) => '> ' + line)
        .join('\n');
    case 'list': {
      const start = block.start ?? 1;
      return block.items
        .map(
          (item, index) =>
            (block.ordered ? `${start + index}. ` : '- ') + renderInlines(item.children, false),
        )
        .join('\n');
    }
  }
}

function renderQuoteBody(blocks: readonly Block[]): string {
  return blocks
    .map((block) => (block.type === 'quote' ? renderQuoteBody(block.children) : renderBlock(block)))
    .join('\n\n');
}

/**
 * Renders the AST as Discord markdown, backslash-escaping markdown characters in plain text.
 * @see PLATFORMS.md §4.7 (Discord markdown)
 */
export function renderDiscord(doc: RichText): string {
  return normalizeRichText(doc).blocks.map(renderBlock).join('\n\n');
}
