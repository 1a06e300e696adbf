import type { ManualClock } from './manual-clock.js';

/**
 * Drives a ManualClock shared by the code under test, a channel and its emulator: time moves to
 * the next timer only when no HTTP request is in flight, so each send reaches the emulator at its
 * paced time.
 */
export class ClockDriver {
  private inflight = 0;

  constructor(private readonly clock: ManualClock) {}

  /** A `fetch` that counts requests in flight; give it to the channel. */
  readonly fetch: typeof fetch = async (input, init) => {
    this.inflight++;
    try {
      return await fetch(input, init);
    } finally {
      this.inflight--;
    }
  };

  /** Waits (in real time, without moving the clock) until no request is in flight. */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.inflight === 0 ? quiet + 1 : 0;
    }
  }

  /** Runs `work` to the end, moving the clock from timer to timer whenever the network is quiet. */
  async run<T>(work: Promise<T>, onTick?: () => void): Promise<T> {
    let finished = false;
    const result = work.finally(() => {
      finished = true;
    });
    while (!finished) {
      await this.settle();
      onTick?.();
      if (finished) break;
      if (!(await this.clock.runNext())) {
        await this.settle();
        if (!finished && this.clock.pendingTimers === 0 && this.inflight === 0) {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
    }
    return result;
  }
}
