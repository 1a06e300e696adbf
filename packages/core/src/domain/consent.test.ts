import { describe, expect, it } from 'vitest';
import { type ConsentEvent, type ConsentKind, consentStatusOf } from './consent.js';

let nextId = 1;
function event(kind: ConsentKind, at: number): ConsentEvent {
  return { id: nextId++, contactId: 1, kind, channel: 'whatsapp', source: 'test', at, recordedAt: at };
}

describe('consentStatusOf', () => {
  it('is unknown without a decisive event (links are evidence only)', () => {
    expect(consentStatusOf([]).state).toBe('unknown');
    expect(consentStatusOf([event('link', 5)]).state).toBe('unknown');
  });

  it('lets the latest decisive event win whatever the input order', () => {
    const optIn = event('opt-in', 10);
    const optOut = event('opt-out', 20);
    expect(consentStatusOf([optOut, optIn])).toEqual({ state: 'opted-out', since: 20, decidedBy: optOut });
    const reConsent = event('re-consent', 30);
    expect(consentStatusOf([reConsent, optIn, optOut]).state).toBe('opted-in');
  });

  it('keeps an opt-out in force when the person only links afterwards', () => {
    expect(consentStatusOf([event('opt-in', 1), event('opt-out', 2), event('link', 3)]).state).toBe(
      'opted-out',
    );
  });

  it('prefers the opt-out when an opt-in carries the very same time', () => {
    const optOut = event('opt-out', 50);
    const optIn = event('opt-in', 50);
    expect(consentStatusOf([optOut, optIn]).decidedBy).toBe(optOut);
    expect(consentStatusOf([optIn, optOut]).decidedBy).toBe(optOut);
  });

  it('breaks remaining ties by insertion order', () => {
    const first = event('opt-in', 7);
    const second = event('re-consent', 7);
    expect(consentStatusOf([second, first]).decidedBy).toBe(second);
  });
});
