import { type SandboxClock, SlidingWindowLimiter } from '../shared/index.js';

/**
 * Telegram's flood limits as the emulator enforces them.
 * @see PLATFORMS.md §2.3
 */
export interface TelegramLimits {
  /** Messages per second across all chats (Bot FAQ: about 30). */
  readonly globalPerSecond: number;
  /** Sustained messages per second into one chat (Bot FAQ: avoid more than 1). */
  readonly perChatPerSecond: number;
  /**
   * The short burst one chat tolerates ("short bursts are tolerated, then 429s follow"): at most this
   * many messages in any `perChatBurst / perChatPerSecond` seconds, so a burst of 3 is accepted, and
   * after it one message per second.
   */
  readonly perChatBurst: number;
  /** Messages per minute into one group or supergroup (Bot FAQ: 20). */
  readonly groupPerMinute: number;
  /** Messages per second sent with `allow_paid_broadcast: true` (instead of the global limit). */
  readonly paidBroadcastPerSecond: number;
}

/** The defaults: 30/s global, 1/s per chat with a burst of 3, 20/min per group, 1000/s paid. */
export const defaultTelegramLimits: TelegramLimits = {
  globalPerSecond: 30,
  perChatPerSecond: 1,
  perChatBurst: 3,
  groupPerMinute: 20,
  paidBroadcastPerSecond: 1000,
};

/** The outcome of asking for room to send one message. */
export type SendAdmission = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** Sliding-window flood control: global (or paid broadcast), per chat with burst, per group per minute. */
export class TelegramRateLimiter {
  private readonly global: SlidingWindowLimiter;
  private readonly paid: SlidingWindowLimiter;
  private readonly perChat: SlidingWindowLimiter;
  private readonly perGroup: SlidingWindowLimiter;

  constructor(
    readonly limits: TelegramLimits,
    clock: SandboxClock,
  ) {
    this.global = new SlidingWindowLimiter(limits.globalPerSecond, 1000, clock);
    this.paid = new SlidingWindowLimiter(limits.paidBroadcastPerSecond, 1000, clock);
    const burst = Math.max(1, limits.perChatBurst);
    this.perChat = new SlidingWindowLimiter(
      burst,
      Math.round((burst * 1000) / limits.perChatPerSecond),
      clock,
    );
    this.perGroup = new SlidingWindowLimiter(limits.groupPerMinute, 60_000, clock);
  }

  /** Takes a slot in every applicable window, or none and says the longest wait. */
  admit(chatId: number, isGroup: boolean, paidBroadcast: boolean): SendAdmission {
    const chatKey = String(chatId);
    const windows: [SlidingWindowLimiter, string][] = [
      [paidBroadcast ? this.paid : this.global, 'all'],
      [this.perChat, chatKey],
    ];
    if (isGroup) windows.push([this.perGroup, chatKey]);
    let retryAfterMs = 0;
    for (const [limiter, key] of windows) {
      const decision = limiter.peek(key);
      if (!decision.ok) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
    }
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    for (const [limiter, key] of windows) limiter.take(key);
    return { ok: true };
  }

  reset(): void {
    this.global.reset();
    this.paid.reset();
    this.perChat.reset();
    this.perGroup.reset();
  }
}
