import type { Clock } from '../contract/ports.js';

interface Timer {
  readonly dueAt: number;
  readonly resolve: () => void;
}

/** Lets every promise reaction already queued run before time moves again. */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Options for {@link ManualClock.runAll}. */
export interface RunAllOptions {
  /** Stop with an error after firing this many timers (a loop that always sleeps again never ends). */
  readonly maxTimers?: number;
}

/**
 * A {@link Clock} whose time moves only when a test says so, so pacing, retries and timeouts are
 * tested in simulated time without sleeping.
 *
 * `sleep(ms)` registers a timer; `advance`, `advanceTo`, `runNext` and `runAll` move time forward,
 * firing due timers one instant at a time in due order (ties in the order they were registered)
 * and letting the code they wake run (and register new timers) before time moves on.
 */
export class ManualClock implements Clock {
  private current: number;
  /** Sorted by `dueAt`; equal times keep registration order. */
  private readonly timers: Timer[] = [];

  /** Starts the clock at `start` milliseconds since the epoch (default 0). */
  constructor(start = 0) {
    this.current = start;
  }

  /** The clock's current time in milliseconds. */
  now(): number {
    return this.current;
  }

  /**
   * Resolves once time has been moved to `now() + ms`; `ms <= 0` resolves at once. Rejects with the
   * signal's reason (and removes the timer) when `signal` aborts first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.remove(timer);
        reject(signal?.reason);
      };
      const timer: Timer = {
        dueAt: this.current + ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.insert(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** How many sleeps are waiting for time to move. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** When the earliest pending sleep is due, or `undefined` when none is pending. */
  get nextTimerAt(): number | undefined {
    return this.timers[0]?.dueAt;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError('ManualClock cannot move backwards');
    return this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `time`, firing every timer due at or before it, in due order. */
  async advanceTo(time: number): Promise<void> {
    if (!(time >= this.current)) throw new RangeError('ManualClock cannot move backwards');
    await flushMicrotasks();
    while (this.fireNextIfDueBy(time)) await flushMicrotasks();
    this.current = time;
    await flushMicrotasks();
  }

  /** Moves time to the earliest pending timer and fires it (and any due at the same instant); false if none. */
  async runNext(): Promise<boolean> {
    await flushMicrotasks();
    const next = this.timers[0];
    if (next === undefined) return false;
    this.fireNextIfDueBy(next.dueAt);
    await flushMicrotasks();
    return true;
  }

  /** Fires timers in due order until none is left (including ones registered meanwhile); returns the final time. */
  async runAll(options: RunAllOptions = {}): Promise<number> {
    const maxTimers = options.maxTimers ?? 1_000_000;
    let fired = 0;
    await flushMicrotasks();
    for (;;) {
      const next = this.timers[0];
      if (next === undefined) return this.current;
      fired += this.fireNextIfDueBy(next.dueAt);
      if (fired > maxTimers) throw new Error(`ManualClock.runAll fired more than ${maxTimers} timers`);
      await flushMicrotasks();
    }
  }

  /** Fires every timer due at the earliest instant, if that instant is at or before `limit`; returns how many. */
  private fireNextIfDueBy(limit: number): number {
    const first = this.timers[0];
    if (first === undefined || first.dueAt > limit) return 0;
    const instant = first.dueAt;
    this.current = Math.max(this.current, instant);
    let count = 0;
    while (this.timers[0] !== undefined && this.timers[0].dueAt === instant) {
      const timer = this.timers.shift();
      timer?.resolve();
      count++;
    }
    return count;
  }

  private insert(timer: Timer): void {
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.timers[middle];
      if (other !== undefined && other.dueAt <= timer.dueAt) low = middle + 1;
      else high = middle;
    }
    this.timers.splice(low, 0, timer);
  }

  private remove(timer: Timer): void {
    const index = this.timers.indexOf(timer);
    if (index >= 0) this.timers.splice(index, 1);
  }
}
