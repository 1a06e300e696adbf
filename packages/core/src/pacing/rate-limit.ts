import { ConfigError } from '../errors/index.js';

/**
 * One limit a platform sets, either as a rate per second (`{ perSecond: 30 }`; below 1, e.g.
 * `1 / 6`, it means one send per `1000 / perSecond` ms) or as a count per window
 * (`{ limit: 20, windowMs: 60_000 }`). `burst` is how many sends may go back to back after a
 * quiet spell (default 1: evenly spaced); it can never push a window over its limit.
 */
export type RateLimit =
  | { readonly perSecond: number; readonly burst?: number }
  | { readonly limit: number; readonly windowMs: number; readonly burst?: number };

/** The default share of each configured rate held back as a safety margin (2.5%). */
export const DEFAULT_PACING_MARGIN = 0.025;

/**
 * The share of the margin spent on the hard cap's guard against jitter (requests reaching the
 * platform closer together than they left): 19 ms in a 1 s window at the default margin. The rest
 * is room to catch up late sends; a cap stretched by the whole margin would leave none, so every
 * late send would push the one a window later back for good.
 */
const JITTER_SHARE_OF_MARGIN = 0.75;

/** A limit in the form the scheduler uses. */
export interface NormalisedLimit {
  /** Never more than `limit` sends in any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
  /**
   * The window the hard cap is kept over: `windowMs` stretched by three quarters of the margin, so
   * requests that reach the platform up to that much closer together than they left still fit its window.
   */
  readonly guardedWindowMs: number;
  /** Spacing between sends at the sustained rate (after the margin). */
  readonly intervalMs: number;
  readonly burst: number;
}

function invalid(message: string): never {
  throw new ConfigError(`Invalid pacing limit: ${message}`);
}

/** Checks a {@link RateLimit} and turns it into hard window counts and a sustained spacing. */
export function normaliseLimit(rateLimit: RateLimit, margin: number): NormalisedLimit {
  let limit: number;
  let windowMs: number;
  let perSecond: number;
  if ('perSecond' in rateLimit) {
    perSecond = rateLimit.perSecond;
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) invalid('perSecond must be a positive number.');
    limit = perSecond >= 1 ? Math.floor(perSecond) : 1;
    windowMs = perSecond >= 1 ? 1000 : 1000 / perSecond;
  } else {
    limit = rateLimit.limit;
    windowMs = rateLimit.windowMs;
    if (!Number.isInteger(limit) || limit < 1) invalid('limit must be a whole number of sends, at least 1.');
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) invalid('windowMs must be a positive number.');
    perSecond = (limit * 1000) / windowMs;
  }
  const burst = rateLimit.burst ?? 1;
  if (!Number.isInteger(burst) || burst < 1 || burst > limit) {
    invalid(`burst must be a whole number from 1 to the window's limit (${limit}).`);
  }
  return {
    limit,
    windowMs,
    guardedWindowMs: windowMs * (1 + margin * JITTER_SHARE_OF_MARGIN),
    intervalMs: 1000 / (perSecond * (1 - margin)),
    burst,
  };
}

/**
 * The state of one limit for one scope: a GCRA (virtual scheduling) spacing with burst tolerance
 * for the sustained rate, plus an exact log of the last `limit` sends as the hard window cap.
 */
export class LimitState {
  /** Theoretical arrival time of the next send at the sustained rate. */
  private theoreticalArrival = Number.NEGATIVE_INFINITY;
  /** Ring of the last `limit` send times; `next` is the oldest once the ring is full. */
  private readonly sends: number[] = [];
  private next = 0;

  constructor(readonly rule: NormalisedLimit) {}

  /** Earliest time a send may go, given the sends so far. */
  readyAt(): number {
    const { limit, guardedWindowMs } = this.rule;
    const paced = this.pacedAt();
    const oldest = this.sends.length < limit ? undefined : this.sends[this.next];
    return oldest === undefined ? paced : Math.max(paced, oldest + guardedWindowMs);
  }

  /** When the sustained-rate schedule (with its burst) allows the next send, ignoring the hard cap. */
  pacedAt(): number {
    const { burst, intervalMs } = this.rule;
    // Rounded to the microsecond so float noise in the running sum cannot delay a due send by a tick.
    return Math.round((this.theoreticalArrival - (burst - 1) * intervalMs) * 1000) / 1000;
  }

  /**
   * Records a send that went at `now` but was due at `due` (≤ now): a send released late by a
   * busy event loop keeps the schedule it was due on, so the lateness is caught up later instead
   * of being lost; the hard cap still counts the real send time.
   */
  commit(now: number, due: number = now): void {
    const { intervalMs, limit } = this.rule;
    this.theoreticalArrival = Math.max(this.theoreticalArrival, Math.min(due, now)) + intervalMs;
    if (this.sends.length < limit) this.sends.push(now);
    else {
      this.sends[this.next] = now;
      this.next = (this.next + 1) % limit;
    }
  }

  /** True when forgetting this state changes nothing: no send in the window and the schedule not ahead. */
  isIdle(now: number): boolean {
    const { guardedWindowMs, limit } = this.rule;
    const newest = this.sends[(this.next + this.sends.length - 1) % limit];
    const windowClear = newest === undefined || newest <= now - guardedWindowMs;
    return windowClear && now >= this.theoreticalArrival;
  }
}
