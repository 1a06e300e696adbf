/**
 * Slack request signing (`v0`), free of the SDK and of Ferry's core so it can be reused anywhere.
 * @see PLATFORMS.md §3.5 "Request signing (HTTP mode)"
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses requests older than five minutes; so do we, in both directions. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 300;

/** Why a request was refused. */
export type SlackVerifyFailure =
  | 'missing-headers'
  | 'bad-timestamp'
  | 'stale'
  | 'bad-version'
  | 'bad-signature'
  | 'replayed';

/** The answer of {@link SlackRequestVerifier.verify}. */
export type SlackVerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: SlackVerifyFailure };

/** What {@link SlackRequestVerifier} needs: the secret and, for tests, a clock in ms. */
export interface SlackVerifierOptions {
  readonly signingSecret: string;
  readonly now?: () => number;
  readonly windowSeconds?: number;
  /** How many (timestamp, signature) pairs to remember at most (older ones expire with the window anyway). */
  readonly maxRemembered?: number;
}

/** `v0=<hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)>`, as Slack computes it. */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Compares two strings in time independent of where they differ. */
function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies `X-Slack-Signature` / `X-Slack-Request-Timestamp`: version `v0`, the 5-minute window,
 * a timing-safe compare, and refuses a (timestamp, signature) pair already accepted (a replay).
 */
export class SlackRequestVerifier {
  readonly #secret: string;
  readonly #now: () => number;
  readonly #windowSeconds: number;
  readonly #maxRemembered: number;
  /** Accepted `timestamp:signature` pairs → timestamp (seconds), oldest first. */
  readonly #seen = new Map<string, number>();

  constructor(options: SlackVerifierOptions) {
    this.#secret = options.signingSecret;
    this.#now = options.now ?? Date.now;
    this.#windowSeconds = options.windowSeconds ?? SLACK_SIGNATURE_WINDOW_SECONDS;
    this.#maxRemembered = options.maxRemembered ?? 100_000;
  }

  /** Checks one request's raw body against its headers; remembers it when accepted. */
  verify(timestamp: string | null, signature: string | null, body: string): SlackVerifyResult {
    if (timestamp === null || signature === null) return { ok: false, reason: 'missing-headers' };
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad-timestamp' };
    const seconds = Number(timestamp);
    const nowSeconds = Math.floor(this.#now() / 1000);
    if (Math.abs(nowSeconds - seconds) > this.#windowSeconds) return { ok: false, reason: 'stale' };
    if (!signature.startsWith('v0=')) return { ok: false, reason: 'bad-version' };
    if (!safeEqual(slackSignature(this.#secret, timestamp, body), signature)) {
      return { ok: false, reason: 'bad-signature' };
    }
    this.#forgetBefore(nowSeconds - this.#windowSeconds);
    const key = `${timestamp}:${signature}`;
    if (this.#seen.has(key)) return { ok: false, reason: 'replayed' };
    this.#seen.set(key, seconds);
    if (this.#seen.size > this.#maxRemembered) {
      const oldest = this.#seen.keys().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
    return { ok: true };
  }

  #forgetBefore(limitSeconds: number): void {
    // Entries arrive roughly in timestamp order, so stop at the first one still inside the window.
    for (const [key, seconds] of this.#seen) {
      if (seconds >= limitSeconds) break;
      this.#seen.delete(key);
    }
  }
}
