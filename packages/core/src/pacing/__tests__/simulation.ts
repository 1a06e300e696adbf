import type { ManualClock } from '../../testing/index.js';
import type { Pacer } from '../pacer.js';

/** One released send, as a test saw it. */
export interface Grant {
  readonly key: string;
  readonly at: number;
}

/** Queues one `acquire` per key (in order) and records when each is granted; waiters cut off by `close` are simply not recorded. */
export function enqueueAll(
  pacer: Pacer,
  clock: ManualClock,
  keys: readonly string[],
  grants: Grant[],
): Promise<void>[] {
  return keys.map((key) =>
    pacer.acquire(key).then(
      () => void grants.push({ key, at: clock.now() }),
      () => {},
    ),
  );
}

/** The most grants in any sliding window `(t - windowMs, t]` (the platforms' and the sandbox's view). */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    const newest = sorted[end] as number;
    while ((sorted[start] as number) <= newest - windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** Grant times per key. */
export function timesByKey(grants: readonly Grant[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const grant of grants) {
    const times = byKey.get(grant.key) ?? [];
    times.push(grant.at);
    byKey.set(grant.key, times);
  }
  return byKey;
}

/** A small seeded generator so simulations are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
