import type { MarkupDialect } from '../capabilities/types.js';
import type { RichText } from '../model/rich-text.js';
import { renderDiscord } from './render-discord.js';
import { renderSlack } from './render-slack.js';
import { renderTelegramHtml } from './render-telegram-html.js';
import { renderTelegramMarkdownV2 } from './render-telegram-markdownv2.js';
import { renderWhatsApp } from './render-whatsapp.js';

const RENDERERS: Readonly<Record<MarkupDialect, (doc: RichText) => string>> = {
  whatsapp: renderWhatsApp,
  'telegram-html': renderTelegramHtml,
  'telegram-markdownv2': renderTelegramMarkdownV2,
  'slack-mrkdwn': renderSlack,
  'discord-markdown': renderDiscord,
};

/**
 * Renders the AST in one dialect, escaping every special character the dialect defines.
 * @see PLATFORMS.md §1.8, §2.5, §3.3, §4.7 (the four platforms' formatting rules)
 */
export function renderMarkup(doc: RichText, dialect: MarkupDialect): string {
  return RENDERERS[dialect](doc);
}
