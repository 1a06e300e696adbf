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

/**
 * The text a user typed, from Slack's event text: links `<url|label>` and `<url>` become their
 * label or URL, and `&lt;` `&gt;` `&amp;` are decoded; mentions (`<@U…>`, `<#C…>`, `<!here>`) stay.
 * @see PLATFORMS.md §3.3 "mrkdwn"
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto|tel):[^|>]+)(?:\|([^>]*))?>/g, (_match, url: string, label?: string) =>
      label === undefined || label === '' ? url : label,
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
