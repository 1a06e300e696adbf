/**
 * Escapers for one literal string in one context of a dialect. Renderers compose them; the public
 * `escapePlain` picks one per dialect.
 */

const HTML_TEXT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text for Telegram HTML: `&`, `<` and `>` become the named entities Telegram accepts.
 * @see PLATFORMS.md §2.5 (Telegram HTML: only `&lt; &gt; &amp; &quot;` and numeric entities)
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => HTML_TEXT[char] ?? char);
}

/** Escapes an HTML attribute value (Telegram `href`): also `"`. */
export function escapeHtmlAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_TEXT[char] ?? char);
}

/**
 * Escapes text for Telegram MarkdownV2 outside entities: every one of `_*[]()~\`>#+-=|{}.!` and `\`.
 * @see PLATFORMS.md §2.5 (MarkdownV2 escaping rules)
 */
export function escapeMarkdownV2(text: string): string {
  return text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&');
}

/** Escapes the content of a MarkdownV2 `code`/`pre` entity: only `` ` `` and `\`. */
export function escapeMarkdownV2Code(text: string): string {
  return text.replace(/[`\\]/g, '\\$&');
}

/** Escapes a URL inside MarkdownV2 `(...)`: only `)` and `\`. */
export function escapeMarkdownV2Url(url: string): string {
  return url.replace(/[)\\]/g, '\\$&');
}

/**
 * Escapes text for Slack mrkdwn: only `&`, `<` and `>`, which also keeps `<@U…>`/`<!here>` mentions
 * from being forged out of plain text.
 * @see PLATFORMS.md §3.3 (Slack: escape only `&` `<` `>`)
 */
export function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (char) => HTML_TEXT[char] ?? char);
}

const DISCORD_ALWAYS = /[\\*_~`|[\]<]/g;
// `#`/`-#` headings, `-`/`+` lists, `>` quotes and `1.` lists only mean something at line start.
const DISCORD_LINE_START = /^([ \t]*)(?:([#>+-])|(\d+)\.)/;

/**
 * Escapes text for Discord markdown with backslashes: `\ * _ ~ \` |`, the brackets of masked links
 * and `<` (mentions, timestamps) everywhere; `#`, `-`, `+`, `>` and `1.` when they start a line.
 * `lineStart` says whether `text` begins at the start of a line.
 * @see PLATFORMS.md §4.7 (Discord markdown, `\` escapes markup)
 */
export function escapeDiscord(text: string, lineStart: boolean): string {
  return text
    .split('\n')
    .map((line, index) => {
      const escaped = line.replace(DISCORD_ALWAYS, '\\$&');
      if (index === 0 && !lineStart) return escaped;
      return escaped.replace(
        DISCORD_LINE_START,
        (_match, indent: string, symbol: string | undefined, digits: string | undefined) =>
          symbol === undefined ? `${indent}${digits ?? ''}\\.` : `${indent}\\${symbol}`,
      );
    })
    .join('\n');
}
