/**
 * Greedy packing over `count` atoms: emits the longest runs `[start, end)` that `fits`, finding each
 * end by galloping then bisecting, so a long text costs O(n log n) measurements instead of O(n²).
 * An atom that does not fit alone is handed to `tooBig` (which splits it finer).
 */
export function packRuns(
  count: number,
  fits: (start: number, end: number) => boolean,
  emit: (start: number, end: number) => void,
  tooBig: (index: number) => void,
): void {
  let start = 0;
  while (start < count) {
    if (!fits(start, start + 1)) {
      tooBig(start);
      start++;
      continue;
    }
    let good = start + 1;
    let bad = count + 1;
    for (let step = 1; good + step < bad; step *= 2) {
      const probe = good + step;
      if (probe > count) break;
      if (fits(start, probe)) good = probe;
      else bad = probe;
    }
    while (bad - good > 1) {
      const middle = (good + bad) >> 1;
      if (middle > count) {
        bad = middle;
        continue;
      }
      if (fits(start, middle)) good = middle;
      else bad = middle;
    }
    emit(start, good);
    start = good;
  }
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
  packRuns(
    cuts.length - 1,
    (from, to) => fits(cuts[from]!, cuts[to]!),
    (from, to) => emit(cuts[from]!, cuts[to]!),
    (index) => packText(text, cuts[index]!, cuts[index + 1]!, finer, fits, emit, lastResort),
  );
}
