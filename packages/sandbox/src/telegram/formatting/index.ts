import { badRequest } from '../responses.js';
import type { TelegramApiFailure, TelegramMessageEntity } from '../types.js';
import { parseHtml } from './html.js';
import { parseLegacyMarkdown } from './markdown.js';
import { parseMarkdownV2 } from './markdown-v2.js';
import { type ParsedText, trimFormatted } from './text.js';

export { parseHtml } from './html.js';
export { parseLegacyMarkdown } from './markdown.js';
export { parseMarkdownV2 } from './markdown-v2.js';
export type { ParsedText } from './text.js';

/** A text or caption after entity parsing and trimming, ready to store on a message. */
export interface FormattedText {
  readonly text: string;
  readonly entities: TelegramMessageEntity[];
}

/** Parses `text` in a Bot API `parse_mode` (none, `MarkdownV2`, `HTML` or legacy `Markdown`). */
export function parseWithMode(text: string, parseMode: string | undefined): ParsedText | TelegramApiFailure {
  switch (parseMode?.toLowerCase()) {
    case undefined:
    case '':
      return { ok: true, text, entities: [] };
    case 'markdownv2':
      return parseMarkdownV2(text);
    case 'html':
      return parseHtml(text);
    case 'markdown':
      return parseLegacyMarkdown(text);
    default:
      return badRequest('unsupported parse_mode');
  }
}

/** Which limit a formatted text is checked against. */
export type TextRole = 'text' | 'caption';

const limits = {
  text: { max: 4096, tooLong: 'message is too long', empty: 'message text is empty' },
  caption: { max: 1024, tooLong: 'message caption is too long', empty: undefined },
} as const;

/**
 * Parses, trims and length-checks a message text (1–4096) or a caption (0–1024), counted in UTF-16
 * code units after entity parsing, as Telegram does.
 * @see PLATFORMS.md §2.3
 */
export function formatText(
  text: string,
  parseMode: string | undefined,
  explicitEntities: TelegramMessageEntity[] | undefined,
  role: TextRole,
): FormattedText | TelegramApiFailure {
  const parsed =
    explicitEntities !== undefined && (parseMode === undefined || parseMode === '')
      ? { ok: true as const, text, entities: explicitEntities }
      : parseWithMode(text, parseMode);
  if (!parsed.ok)
    return 'error_code' in parsed ? parsed : badRequest(`can't parse entities: ${parsed.reason}`);
  const trimmed = trimFormatted(parsed.text, parsed.entities);
  const limit = limits[role];
  if (trimmed.text.length === 0 && limit.empty !== undefined) return badRequest(limit.empty);
  if (trimmed.text.length > limit.max) return badRequest(limit.tooLong);
  return trimmed;
}
