// The figures the pacing benchmarks print, computed from the times the emulator accepted each
// counted request (its own clock): the platform's view, not the client's.

/** Achieved rates (per second) and the busiest sliding second of one run. */
export interface PaceFigures {
  readonly count: number;
  /** From the first to the last accepted request, as the emulator saw them. */
  readonly wholeRate: number;
  /** Between one second after the first and one second before the last (ramp-up and tail left out). */
  readonly steadyRate: number;
  /** Accepted requests over the client's wall time of the whole call (start-up and tail included). */
  readonly wallRate: number;
  /** The most accepted requests in any window (t − 1 s, t], as a platform's sliding limit counts. */
  readonly maxInAnySecond: number;
}

/** Computes {@link PaceFigures} from accepted-request times (epoch ms, any order). */
export function paceFigures(
  times: readonly number[],
  wall: { readonly started: number; readonly ended: number },
): PaceFigures {
  const sorted = [...times].sort((a, b) => a - b);
  const count = sorted.length;
  const first = sorted[0] ?? 0;
  const last = sorted.at(-1) ?? 0;
  const span = last - first;
  const wholeRate = span > 0 ? ((count - 1) * 1000) / span : 0;
  let steadyRate = wholeRate;
  if (span > 3000) {
    const from = first + 1000;
    const to = last - 1000;
    // Counted as intervals: sends in (from, to] over the window's length.
    const inside = sorted.filter((time) => time > from && time <= to).length;
    steadyRate = (inside * 1000) / (to - from);
  }
  let maxInAnySecond = 0;
  let start = 0;
  for (let end = 0; end < count; end++) {
    const newest = sorted[end] as number;
    while ((sorted[start] as number) <= newest - 1000) start++;
    maxInAnySecond = Math.max(maxInAnySecond, end - start + 1);
  }
  const wallMs = wall.ended - wall.started;
  return {
    count,
    wholeRate,
    steadyRate,
    wallRate: wallMs > 0 ? (count * 1000) / wallMs : 0,
    maxInAnySecond,
  };
}
