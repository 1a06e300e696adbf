import type { SendOutcome } from '@ferry/core';

/**
 * How a campaign retries one recipient: how many network attempts in all, the backoff for
 * transient failures, the longest retry-after worth waiting for, and what to do with sends whose
 * outcome is unknown. Permanent failures (`rejected`, `unknown-recipient`, `blocked`) are never retried.
 * @see STYLE.md "Retry and pacing are policies with named presets"
 */
export interface RetryPolicy {
  /** Network attempts per recipient, the first included (1 = never retry). */
  readonly maxAttempts: number;
  /** First backoff after a transient failure; doubles per attempt, with full jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A retry-after longer than this fails the recipient as `rate-limited` instead of waiting. */
  readonly maxRetryAfterMs: number;
  /** Whether `transient` outcomes (5xx, network failure before an answer) are retried. */
  readonly retryTransient: boolean;
  /**
   * What to do with a send that may or may not have gone out (a crash mid-call, a lost answer) on a
   * channel without idempotent sends: `hold` (default: never resend, report it) or `resend`.
   */
  readonly ambiguous: 'hold' | 'resend';
}

/** Named retry policies: `none`, `standard` (default) and `patient`. */
export const RETRY_PRESETS = {
  /** One attempt; anything but success is final. */
  none: {
    maxAttempts: 1,
    baseDelayMs: 0,
    maxDelayMs: 0,
    maxRetryAfterMs: 0,
    retryTransient: false,
    ambiguous: 'hold',
  },
  /** Up to 5 attempts, 0.5 s doubling to 30 s, waits out retry-after up to 5 minutes. */
  standard: {
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 300_000,
    retryTransient: true,
    ambiguous: 'hold',
  },
  /** Up to 10 attempts, 1 s doubling to 5 minutes, waits out retry-after up to an hour. */
  patient: {
    maxAttempts: 10,
    baseDelayMs: 1_000,
    maxDelayMs: 300_000,
    maxRetryAfterMs: 3_600_000,
    retryTransient: true,
    ambiguous: 'hold',
  },
} as const satisfies Readonly<Record<string, RetryPolicy>>;

/** The name of a built-in retry policy. */
export type RetryPresetName = keyof typeof RETRY_PRESETS;

/** What to do after one failed attempt. */
export type RetryDecision =
  | {
      readonly retry: true;
      /** Wait this long before the next attempt (0: go as soon as the pacer allows). */
      readonly delayMs: number;
      /** Pause the pacer for this scope (a platform retry-after) instead of sleeping. */
      readonly pause?: { readonly scope: 'recipient' | 'global'; readonly ms: number };
    }
  | { readonly retry: false };

/**
 * Decides whether to try again after `outcome` on attempt number `attempt` (1-based); `idempotent`
 * says the channel de-duplicates a resend, so an ambiguous send is safe to retry.
 */
export function decideRetry(
  policy: RetryPolicy,
  outcome: SendOutcome,
  attempt: number,
  options: { readonly idempotent: boolean; readonly random?: () => number } = { idempotent: false },
): RetryDecision {
  if (attempt >= policy.maxAttempts) return { retry: false };
  switch (outcome.status) {
    case 'rate-limited':
      if (outcome.retryAfterMs > policy.maxRetryAfterMs) return { retry: false };
      return { retry: true, delayMs: 0, pause: { scope: outcome.scope, ms: outcome.retryAfterMs } };
    case 'transient':
      if (!policy.retryTransient) return { retry: false };
      return { retry: true, delayMs: backoffDelay(policy, attempt, options.random ?? Math.random) };
    case 'ambiguous':
      if (!options.idempotent && policy.ambiguous !== 'resend') return { retry: false };
      return { retry: true, delayMs: backoffDelay(policy, attempt, options.random ?? Math.random) };
    default:
      return { retry: false };
  }
}

/** Exponential backoff with full jitter: a random delay up to `base × 2^(attempt−1)`, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves a policy given by name or value. */
export function retryPolicyOf(policy: RetryPolicy | RetryPresetName | undefined): RetryPolicy {
  if (policy === undefined) return RETRY_PRESETS.standard;
  return typeof policy === 'string' ? RETRY_PRESETS[policy] : policy;
}
