import type { Contact } from '@ferry/core';
import { loadPlan } from '@ferry/engine';
import { describe, expect, it } from 'vitest';
import { routeOf } from './routing.js';

const { plan } = loadPlan(
  `version: 1
name: routing
whatsapp: { tier: 10000, exemptions: [{ countries: [BR], callingCodes: ["+55"] }] }
targets:
  telegram: { username: test_bot }
  slack: { appId: A0TEST00001 }
cutoff: { at: 2030-01-01, timezone: UTC }
routing:
  - { match: { callingCodes: ["+55"] }, target: stay }
  - { match: { countries: [ES], tags: [work] }, target: slack }
defaultTarget: telegram
redirect: { text: moved }
`,
  { now: Date.parse('2026-01-01') },
);

function contact(fields: Partial<Contact>): Contact {
  return { id: 1, tags: [], firstSeenAt: 0, lastSeenAt: 0, ...fields };
}

describe('routeOf', () => {
  it('takes the first rule whose every criterion matches, else the default target', () => {
    if (plan === undefined) throw new Error('plan did not load');
    expect(routeOf(plan, contact({ phone: '+5511912345678' }))).toBe('stay');
    expect(routeOf(plan, contact({ phone: '+34612000001', country: 'ES', tags: ['work'] }))).toBe('slack');
    expect(routeOf(plan, contact({ phone: '+34612000001', country: 'ES' }))).toBe('telegram');
    expect(routeOf(plan, contact({ waId: '5511912345678' }))).toBe('stay');
  });
});
