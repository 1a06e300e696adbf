import type { Clock } from '../contract/ports.js';
import { ConfigError } from '../errors/index.js';
import { MinHeap } from './heap.js';
import {
  DEFAULT_PACING_MARGIN,
  LimitState,
  type NormalisedLimit,
  normaliseLimit,
  type RateLimit,
} from './rate-limit.js';

/** Configuration of a {@link Pacer}; spread a `PACING_PRESETS` entry into it. */
export interface PacerOptions {
  /** The time source; inject `ManualClock` from `@ferry/core/testing` in tests. */
  readonly clock: Clock;
  /** Limits shared by every send (per bot, per number, per workspace). */
  readonly global?: RateLimit | readonly RateLimit[];
  /**
   * Limits applied separately to each key (a chat, a channel, a recipient), or a function giving
   * a key's own limits (e.g. Telegram groups: 1/s and 20/min; private chats: 1/s).
   */
  readonly perKey?:
    | RateLimit
    | readonly RateLimit[]
    | ((key: string) => RateLimit | readonly RateLimit[] | undefined);
  /** Share of each configured rate held back, from 0 to below 0.5; default 0.025. */
  readonly margin?: number;
}

/** The answer of {@link Pacer.tryAcquire}: a slot taken now, or when to ask again. */
export type PacingDecision = { readonly ok: true } | { readonly ok: false; readonly readyAt: number };

/** Counters for progress displays and tests. */
export interface PacerStats {
  /** Sends released so far (by `tryAcquire` or `acquire`). */
  readonly granted: number;
  /** Callers of `acquire` still waiting. */
  readonly waiting: number;
  /** Keys whose limits or pauses are being tracked. */
  readonly trackedKeys: number;
}

interface Waiter {
  readonly turn: number;
  /** When the caller asked: a send is never treated as due before its caller wanted it. */
  readonly since: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

interface KeyState {
  readonly limits: LimitState[];
  pausedUntil: number;
  readonly queue: Waiter[];
  /** Bumped whenever the key is re-filed, so older heap entries for it are ignored. */
  filing: number;
}

interface ReadyEntry {
  readonly state: KeyState;
  readonly turn: number;
  readonly filing: number;
}

interface BlockedEntry {
  readonly state: KeyState;
  readonly at: number;
  readonly filing: number;
}

/** How many grants between sweeps that forget idle keys (bounds memory over a long campaign). */
const SWEEP_EVERY = 1024;

/**
 * How far back (ms) a waiter released late by its timer or a busy event loop keeps the slot it was
 * due: lateness up to this much is caught up (within every hard window cap) instead of lost.
 * Longer stalls are not repaid, so one never turns into a long back-to-back burst.
 */
const CATCH_UP_MS = 100;

function asList(limits: RateLimit | readonly RateLimit[] | undefined): readonly RateLimit[] {
  if (limits === undefined) return [];
  return Array.isArray(limits) ? limits : [limits as RateLimit];
}

/**
 * Releases sends under a global limit, a per-key limit and pauses at once, below each limit by a
 * safety margin: never more than a limit's count in any sliding window, the sustained rate at
 * `limit × (1 − margin)`, bursts as configured. Waiting callers are served first-come first-served
 * among keys that may send, so a paused or saturated key never holds up other keys nor spends
 * global capacity while it waits.
 */
export class Pacer {
  private readonly clock: Clock;
  private readonly globalLimits: LimitState[];
  private readonly perKeyRules: (key: string) => readonly NormalisedLimit[];
  private globalPausedUntil = Number.NEGATIVE_INFINITY;
  private readonly keys = new Map<string, KeyState>();
  private readonly ready = new MinHeap<ReadyEntry>((a, b) => a.turn < b.turn);
  private readonly blocked = new MinHeap<BlockedEntry>((a, b) => a.at < b.at);
  private nextTurn = 0;
  private waiting = 0;
  private granted = 0;
  private wake: { readonly at: number; readonly controller: AbortController } | undefined;

