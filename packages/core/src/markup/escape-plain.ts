import type { MarkupDialect } from '../capabilities/types.js';
import { escapeDiscord, escapeHtml, escapeMarkdownV2 } from './escape.js';
import { renderFlankingParagraph } from './flanking.js';
import { normalizeInlineNodes } from './normalize.js';
import { SLACK_DIALECT } from './render-slack.js';
import { WHATSAPP_DIALECT } from './render-whatsapp.js';

/**
 * Escapes a plain string (no markup) for a dialect, so that it shows exactly as written:
 * Telegram HTML entities, MarkdownV2 and Discord backslashes, and for WhatsApp and Slack (which
 * have no escape character) a zero-width space beside any `*`, `_`, `~` or `` ` `` that could
 * format, and before a line that would start a quote or list.
 */
export function escapePlain(text: string, dialect: MarkupDialect): string {
  switch (dialect) {
    case 'telegram-html':
      return escapeHtml(text);
    case 'telegram-markdownv2':
      return escapeMarkdownV2(text);
    case 'discord-markdown':
      return escapeDiscord(text, true);
    case 'whatsapp':
      return renderFlankingParagraph(normalizeInlineNodes([{ type: 'text', value: text }]), WHATSAPP_DIALECT);
    case 'slack-mrkdwn':
      return renderFlankingParagraph(normalizeInlineNodes([{ type: 'text', value: text }]), SLACK_DIALECT);
  }
}
