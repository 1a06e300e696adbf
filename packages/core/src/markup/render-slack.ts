import type { Block, RichText } from '../model/rich-text.js';
import { prefixLines, renderFlatQuoteBody, renderListLines } from './blocks.js';
import { escapeSlack } from './escape.js';
import { type FlankingDialect, renderFlankingParagraph } from './flanking.js';
import { normalizeRichText } from './normalize.js';
import { BULLET, inlinePlainText } from './plain.js';

/** Characters that would end the URL part of `<url|text>`; percent-encoded instead. */
function slackUrl(url: string): string {
  return escapeSlack(url.replace(/[|<>]/g, (char) => encodeURIComponent(char)));
}

/** Slack mrkdwn: `&<>` are entities, links are `<url|text>` (the text is plain: Slack does not format it). */
export const SLACK_DIALECT: FlankingDialect = {
  escapeChar: escapeSlack,
  code: (value, fence) => fence + escapeSlack(value) + fence,
  link: (node) => {
    const text = inlinePlainText(node.children);
    return [
      { raw: text === node.url ? `<${slackUrl(node.url)}>` : `<${slackUrl(node.url)}|${escapeSlack(text)}>` },
    ];
  },
  // Slack quotes a line starting with `>`, and Slack itself stores that `>` as `&gt;`.
  isBlockStart: (line) => line.startsWith('&gt;'),
};

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return renderFlankingParagraph(block.children, SLACK_DIALECT);
    case 'codeBlock':
      return '```' + escapeSlack(block.value) + '```';
    case 'quote':
      // Slack has no nested quotes: an inner quote is flattened into the outer one.
      return prefixLines(renderFlatQuoteBody(block.children, renderBlock), '> ');
    case 'list':
      return renderListLines(block, BULLET, (children) =>
        renderFlankingParagraph(children, SLACK_DIALECT, false),
      );
  }
}

/**
 * Renders the AST as Slack mrkdwn. Slack has no escape character: a literal `*`, `_`, `~` or `` ` ``
 * that could open or close a span gets a zero-width space next to it.
 * @see PLATFORMS.md §3.3 (Slack mrkdwn)
 */
export function renderSlack(doc: RichText): string {
  return normalizeRichText(doc).blocks.map(renderBlock).join('\n\n');
}
