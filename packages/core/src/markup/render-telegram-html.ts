import type { Block, Inline, RichText } from '../model/rich-text.js';
import { escapeHtml, escapeHtmlAttribute } from './escape.js';
import { safeLanguage } from './language.js';
import { normalizeRichText } from './normalize.js';
import { BULLET } from './plain.js';

const TAGS = { bold: 'b', italic: 'i', strike: 's' } as const;

function renderInlines(nodes: readonly Inline[]): string {
  let html = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        html += escapeHtml(node.value);
        break;
      case 'break':
        html += '\n';
        break;
      case 'code':
        html += `<code>${escapeHtml(node.value)}</code>`;
        break;
      case 'link':
        html += `<a href="${escapeHtmlAttribute(node.url)}">${renderInlines(node.children)}</a>`;
        break;
      default: {
        const tag = TAGS[node.type];
        html += `<${tag}>${renderInlines(node.children)}</${tag}>`;
      }
    }
  }
  return html;
}

function renderBlock(block: Block, inQuote: boolean): string {
  switch (block.type) {
    case 'paragraph':
      return renderInlines(block.children);
    case 'codeBlock': {
      if (inQuote) {
        // A blockquote may not hold a pre block: each line becomes inline code.
        return block.value
          .split('\n')
          .map((line) => (line === '' ? '' : `<code>${escapeHtml(line)}</code>`))
          .join('\n');
      }
      const language = safeLanguage(block.language);
      const body = escapeHtml(block.value);
      return language === undefined
        ? `<pre>${body}</pre>`
        : `<pre><code class="language-${language}">${body}</code></pre>`;
    }
    case 'quote': {
      // Blockquotes cannot nest in Telegram: an inner quote is flattened into the outer one.
      const body = renderBlocks(block.children, true);
      return inQuote ? body : `<blockquote>${body}</blockquote>`;
    }
    case 'list': {
      const start = block.start ?? 1;
      return block.items
        .map((item, index) => (block.ordered ? `${start + index}. ` : BULLET) + renderInlines(item.children))
        .join('\n');
    }
  }
}

function renderBlocks(blocks: readonly Block[], inQuote: boolean): string {
  return blocks.map((block) => renderBlock(block, inQuote)).join('\n\n');
}

/**
 * Renders the AST as Telegram HTML (`parse_mode: 'HTML'`) using only the tags Telegram allows.
 * @see PLATFORMS.md §2.5 (Telegram HTML formatting)
 */
export function renderTelegramHtml(doc: RichText): string {
  return renderBlocks(normalizeRichText(doc).blocks, false);
}
