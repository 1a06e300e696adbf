import { createHash } from 'node:crypto';
import type { SandboxClock } from '../shared/clock.js';
import type { EmulatorResponse } from '../shared/emulator.js';
import { SlidingWindowLimiter } from '../shared/rate-limiter.js';

/** One per-route bucket: at most `limit` requests per `windowMs` for each major parameter. */
export interface DiscordBucketLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The limits the emulator enforces. Discord publishes only the global figure and says to read the
 * headers; the per-route values are sandbox defaults chosen to be reachable in tests.
 * @see PLATFORMS.md §4.4
 */
export interface DiscordLimits {
  /** Requests per second per bot across all routes except interactions (Discord: 50). */
  readonly globalPerSecond: number;
  /**
   * Per-route buckets keyed by route template (`POST /channels/:id/messages`,
   * `POST /users/@me/channels`) or `default` for every other route.
   */
  readonly routeBuckets: Readonly<Record<string, DiscordBucketLimit>>;
  /** New DM channels the bot may open per second before 403 40003 (an anti-spam limit the headers do not show). */
  readonly dmOpenPerSecond: number;
  /** How long a nonce sent with `enforce_nonce` is remembered ("the past few minutes"). */
  readonly nonceWindowMs: number;
}

/** What the emulator enforces unless told otherwise. */
export const defaultDiscordLimits: DiscordLimits = {
  globalPerSecond: 50,
  routeBuckets: {
    'POST /channels/:id/messages': { limit: 5, windowMs: 5000 },
    'POST /users/@me/channels': { limit: 10, windowMs: 1000 },
    default: { limit: 50, windowMs: 1000 },
  },
  dmOpenPerSecond: 5,
  nonceWindowMs: 5 * 60_000,
};

/**
 * Limits for campaigns to many users in tests and benchmarks: DM opens (5/s anti-spam) raised to
 * 100/s so the 50 requests/s global limit and the message buckets are what pace the run; every
 * message limit stays as Discord's.
 */
export const bulkDmDiscordLimits: DiscordLimitOptions = {
  dmOpenPerSecond: 100,
  routeBuckets: { 'POST /users/@me/channels': { limit: 100, windowMs: 1000 } },
};

/** Options as callers give them: any subset, merged over the defaults. */
export interface DiscordLimitOptions {
  readonly globalPerSecond?: number;
  readonly routeBuckets?: Readonly<Record<string, DiscordBucketLimit>>;
  readonly dmOpenPerSecond?: number;
  readonly nonceWindowMs?: number;
}

/** Merges partial limit options over the defaults. */
export function resolveLimits(options: DiscordLimitOptions | undefined): DiscordLimits {
  return {
    globalPerSecond: options?.globalPerSecond ?? defaultDiscordLimits.globalPerSecond,
    routeBuckets: { ...defaultDiscordLimits.routeBuckets, ...options?.routeBuckets },
    dmOpenPerSecond: options?.dmOpenPerSecond ?? defaultDiscordLimits.dmOpenPerSecond,
    nonceWindowMs: options?.nonceWindowMs ?? defaultDiscordLimits.nonceWindowMs,
  };
}

/** Result of taking a slot in a route bucket: the headers to send, and the 429 when there was no room. */
export interface BucketDecision {
  readonly headers: Readonly<Record<string, string>>;
  readonly limited?: EmulatorResponse;
}

const INVALID_WINDOW_MS = 10 * 60_000;

/** Seconds with millisecond precision, as Discord writes them in headers and bodies. */
function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** The 429 body and headers Discord answers with. @see PLATFORMS.md §4.4 */
export function rateLimitedResponse(
  retryAfterMs: number,
  scope: 'user' | 'global' | 'shared',
  headers: Readonly<Record<string, string>> = {},
): EmulatorResponse {
  const global = scope === 'global';
  return {
    status: 429,
    headers: {
      ...headers,
      'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
      'x-ratelimit-scope': scope,
      // @discordjs/rest treats the mere presence of this header as "global", so it is only sent then.
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    },
    body: { message: 'You are being rate limited.', retry_after: seconds(retryAfterMs), global },
  };
}

