/**
 * Character classes shared by the WhatsApp parser and the renderers of the dialects whose
 * markers follow the same "flanking" rules (WhatsApp, Slack).
 */

/**
 * Zero-width space. Put before a literal marker it stops the marker from opening a span, put after
 * it stops it from closing one, because U+200B is neither whitespace nor punctuation.
 * (A zero-width joiner would do the same but can glue `*` to a following emoji as a keycap sequence.)
 */
export const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Zero-width no-break space, which counts as whitespace. Paired with a ZWSP where a literal marker
 * touches a real one (`*a*` then a literal `*`): the ZWSP stops the literal, this keeps the real
 * marker flanked by a boundary.
 */
export const ZERO_WIDTH_BOUNDARY = '\ufeff';

/** The inline markers of WhatsApp (and Slack) markup. */
export type FlankingMarker = '*' | '_' | '~';

const WHITESPACE = /^\s$/u;
const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]$/u;

/** Whether a code point (as a string) is whitespace. */
export function isSpace(char: string): boolean {
  return WHITESPACE.test(char);
}

/** Whether a code point is whitespace, punctuation or a symbol (emoji are symbols). */
export function isBoundary(char: string): boolean {
  return WHITESPACE.test(char) || PUNCTUATION_OR_SYMBOL.test(char);
}

/** The code point that ends just before UTF-16 index `index`, or undefined at the start. */
export function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.charAt(index - 1);
}

/** The code point that starts at UTF-16 index `index`, or undefined at the end. */
export function charAt(text: string, index: number): string | undefined {
  if (index >= text.length) return undefined;
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
}

/** An opening marker must be preceded by the start, whitespace or punctuation… */
export function canPrecedeOpener(previous: string | undefined): boolean {
  return previous === undefined || isBoundary(previous);
}

/** …and followed by a non-space. */
export function canFollowOpener(next: string | undefined): boolean {
  return next !== undefined && !isSpace(next);
}

/** A closing marker must be preceded by a non-space… */
export function canPrecedeCloser(previous: string | undefined): boolean {
  return previous !== undefined && !isSpace(previous);
}

/** …and followed by the end, whitespace or punctuation. */
export function canFollowCloser(next: string | undefined): boolean {
  return next === undefined || isBoundary(next);
}
