import type { NativeRequest } from '@ferry/core';
import { escapeText } from '../format/text.js';
import type { TelegramParseMode } from '../types.js';

/**
 * A message with a one-time reply keyboard whose button shares the user's own phone number
 * (`request_contact`, private chats only); the answer becomes a `contact-shared` event.
 * @see PLATFORMS.md §2.2 "Contact sharing"
 */
export function contactRequest(prompt: string, label: string, parseMode: TelegramParseMode): NativeRequest {
  return {
    method: 'sendMessage',
    body: {
      text: escapeText(prompt, parseMode),
      parse_mode: parseMode,
      reply_markup: {
        keyboard: [[{ text: label, request_contact: true }]],
        one_time_keyboard: true,
        resize_keyboard: true,
      },
    },
  };
}
