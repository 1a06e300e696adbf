/**
 * Greedy packing over `count` atoms: emits the longest runs `[start, end)` that `fits`. Each end is
 * found by galloping then bisecting from a guess: with `positions` (where each atom starts, e.g. a
 * character offset), the guess is a run as long as the previous one, so a long text costs a few
 * measurements per piece instead of O(log n). An atom that does not fit alone goes to `tooBig`.
 */
export function packRuns(
  count: number,
  fits: (start: number, end: number) => boolean,
  emit: (start: number, end: number) => void,
  tooBig: (index: number) => void,
  positions?: readonly number[],
): void {
  let start = 0;
  let span = 0;
  while (start < count) {
    if (!fits(start, start + 1)) {
      tooBig(start);
      start++;
      continue;
    }
    let good = start + 1;
    let bad = count + 1;
    const guess = positions === undefined || span === 0 ? good : guessEnd(positions, start, span, count);
    if (guess > good && !fits(start, guess)) {
      // Usually just past the answer: walk down from the guess.
      bad = guess;
      for (let step = 1; bad - step > good; step *= 2) {
        const probe = bad - step;
        if (fits(start, probe)) {
          good = probe;
          break;
        }
        bad = probe;
      }
    } else {
      good = Math.max(good, guess);
      for (let step = 1; good + step <= count; step *= 2) {
        const probe = good + step;
        if (!fits(start, probe)) {
          bad = probe;
          break;
        }
        good = probe;
      }
    }
    while (bad - good > 1) {
      const middle = (good + bad) >> 1;
      if (fits(start, middle)) good = middle;
      else bad = middle;
    }
    emit(start, good);
    if (positions !== undefined) span = positions[good]! - positions[start]!;
    start = good;
  }
}

/** The first atom end at least `span` past `start`'s position. */
function guessEnd(positions: readonly number[], start: number, span: number, count: number): number {
  const target = positions[start]! + span;
  let low = start + 1;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! >= target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Text boundaries from the coarsest to the finest: lines, sentences, words, then graphemes. */
export type Granularity = 'line' | 'sentence' | 'word' | 'grapheme';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Intl.Segmenter iteration is quadratic in the string length on Node 20, so graphemes are found in small windows. */
const WINDOW = 128;
const MARGIN = 32;
const SENTENCE_END = /[.!?。！？…]+["'’”)\]]*\s+/gu;
const WHITESPACE = /\s+/gu;

/**
 * The offsets in `text` where a piece may start, at one granularity, always including 0 and
 * `text.length`. Sentences end at `.`, `!`, `?` (and their CJK forms) before whitespace; words start
 * after whitespace; graphemes are Unicode extended grapheme clusters. All run in linear time.
 */
export function boundaries(text: string, granularity: Granularity): number[] {
  const cuts = [0];
  const add = (offset: number) => {
    if (offset > cuts[cuts.length - 1]! && offset < text.length) cuts.push(offset);
  };
  if (granularity === 'line') {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) add(index + 1);
  } else if (granularity === 'grapheme') {
    graphemeBoundaries(text, add);
  } else {
    for (const match of text.matchAll(granularity === 'sentence' ? SENTENCE_END : WHITESPACE)) {
      add(match.index + match[0].length);
    }
  }
  if (text.length > 0) cuts.push(text.length);
  return cuts;
}

function graphemeBoundaries(text: string, add: (offset: number) => void): void {
  let start = 0;
  while (start < text.length) {
    const slice = text.slice(start, start + WINDOW + MARGIN);
    const offsets: number[] = [];
    for (const segment of graphemes.segment(slice)) if (segment.index > 0) offsets.push(segment.index);
    if (start + slice.length >= text.length) {
      for (const offset of offsets) add(start + offset);
      return;
    }
    const inWindow = offsets.filter((offset) => offset <= WINDOW);
    let next = inWindow[inWindow.length - 1] ?? offsets[0] ?? slice.length;
    // A single grapheme longer than the window: cut between code points, never inside a surrogate pair.
    const code = text.charCodeAt(start + next);
    if (offsets.length === 0 && code >= 0xdc00 && code <= 0xdfff) next--;
    for (const offset of inWindow) add(start + offset);
    add(start + next);
    start += next;
  }
}

/**
 * Splits the string range `[start, end)` of `text` into runs that `fits`, trying each granularity
 * in turn for a run too big at the coarser one; `lastResort` receives what fits at no granularity.
 */
export function packText(
  text: string,
  start: number,
  end: number,
  granularities: readonly Granularity[],
  fits: (start: number, end: number) => boolean,
  emit: (start: number, end: number) => void,
  lastResort: (start: number, end: number) => void,
): void {
  const [granularity, ...finer] = granularities;
  if (granularity === undefined) {
    lastResort(start, end);
    return;
  }
  const cuts = boundaries(text.slice(start, end), granularity).map((offset) => offset + start);
  // The run just before an atom that must be cut finer is held back and cut finer with it, so that a
  // short line (a header) is not sent alone when the long line after it has to be split anyway.
  let pending: [number, number] | undefined;
  const flush = () => {
    if (pending !== undefined) emit(pending[0], pending[1]);
    pending = undefined;
  };
  packRuns(
    cuts.length - 1,
    (from, to) => fits(cuts[from]!, cuts[to]!),
    (from, to) => {
      flush();
      pending = [cuts[from]!, cuts[to]!];
    },
    (index) => {
      const from = pending !== undefined && pending[1] === cuts[index] ? pending[0] : cuts[index]!;
      if (from !== pending?.[0]) flush();
      pending = undefined;
      packText(text, from, cuts[index + 1]!, finer, fits, emit, lastResort);
    },
    cuts,
  );
  flush();
}
