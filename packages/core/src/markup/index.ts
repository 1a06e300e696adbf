/**
 * Markup: WhatsApp markup <-> the rich-text AST, and the AST rendered in each channel's dialect.
 * @see PLATFORMS.md §1.8 (WhatsApp), §2.5 (Telegram), §3.3 (Slack), §4.7 (Discord)
 */
export { escapePlain } from './escape-plain.js';
export { MAX_QUOTE_DEPTH, parseWhatsAppMarkup, toRichText } from './parse.js';
export { toPlainText } from './plain.js';
export { renderMarkup } from './render.js';
