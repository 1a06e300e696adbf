import type { Message, StoredJson } from '@ferry/core';

/**
 * One message the bot sent, read from a Cloud API request body. A template send becomes a message whose
 * `meta` names it (`template`, `templateLanguage`, and `templateComponents` as JSON text).
 * @see PLATFORMS.md §1.2 (outbound messages)
 */
export interface SentLogEntry {
  /** The recipient as the request named it (`to`), when present. */
  readonly to?: string;
  readonly message: Message;
  /** The request body exactly as read. */
  readonly original: StoredJson;
}