  constructor(options: PacerOptions) {
    const margin = options.margin ?? DEFAULT_PACING_MARGIN;
    if (!(margin >= 0 && margin < 0.5))
      throw new ConfigError('Invalid pacing margin: use a fraction from 0 to below 0.5.');
    this.clock = options.clock;
    this.globalLimits = asList(options.global).map((limit) => new LimitState(normaliseLimit(limit, margin)));
    const perKey = options.perKey;
    if (typeof perKey === 'function') {
      this.perKeyRules = (key) => asList(perKey(key)).map((limit) => normaliseLimit(limit, margin));
    } else {
      const rules = asList(perKey).map((limit) => normaliseLimit(limit, margin));
      this.perKeyRules = () => rules;
    }
  }

  /** Takes a slot for `key` now if every limit allows it and no earlier caller is waiting for it. */
  tryAcquire(key: string): PacingDecision {
    this.pump();
    const now = this.clock.now();
    const state = this.keys.get(key);
    const readyAt = Math.max(
      this.globalReadyAt(),
      state === undefined ? Number.NEGATIVE_INFINITY : this.keyReadyAt(state),
    );
    if (readyAt > now) return { ok: false, readyAt };
    if (state !== undefined && state.queue.length > 0) return { ok: false, readyAt: now };
    // The caller's own lateness is unknown, so its send counts from now.
    this.commit(this.stateOf(key), now, now);
    return { ok: true };
  }

