import { loadPlan } from '@ferry/engine';
import { describe, expect, it } from 'vitest';
import { scheduleWaves, waveAudienceQuery } from './schedule.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function planWith(tier: string, extra = '') {
  const { plan, errors } = loadPlan(
    `version: 1
name: test
whatsapp: { tier: ${tier}, throughputPerSecond: 80 }
targets: { telegram: { username: test_bot } }
cutoff: { at: 2026-03-01, timezone: UTC }
defaultTarget: telegram
waves:
  - id: first
    at: 2026-02-20T10:00
    template: { name: we_moved, language: en }
    audience: { notLinked: true, countries: [IT] }
  - id: second
    at: 2026-02-22T10:00
    template: { name: we_moved, language: en }
${extra}
redirect: { text: "We moved" }
`,
    { now: NOW },
  );
  expect(errors).toEqual([]);
  if (plan === undefined) throw new Error('no plan');
  return plan;
}

describe('scheduleWaves', () => {
  it('spreads a wave over as many days as the tier needs', () => {
    const plan = planWith('250');
    const [first] = scheduleWaves(plan, new Map([['first', 1000]]));
    expect(first).toMatchObject({
      wave: 'first',
      audience: 1000,
      days: 4,
      beforeCutoff: true,
      overlapsNext: true,
    });
    // The last 250 notices go out on day 4 at 80 per second.
    expect(first?.finishesAt).toBe(Date.parse('2026-02-23T10:00:00Z') + Math.ceil((250 / 80) * 1000));
  });

  it('flags a wave that cannot finish before the cutoff', () => {
    const plan = planWith('250');
    const rows = scheduleWaves(plan, new Map([['second', 5000]]));
    expect(rows[1]).toMatchObject({ days: 20, beforeCutoff: false });
  });

  it('is bound by throughput alone on an unlimited tier', () => {
    const plan = planWith('unlimited');
    const [first] = scheduleWaves(plan, new Map([['first', 80 * 3600]]));
    expect(first).toMatchObject({ days: 1, beforeCutoff: true });
    expect(first?.finishesAt).toBe(Date.parse('2026-02-20T11:00:00Z'));
  });

  it('turns the wave audience into a store query', () => {
    const plan = planWith('250');
    const [first] = plan.waves;
    if (first === undefined) throw new Error('no wave');
    expect(waveAudienceQuery(plan, first)).toEqual({
      consent: 'opted-in',
      notLinkedTo: ['telegram'],
      countries: ['IT'],
    });
  });
});
