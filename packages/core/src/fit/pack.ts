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

const segmenters = {
  sentence: new Intl.Segmenter(undefined, { granularity: 'sentence' }),
  word: new Intl.Segmenter(undefined, { granularity: 'word' }),
  grapheme: new Intl.Segmenter(undefined, { granularity: 'grapheme' }),
};

/** The offsets in `text` where a piece may start, at one granularity, always including 0 and `text.length`. */
export function boundaries(text: string, granularity: Granularity): number[] {
  const cuts = [0];
  if (granularity === 'line') {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      if (index + 1 < text.length) cuts.push(index + 1);
    }
  } else {
    for (const segment of segmenters[granularity].segment(text)) {
      if (segment.index > 0) cuts.push(segment.index);
    }
  }
  if (text.length > 0) cuts.push(text.length);
  return cuts;
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