  /**
   * Resolves when a send to `key` may go (the slot is then taken); rejects with the signal's
   * reason if `signal` aborts first, giving the place up without spending capacity.
   */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const state = this.stateOf(key);
      const onAbort = () => this.cancel(state, waiter, signal?.reason);
      const waiter: Waiter = {
        turn: this.nextTurn++,
        since: this.clock.now(),
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      state.queue.push(waiter);
      this.waiting++;
      signal?.addEventListener('abort', onAbort, { once: true });
      if (state.queue.length === 1) this.file(state, this.clock.now());
      this.pump();
    });
  }

  /**
   * Holds back sends for `ms` from now, for one key (a platform's per-chat retry-after) or, with
   * no key, for everything (a global retry-after); a pause never shortens an earlier one.
   */
  pause(ms: number, key?: string): void {
    const until = this.clock.now() + Math.max(0, ms);
    if (key === undefined) this.globalPausedUntil = Math.max(this.globalPausedUntil, until);
    else {
      const state = this.stateOf(key);
      state.pausedUntil = Math.max(state.pausedUntil, until);
    }
  }

  /** Earliest time a send to `key` could go, ignoring callers already waiting (epoch ms, may be fractional). */
  readyAt(key: string): number {
    const state = this.keys.get(key);
    const readyAt = Math.max(
      this.globalReadyAt(),
      state === undefined ? Number.NEGATIVE_INFINITY : this.keyReadyAt(state),
    );
    return Math.max(readyAt, this.clock.now());
  }

  /** Counters: sends granted, callers waiting, keys tracked. */
  stats(): PacerStats {
    return { granted: this.granted, waiting: this.waiting, trackedKeys: this.keys.size };
  }

  /** Rejects every waiting caller with `reason` and stops the pacer's timer (for shutdown). */
  close(reason: unknown = new Error('The pacer was closed.')): void {
    this.cancelWake();
    for (const state of this.keys.values()) {
      for (const waiter of state.queue.splice(0)) {
        waiter.detach();
        waiter.reject(reason);
      }
      state.filing++;
    }
    this.waiting = 0;
    this.ready.clear();
    this.blocked.clear();
  }

  private globalReadyAt(): number {
    let at = this.globalPausedUntil;
    for (const limit of this.globalLimits) at = Math.max(at, limit.readyAt());
    return at;
  }

  private keyReadyAt(state: KeyState): number {
    let at = state.pausedUntil;
    for (const limit of state.limits) at = Math.max(at, limit.readyAt());
    return at;
  }

  /** When a send to `state` is due on the sustained schedule and pauses; hard-cap waits are caught up. */
  private dueAt(state: KeyState): number {
    let at = Math.max(this.globalPausedUntil, state.pausedUntil);
    for (const limit of this.globalLimits) at = Math.max(at, limit.pacedAt());
    for (const limit of state.limits) at = Math.max(at, limit.pacedAt());
    return at;
  }

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (state === undefined) {
      state = {
        limits: this.perKeyRules(key).map((rule) => new LimitState(rule)),
        pausedUntil: Number.NEGATIVE_INFINITY,
        queue: [],
        filing: 0,
      };
      this.keys.set(key, state);
    }
    return state;
  }

  /** Puts a key with waiters in the ready heap (by its first waiter's turn) or the blocked heap (by time). */
  private file(state: KeyState, now: number): void {
    state.filing++;
    const first = state.queue[0];
    if (first === undefined) return;
    const at = this.keyReadyAt(state);
    if (at <= now) this.ready.push({ state, turn: first.turn, filing: state.filing });
    else this.blocked.push({ state, at, filing: state.filing });
  }

  /** Takes the slot for a send going at `now` that was due at `due`. */
  private commit(state: KeyState, now: number, due: number): void {
    for (const limit of this.globalLimits) limit.commit(now, due);
    for (const limit of state.limits) limit.commit(now, due);
    this.granted++;
    if (this.granted % SWEEP_EVERY === 0) this.forgetIdleKeys(now);
  }

  /** Releases every waiter that may go now, oldest turn first, then sets the timer for the next. */
  private pump(): void {
    const now = this.clock.now();
    for (
      let entry = this.blocked.peek();
      entry !== undefined && entry.at <= now;
      entry = this.blocked.peek()
    ) {
      this.blocked.pop();
      if (entry.filing === entry.state.filing) this.file(entry.state, now);
    }
    for (let globalAt = this.globalReadyAt(); this.ready.size > 0 && globalAt <= now; ) {
      const entry = this.ready.pop() as ReadyEntry;
      const state = entry.state;
      if (entry.filing !== state.filing) continue;
      const keyAt = this.keyReadyAt(state);
      // Paused since it was filed: re-file it as blocked without spending global capacity.
      if (keyAt > now) {
        this.file(state, now);
        continue;
      }
      const waiter = state.queue.shift() as Waiter;
      this.waiting--;
      // The moment a punctual timer would have released it on the schedule, once it was asked for.
      const due = Math.max(this.dueAt(state), waiter.since, now - CATCH_UP_MS);
      this.commit(state, now, due);
      globalAt = this.globalReadyAt();
      this.file(state, now);
      waiter.detach();
      waiter.resolve();
    }
    this.schedule(now);
  }

  private schedule(now: number): void {
    const isStale = (entry: ReadyEntry | BlockedEntry | undefined) =>
      entry !== undefined && entry.filing !== entry.state.filing;
    while (isStale(this.ready.peek())) this.ready.pop();
    while (isStale(this.blocked.peek())) this.blocked.pop();
    // Waiters that may go are held only by the global limits; the others wait for their key.
    const readyWaitersAt = this.ready.size > 0 ? this.globalReadyAt() : Number.POSITIVE_INFINITY;
    const at = Math.min(readyWaitersAt, this.blocked.peek()?.at ?? Number.POSITIVE_INFINITY);
    if (at === Number.POSITIVE_INFINITY) {
      this.cancelWake();
      return;
    }
    if (this.wake !== undefined && this.wake.at <= at) return;
    this.cancelWake();
    const controller = new AbortController();
    this.wake = { at, controller };
    this.clock.sleep(Math.max(1, Math.ceil(at - now)), controller.signal).then(
      () => {
        if (this.wake?.controller !== controller) return;
        this.wake = undefined;
        this.pump();
      },
      () => {},
    );
  }

  private cancelWake(): void {
    this.wake?.controller.abort();
    this.wake = undefined;
  }

  private cancel(state: KeyState, waiter: Waiter, reason: unknown): void {
    const index = state.queue.indexOf(waiter);
    if (index < 0) return;
    state.queue.splice(index, 1);
    this.waiting--;
    if (index === 0) this.file(state, this.clock.now());
    waiter.reject(reason);
  }

  private forgetIdleKeys(now: number): void {
    for (const [key, state] of this.keys) {
      if (state.queue.length > 0 || state.pausedUntil > now) continue;
      if (state.limits.every((limit) => limit.isIdle(now))) this.keys.delete(key);
    }
  }
}
