import { describe, expect, it } from 'vitest';
import { planWaves, type WaveBudgetPlan } from './plan-waves.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.UTC(2026, 3, 1);

function plan(overrides: Partial<WaveBudgetPlan>): WaveBudgetPlan {
  return {
    start,
    cutoff: start + 10 * DAY,
    tier: 'unlimited',
    throughputPerSecond: 80,
    waves: [{ name: 'notice', audience: 'everyone' }],
    ...overrides,
  };
}

describe('planWaves', () => {
  it('at the unlimited tier the throughput sets the pace: 1M at 80/s takes about 3.6 h', () => {
    const result = planWaves(plan({}), { everyone: 1_000_000 });
    const wave = result.waves[0];
    expect(wave?.limitedBy).toBe('throughput');
    // 1,000,000 / (80 × 0.975) s = 12,820.5 s.
    expect(((wave?.finishesAt ?? 0) - start) / 1000).toBeCloseTo(12_820.5, 0);
    expect(result.meetsCutoff).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('at a 10k tier the rolling 24 h budget sets the pace and the cutoff is missed, with the tier that would meet it', () => {
    const result = planWaves(plan({ tier: 10_000 }), { everyone: 100_000 });
    const wave = result.waves[0];
    expect(wave?.limitedBy).toBe('tier');
    // Ten days of 10,000: the last block starts on day 9 and takes 10,000 / 78 s.
    expect(wave?.finishesAt).toBeCloseTo(start + 9 * DAY + (10_000 / 78) * 1000, -2);
    expect(result.meetsCutoff).toBe(true);
    const tight = planWaves(plan({ tier: 10_000, cutoff: start + 5 * DAY }), { everyone: 100_000 });
    expect(tight.meetsCutoff).toBe(false);
    expect(tight.warnings.map((warning) => warning.code)).toContain('cutoff-missed');
    expect(tight.tierNeeded).toBe(100_000);
  });

  it('chains waves: a re-notice waits for the first and for its own start time', () => {
    const result = planWaves(
      plan({
        tier: 2_000,
        waves: [
          { name: 'first', audience: 'everyone' },
          { name: 'reminder', audience: 'not-moved', notBefore: start + 3 * DAY },
        ],
      }),
      { everyone: 3_000, 'not-moved': 1_500 },
    );
    const [first, reminder] = result.waves;
    expect(first?.finishesAt).toBeGreaterThan(start + DAY);
    // The reminder starts on day 3 but the budget still holds the 1,000 sent on day 1 until day 2: it fits.
    expect(reminder?.startsAt).toBe(start + 3 * DAY);
    expect(result.lastFinishAt).toBe(reminder?.finishesAt);
  });

  it('warns that free-form messages only reach people inside the 24 h window, which do not count against the tier', () => {
    const result = planWaves(
      plan({
        tier: 250,
        waves: [{ name: 'follow-up', audience: 'recent', kind: 'free-form', insideServiceWindow: 400 }],
      }),
      { recent: 1_000 },
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'free-form-outside-window', wave: 'follow-up' }),
    ]);
    expect(result.waves[0]).toMatchObject({ countedAgainstTier: 0, limitedBy: 'throughput' });
  });

  it('caps 1000/s to 80/s below the unlimited tier and counts inbound traffic against the throughput', () => {
    const result = planWaves(plan({ tier: 100_000, throughputPerSecond: 1000 }), { everyone: 50_000 });
    expect(result.warnings.map((warning) => warning.code)).toContain('throughput-needs-unlimited-tier');
    expect(((result.waves[0]?.finishesAt ?? 0) - start) / 1000).toBeCloseTo(50_000 / 78, 0);
    const busy = planWaves(plan({ inboundPerSecond: 39 }), { everyone: 39_000 });
    expect(((busy.waves[0]?.finishesAt ?? 0) - start) / 1000).toBeCloseTo(1_000, 0);
  });
});
