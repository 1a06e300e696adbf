import type { LengthUnit, TextLimit } from '../capabilities/types.js';
import { boundaries } from './pack.js';

/** Length of `text` in one unit: UTF-16 code units, Unicode code points, or UTF-8 bytes. */
export function measure(text: string, unit: LengthUnit): number {
  if (unit === 'utf16') return text.length;
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
    const next = text.charCodeAt(index + 1);
    if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) {
      count += unit === 'bytes' ? 4 : 1;
      index++;
    } else if (unit === 'codepoints') count += 1;
    else count += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return count;
}

/** Whether `text` is within `limit`. */
export function fitsLimit(text: string, limit: TextLimit): boolean {
  return text.length <= limit.max || measure(text, limit.unit) <= limit.max;
}

/** The user-perceived characters of `text` (a flag or a family emoji is one). */
export function splitGraphemes(text: string): string[] {
  const cuts = boundaries(text, 'grapheme');
  return cuts.slice(1).map((end, index) => text.slice(cuts[index], end));
}

const ELLIPSIS = '…';

/**
 * Cuts `text` to `limit`, ending with an ellipsis, never inside a grapheme (or, for a grapheme
 * larger than the whole limit, never inside a code point).
 */
export function truncateToLimit(text: string, limit: TextLimit): string {
  if (fitsLimit(text, limit)) return text;
  const ellipsis = measure(ELLIPSIS, limit.unit) <= limit.max ? ELLIPSIS : '';
  const budget = limit.max - measure(ellipsis, limit.unit);
  // Whatever is kept is at most `max` UTF-16 units long, so only that prefix needs segmenting.
  const head = text.slice(0, Math.max(0, budget) + 64);
  let kept = takeWithin(splitGraphemes(head), budget, limit.unit);
  if (kept === '') kept = takeWithin(Array.from(head), budget, limit.unit);
  return kept.trimEnd() + ellipsis;
}

function takeWithin(pieces: readonly string[], budget: number, unit: LengthUnit): string {
  let used = 0;
  let end = 0;
  for (const piece of pieces) {
    const size = measure(piece, unit);
    if (used + size > budget) break;
    used += size;
    end++;
  }
  return pieces.slice(0, end).join('');
}