/**
 * Discord's rate limits as seen from outside: a global per-bot limit, per-route buckets keyed by
 * major parameter with `X-RateLimit-*` headers, the DM-opening anti-spam limit, and the count of
 * invalid requests (401/403/429 except scope `shared`) in a sliding 10 minutes.
 * @see PLATFORMS.md §4.4
 */
export class DiscordRateLimiter {
  private readonly global: SlidingWindowLimiter;
  private readonly dmOpen: SlidingWindowLimiter;
  private readonly buckets = new Map<string, SlidingWindowLimiter>();
  private readonly invalid: number[] = [];

  constructor(
    readonly limits: DiscordLimits,
    private readonly clock: SandboxClock,
  ) {
    this.global = new SlidingWindowLimiter(limits.globalPerSecond, 1000, clock);
    this.dmOpen = new SlidingWindowLimiter(limits.dmOpenPerSecond, 1000, clock);
  }

  /** Takes a global slot for the bot; the 429 (scope global) when the bot is over its per-second limit. */
  takeGlobal(): EmulatorResponse | undefined {
    const decision = this.global.take('bot');
    return decision.ok ? undefined : rateLimitedResponse(decision.retryAfterMs, 'global');
  }

  /** Takes a slot in the route's bucket for `major` (channel id, webhook, bot). */
  takeBucket(template: string, major: string): BucketDecision {
    const limit = this.limits.routeBuckets[template] ?? this.limits.routeBuckets['default'];
    if (limit === undefined) return { headers: {} };
    const limiter = this.limiterFor(template, limit);
    const decision = limiter.take(major);
    const headers = this.headers(template, limiter, major);
    if (decision.ok) return { headers };
    return {
      headers,
      limited: rateLimitedResponse(decision.retryAfterMs, 'user', {
        ...headers,
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(seconds(decision.retryAfterMs)),
      }),
    };
  }

  /** The headers of the route's bucket without taking a slot (for injected faults). */
  peekHeaders(template: string, major: string): Readonly<Record<string, string>> {
    const limit = this.limits.routeBuckets[template] ?? this.limits.routeBuckets['default'];
    if (limit === undefined) return {};
    return this.headers(template, this.limiterFor(template, limit), major);
  }

  /** Takes a slot of the DM-opening anti-spam limit; false means answer 40003. */
  takeDmOpen(): boolean {
    return this.dmOpen.take('bot').ok;
  }

  /** Counts a response toward the invalid-request limit when Discord would (401, 403, 429 not `shared`). */
  observe(response: EmulatorResponse): void {
    const status = response.status;
    if (status !== 401 && status !== 403 && status !== 429) return;
    if (status === 429 && response.headers?.['x-ratelimit-scope'] === 'shared') return;
    this.invalid.push(this.clock.now());
  }

  /** Invalid requests in the last 10 minutes. */
  invalidRequestCount(): number {
    const cutoff = this.clock.now() - INVALID_WINDOW_MS;
    while (this.invalid.length > 0 && (this.invalid[0] ?? 0) <= cutoff) this.invalid.shift();
    return this.invalid.length;
  }

  reset(): void {
    this.global.reset();
    this.dmOpen.reset();
    this.buckets.clear();
    this.invalid.length = 0;
  }

  private limiterFor(template: string, limit: DiscordBucketLimit): SlidingWindowLimiter {
    let limiter = this.buckets.get(template);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(limit.limit, limit.windowMs, this.clock);
      this.buckets.set(template, limiter);
    }
    return limiter;
  }

  private headers(template: string, limiter: SlidingWindowLimiter, major: string): Record<string, string> {
    const resetAfterMs = limiter.resetAfterMs(major);
    return {
      'x-ratelimit-limit': String(limiter.limit),
      'x-ratelimit-remaining': String(limiter.remaining(major)),
      'x-ratelimit-reset': String(seconds(this.clock.now() + resetAfterMs)),
      'x-ratelimit-reset-after': String(seconds(resetAfterMs)),
      'x-ratelimit-bucket': createHash('md5').update(template).digest('hex'),
    };
  }
}
