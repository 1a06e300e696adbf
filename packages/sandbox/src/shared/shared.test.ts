import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import { Stats } from './stats.js';

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SlidingWindowLimiter', () => {
  it('allows `limit` events per window per key and says when there is room again', () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter(2, 1000, clock);
    expect(limiter.take('a')).toEqual({ ok: true });
    clock.advance(300);
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 700 });
    expect(limiter.take('b')).toEqual({ ok: true });
    clock.advance(700);
    expect(limiter.take('a')).toEqual({ ok: true });
  });
});

describe('Stats', () => {
  it('keeps the highest count in any sliding second per scope', () => {
    const clock = manualClock();
    const stats = new Stats(clock);
    for (let i = 0; i < 5; i++) {
      stats.accept(['global', 'chat:1']);
      clock.advance(100);
    }
    clock.advance(2000);
    stats.accept(['global']);
    expect(stats.maxPerSecond('global')).toBe(5);
    expect(stats.maxPerSecondAmong('chat:')).toBe(5);
    stats.reject('message is too long');
    expect(stats.snapshot().rejectedByReason).toEqual({ 'message is too long': 1 });
  });
});

describe('FaultInjector', () => {
  it('is repeatable for a seed and honours scheduled faults first', () => {
    const run = () => {
      const faults = new FaultInjector({ seed: 7, rateLimit: 0.2, serverError: 0.1 });
      return Array.from({ length: 50 }, () => faults.decide('send', true)?.kind ?? '-').join(',');
    };
    expect(run()).toBe(run());
    expect(run()).toContain('rate-limit');
    const faults = new FaultInjector();
    faults.schedule({ kind: 'drop-response', method: 'send', times: 2 });
    expect(faults.decide('other', true)).toBeNull();
    expect(faults.decide('send', true)?.kind).toBe('drop-response');
    expect(faults.decide('send', true)?.kind).toBe('drop-response');
    expect(faults.decide('send', true)).toBeNull();
  });
});
