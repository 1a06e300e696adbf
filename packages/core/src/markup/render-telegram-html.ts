import type { Block, RichText } from '../model/rich-text.js';
import { renderListLines } from './blocks.js';
import { escapeHtml, escapeHtmlAttribute } from './escape.js';
import { type InlineSyntax, renderInlines } from './inline.js';
import { safeLanguage } from './language.js';
import { normalizeRichText } from './normalize.js';
import { BULLET } from './plain.js';

const TAGS = { bold: 'b', italic: 'i', strike: 's' } as const;

const HTML_SYNTAX: InlineSyntax = {
  text: (value) => escapeHtml(value),
  code: (value) => `<code>${escapeHtml(value)}</code>`,
  link: (node, children) => `<a href="${escapeHtmlAttribute(node.url)}">${children()}</a>`,
  span: (type, children) => `<${TAGS[type]}>${children}</${TAGS[type]}>`,
};

function renderBlock(block: Block, inQuote: boolean): string {
  switch (block.type) {
    case 'paragraph':
      return renderInlines(block.children, HTML_SYNTAX);
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
    case 'list':
      return renderListLines(block, BULLET, (children) => renderInlines(children, HTML_SYNTAX));
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
