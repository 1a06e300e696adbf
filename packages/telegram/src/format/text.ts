import { escapePlain, type MarkupDialect, type RichText, renderMarkup } from '@ferry/core';
import type { TelegramParseMode } from '../types.js';

/** The core markup dialect for a Telegram parse mode. @see PLATFORMS.md §2.5 */
export function dialectOf(parseMode: TelegramParseMode): MarkupDialect {
  return parseMode === 'HTML' ? 'telegram-html' : 'telegram-markdownv2';
}

/** A rich-text document as a Telegram string in `parseMode`. */
export function formatText(doc: RichText, parseMode: TelegramParseMode): string {
  return renderMarkup(doc, dialectOf(parseMode));
}

/** A plain string escaped so Telegram shows it exactly as written in `parseMode`. */
export function escapeText(text: string, parseMode: TelegramParseMode): string {
  return escapePlain(text, dialectOf(parseMode));
}
