import type { SandboxClock } from './clock.js';

/** Result of asking a limiter for room. */
export type LimitDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/**
 * A sliding-window limiter: at most `limit` events per `windowMs` for each key. Exact (it keeps the
 * timestamps), which is what a platform's enforcement looks like from outside.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: SandboxClock,
  ) {}

  /** Takes one slot for `key` if there is room; otherwise says how long until there is. */
  take(key: string): LimitDecision {
    const now = this.clock.now();
    const window = this.prune(key, now);
    if (window.length >= this.limit) {
      const oldest = window[0] ?? now;
      return { ok: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    window.push(now);
    return { ok: true };
  }

  /** Whether `key` has room right now, without taking a slot. */
  peek(key: string): LimitDecision {
    const now = this.clock.now();
    const window = this.prune(key, now);
    if (window.length >= this.limit) {
      const oldest = window[0] ?? now;
      return { ok: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    return { ok: true };
  }

  /** Slots left for `key` in the current window. */
  remaining(key: string): number {
    return Math.max(0, this.limit - this.prune(key, this.clock.now()).length);
  }

  /** Milliseconds until the oldest event of `key` leaves the window (0 when empty). */
  resetAfterMs(key: string): number {
    const now = this.clock.now();
    const oldest = this.prune(key, now)[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - now);
  }

  reset(): void {
    this.windows.clear();
  }

  private prune(key: string, now: number): number[] {
    let window = this.windows.get(key);
    if (!window) {
      window = [];
      this.windows.set(key, window);
    }
    let drop = 0;
    while (drop < window.length && (window[drop] ?? 0) <= now - this.windowMs) drop++;
    if (drop > 0) window.splice(0, drop);
    return window;
  }
}
