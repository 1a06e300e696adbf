import type { Inline } from '../model/rich-text.js';
import {
  canFollowCloser,
  canFollowOpener,
  canPrecedeCloser,
  canPrecedeOpener,
  charAt,
  charBefore,
  type FlankingMarker,
} from './chars.js';

/** A run the marker scan must not look into: a code span or a bare URL. */
interface AtomicSpan {
  readonly start: number;
  readonly end: number;
  readonly node: Inline;
}

const MARKER_TYPES: Readonly<Record<FlankingMarker, 'bold' | 'italic' | 'strike'>> = {
  '*': 'bold',
  _: 'italic',
  '~': 'strike',
};

const URL_START = /https?:\/\//iy;
const URL_STOP = /[\s<>"`\u200b]/u;
const URL_TRAILING_PUNCTUATION = /[.,:;!?'"*_~]/;

function isOpenerAt(line: string, index: number, width: number): boolean {
  return canPrecedeOpener(charBefore(line, index)) && canFollowOpener(charAt(line, index + width));
}

function isCloserAt(line: string, index: number, width: number): boolean {
  return canPrecedeCloser(charBefore(line, index)) && canFollowCloser(charAt(line, index + width));
}

/** First value in the sorted `positions` that is >= `from` and < `to`, or -1. */
function firstInRange(positions: readonly number[], from: number, to: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((positions[middle] ?? 0) < from) low = middle + 1;
    else high = middle;
  }
  const found = positions[low];
  return found !== undefined && found < to ? found : -1;
}

/** Bare http(s) URL starting at `index`; trailing punctuation and an unbalanced `)` are left outside. */
function urlEndAt(line: string, index: number): number {
  URL_START.lastIndex = index;
  if (!URL_START.test(line)) return -1;
  const schemeEnd = URL_START.lastIndex;
  let end = schemeEnd;
  while (end < line.length && !URL_STOP.test(line.charAt(end))) end += 1;
  for (;;) {
    const last = line.charAt(end - 1);
    if (URL_TRAILING_PUNCTUATION.test(last)) end -= 1;
    else if (last === ')' && count(line, index, end, '(') < count(line, index, end, ')')) end -= 1;
    else break;
  }
  return end > schemeEnd ? end : -1;
}

function count(text: string, from: number, to: number, char: string): number {
  let total = 0;
  for (let index = from; index < to; index += 1) if (text.charAt(index) === char) total += 1;
  return total;
}

function opensCode(line: string, contentStart: number): boolean {
  return line.charAt(contentStart) !== '`' && canFollowOpener(charAt(line, contentStart));
}

/** Finds code spans and bare URLs left to right; whichever starts first wins. */
function findAtomicSpans(line: string): AtomicSpan[] {
  const singleClosers: number[] = [];
  const tripleClosers: number[] = [];
  // Code must hold something besides backticks, so a run like ``` alone stays literal.
  for (let index = 0; index < line.length; index += 1) {
    if (line.charAt(index) !== '`' || line.charAt(index - 1) === '`') continue;
    if (isCloserAt(line, index, 1)) singleClosers.push(index);
    if (line.startsWith('```', index) && isCloserAt(line, index, 3)) tripleClosers.push(index);
  }
  const spans: AtomicSpan[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line.charAt(index);
    if (char === '`' && canPrecedeOpener(charBefore(line, index))) {
      if (line.startsWith('```', index) && opensCode(line, index + 3)) {
        const close = firstInRange(tripleClosers, index + 4, line.length);
        if (close !== -1) {
          spans.push({
            start: index,
            end: close + 3,
            node: { type: 'code', value: line.slice(index + 3, close) },
          });
          index = close + 3;
          continue;
        }
      }
      if (opensCode(line, index + 1)) {
        const close = firstInRange(singleClosers, index + 2, line.length);
        if (close !== -1) {
          spans.push({
            start: index,
            end: close + 1,
            node: { type: 'code', value: line.slice(index + 1, close) },
          });
          index = close + 1;
          continue;
        }
      }
    }
    if ((char === 'h' || char === 'H') && canPrecedeOpener(charBefore(line, index))) {
      const end = urlEndAt(line, index);
      if (end !== -1) {
        const url = line.slice(index, end);
        spans.push({
          start: index,
          end,
          node: { type: 'link', url, children: [{ type: 'text', value: url }] },
        });
        index = end;
        continue;
      }
    }
    index += 1;
  }
  return spans;
}

/**
 * Parses one line (pairs never span a line break) into inline nodes. Linear apart from a
 * binary search per opener, so hostile input of any length stays fast.
 */
export function parseInlineLine(line: string): Inline[] {
  const spans = findAtomicSpans(line);
  const spanAt = new Map<number, AtomicSpan>();
  const covered = new Uint8Array(line.length);
  for (const span of spans) {
    spanAt.set(span.start, span);
    covered.fill(1, span.start, span.end);
  }
  const closers: Record<FlankingMarker, number[]> = { '*': [], _: [], '~': [] };
  for (let index = 0; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (
      (char === '*' || char === '_' || char === '~') &&
      covered[index] === 0 &&
      isCloserAt(line, index, 1)
    ) {
      closers[char].push(index);
    }
  }

  const parseRange = (from: number, to: number, active: ReadonlySet<FlankingMarker>): Inline[] => {
    const nodes: Inline[] = [];
    let textStart = from;
    const flushText = (end: number): void => {
      if (end > textStart) nodes.push({ type: 'text', value: line.slice(textStart, end) });
    };
    let index = from;
    while (index < to) {
      const span = spanAt.get(index);
      if (span !== undefined) {
        flushText(index);
        nodes.push(span.node);
        index = span.end;
        textStart = index;
        continue;
      }
      const char = line.charAt(index);
      if ((char === '*' || char === '_' || char === '~') && !active.has(char) && isOpenerAt(line, index, 1)) {
        const close = firstInRange(closers[char], index + 2, to);
        if (close !== -1) {
          flushText(index);
          const children = parseRange(index + 1, close, new Set([...active, char]));
          nodes.push({ type: MARKER_TYPES[char], children });
          index = close + 1;
          textStart = index;
          continue;
        }
      }
      index += 1;
    }
    flushText(to);
    return nodes;
  };

  return parseRange(0, line.length, new Set());
}
