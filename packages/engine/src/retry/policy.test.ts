import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, RETRY_PRESETS } from './policy.js';

describe('retry policy', () => {
  const standard = RETRY_PRESETS.standard;

  it('waits out a retry-after in its scope, and gives up when it is longer than the policy allows', () => {
    expect(
      decideRetry(standard, { status: 'rate-limited', retryAfterMs: 2_000, scope: 'global' }, 1),
    ).toEqual({
      retry: true,
      delayMs: 0,
      pause: { scope: 'global', ms: 2_000 },
    });
    expect(
      decideRetry(standard, { status: 'rate-limited', retryAfterMs: 600_000, scope: 'recipient' }, 1),
    ).toEqual({
      retry: false,
    });
  });

  it('never retries permanent failures', () => {
    for (const outcome of [
      { status: 'rejected', reason: 'bad template' },
      { status: 'unknown-recipient', reason: 'chat not found' },
      { status: 'blocked', reason: 'blocked' },
    ] as const)
      expect(decideRetry(RETRY_PRESETS.patient, outcome, 1)).toEqual({ retry: false });
  });

  it('retries transient failures with backoff until the attempts run out', () => {
    const outcome = { status: 'transient', reason: '502' } as const;
    const decision = decideRetry(standard, outcome, 2, { idempotent: false, random: () => 0.5 });
    expect(decision).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(standard, outcome, standard.maxAttempts)).toEqual({ retry: false });
    expect(decideRetry(RETRY_PRESETS.none, outcome, 1)).toEqual({ retry: false });
  });

  it('resends an ambiguous send only on an idempotent channel or when the policy says so', () => {
    const outcome = { status: 'ambiguous', reason: 'response lost' } as const;
    expect(decideRetry(standard, outcome, 1)).toEqual({ retry: false });
    expect(decideRetry(standard, outcome, 1, { idempotent: true, random: () => 0 })).toEqual({
      retry: true,
      delayMs: 0,
    });
    expect(decideRetry({ ...standard, ambiguous: 'resend' }, outcome, 1, { idempotent: false }).retry).toBe(
      true,
    );
  });

  it('caps the backoff', () => {
    expect(backoffDelay(standard, 30, () => 0.999)).toBeLessThanOrEqual(standard.maxDelayMs);
  });
});
