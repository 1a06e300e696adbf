/**
 * Per-key lanes: at most `depth` calls per key between taking a pacing slot and getting their
 * answer; later callers for the key wait here, before the pacer. @discordjs/rest sends one request
 * per route bucket at a time (every DM open shares one bucket), so a slot taken far ahead of the
 * wire would make the request leave late and bunch up with later ones: a burst over Discord's
 * 50/s sliding second although the slots were spaced. With a depth of 2, at most one request per
 * key waits for the one before it, so it leaves at most one round trip after its slot.
 * @see PLATFORMS.md §4.4 (global limit), §4.6 (@discordjs/rest queues per bucket)
 */
export class KeyLanes {
  readonly #lanes = new Map<string, { active: number; readonly waiting: (() => void)[] }>();

  constructor(private readonly depth: number) {}

  /** Resolves with a `leave` function once the key has room; rejects if `signal` aborts first. */
  enter(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let lane = this.#lanes.get(key);
    if (lane === undefined) {
      lane = { active: 0, waiting: [] };
      this.#lanes.set(key, lane);
    }
    const current = lane;
    const leave = () => this.#leave(key, current);
    if (current.active < this.depth) {
      current.active++;
      return Promise.resolve(once(leave));
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        signal?.removeEventListener('abort', onAbort);
        current.active++;
        resolve(once(leave));
      };
      const onAbort = () => {
        const index = current.waiting.indexOf(admit);
        if (index >= 0) current.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      current.waiting.push(admit);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Keys with a call in flight or waiting (for tests: lanes are forgotten when idle). */
  get size(): number {
    return this.#lanes.size;
  }

  #leave(key: string, lane: { active: number; readonly waiting: (() => void)[] }): void {
    lane.active--;
    const next = lane.waiting.shift();
    if (next !== undefined) next();
    else if (lane.active === 0) this.#lanes.delete(key);
  }
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
