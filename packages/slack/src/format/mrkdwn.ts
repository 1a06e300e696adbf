import { renderMarkup, type TextContent, toPlainText, toRichText } from '@ferry/core';

/**
 * Slack mrkdwn for neutral text, through core's converter (only `&`, `<`, `>` are entity-escaped).
 * @see PLATFORMS.md §3.3 "mrkdwn"
 */
export function toMrkdwn(text: TextContent): string {
  return renderMarkup(toRichText(text), 'slack-mrkdwn');
}

/** The text a reader sees, for `plain_text` objects and notification fallbacks. */
export function toPlain(text: TextContent): string {
  return toPlainText(toRichText(text));
}
