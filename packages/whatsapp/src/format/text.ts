import { type RichText, renderMarkup, type TextContent, toPlainText, toRichText } from '@ferry/core';

const URL_PATTERN = /\bhttps?:\/\/\S/i;

/** Rich text as WhatsApp markup (`*bold*`, `_italic_`, lists, quotes). @see PLATFORMS.md §1.8 */
export function whatsAppMarkup(text: TextContent): string {
  return renderMarkup(typeof text === 'string' ? toRichText(text) : text, 'whatsapp');
}

/** Plain text for fields that show no markup (headers, button and row titles). @see PLATFORMS.md §1.8 */
export function plainText(text: TextContent): string {
  return toPlainText(typeof text === 'string' ? toRichText(text) : text);
}

/** Whether a text body holds a link, so `preview_url` is worth asking for. @see PLATFORMS.md §1.2 "Text" */
export function containsUrl(text: string): boolean {
  return URL_PATTERN.test(text);
}

/** An empty document, for messages that carry only actions. */
export const EMPTY_TEXT: RichText = { type: 'doc', blocks: [] };
