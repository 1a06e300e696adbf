import type { SandboxClock } from '../shared/clock.js';
import type { LimitDecision } from '../shared/rate-limiter.js';
import type { MessagingTier, PairRateLimit } from './types.js';

/** 24 hours in milliseconds: the customer-service window and the messaging-limit period. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Pair rate per recipient as a token bucket: `burst` sends at once, then `messages` per `perMs`.
 * With the default burst of 1 this is exactly "1 message per 6 s". @see PLATFORMS.md §1.5 "Pair rate"
 */
export class PairRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: PairRateLimit,
    private readonly clock: SandboxClock,
  ) {}

  take(recipient: string): LimitDecision {
    const now = this.clock.now();
    const bucket = this.buckets.get(recipient) ?? { tokens: this.limit.burst, at: now };
    const refill = ((now - bucket.at) * this.limit.messages) / this.limit.perMs;
    const tokens = Math.min(this.limit.burst, bucket.tokens + refill);
    if (tokens < 1) {
      this.buckets.set(recipient, { tokens, at: now });
      return {
        ok: false,
        retryAfterMs: Math.max(1, Math.ceil(((1 - tokens) * this.limit.perMs) / this.limit.messages)),
      };
    }
    this.buckets.set(recipient, { tokens: tokens - 1, at: now });
    return { ok: true };
  }

  reset(): void {
    this.buckets.clear();
  }
}

/**
 * Customer-service windows: a user message opens (or refreshes) 24 h in which free-form messages
 * may be sent; the business's own messages never refresh it. @see PLATFORMS.md §1.7
 */
export class CustomerServiceWindows {
  private readonly lastUserMessage = new Map<string, number>();

  constructor(private readonly clock: SandboxClock) {}

  /** The user wrote to the business now. */
  open(waId: string): void {
    this.lastUserMessage.set(waId, this.clock.now());
  }

  isOpen(waId: string): boolean {
    const last = this.lastUserMessage.get(waId);
    return last !== undefined && this.clock.now() - last < DAY_MS;
  }

  reset(): void {
    this.lastUserMessage.clear();
  }
}

/**
 * The messaging limit: unique users reached outside a customer-service window in a moving 24 h.
 * @see PLATFORMS.md §1.5 "Messaging limits"
 */
export class MessagingLimit {
  private readonly lastReached = new Map<string, number>();

  constructor(
    private readonly tier: MessagingTier,
    private readonly clock: SandboxClock,
  ) {}

  /** Counts `waId` as reached now if the tier has room (or they already count); false when over. */
  reach(waId: string): boolean {
    const now = this.clock.now();
    this.prune(now);
    if (this.tier !== 'unlimited' && !this.lastReached.has(waId) && this.lastReached.size >= this.tier)
      return false;
    // Re-inserting keeps the map ordered by time, so pruning only looks at the front.
    this.lastReached.delete(waId);
    this.lastReached.set(waId, now);
    return true;
  }

  /** Unique users reached in the last 24 h. */
  reached(): number {
    this.prune(this.clock.now());
    return this.lastReached.size;
  }

  private prune(now: number): void {
    for (const [user, at] of this.lastReached) {
      if (now - at < DAY_MS) break;
      this.lastReached.delete(user);
    }
  }

  reset(): void {
    this.lastReached.clear();
  }
}
