import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../contract/index.js';
import { ConfigError } from '../errors/index.js';
import { ManualClock } from '../testing/index.js';
import { enqueueAll, type Grant, maxInAnyWindow, seededRandom, timesByKey } from './__tests__/simulation.js';
import { PACING_PRESETS, Pacer, type PacingPresetName } from './index.js';

const keysFor = (count: number, prefix = 'chat') =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe('Pacer limits', () => {
  it('never exceeds the global or per-chat limit in any sliding second over simulated minutes', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, ...PACING_PRESETS.telegram });
    const random = seededRandom(7);
    const grants: Grant[] = [];
    const pending: Promise<void>[] = [];
    // Work arrives in waves over four minutes, for 300 chats in random order, some chats busier.
    for (let wave = 0; wave < 24; wave++) {
      const keys = Array.from({ length: 250 }, () => `chat${Math.floor(random() ** 2 * 300)}`);
      pending.push(...enqueueAll(pacer, clock, keys, grants));
      await clock.advance(10_000);
    }
    await clock.runAll();
    await Promise.all(pending);

    expect(grants).toHaveLength(24 * 250);
    expect(
      maxInAnyWindow(
        grants.map((grant) => grant.at),
        1000,
      ),
    ).toBeLessThanOrEqual(30);
    for (const [key, times] of timesByKey(grants)) {
      expect(maxInAnyWindow(times, 1000), key).toBeLessThanOrEqual(1);
    }
    expect(pacer.stats()).toMatchObject({ granted: 6000, waiting: 0 });
  });

  it('property: no limit is exceeded in any window, whatever the limits, bursts and arrivals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          globalPerSecond: fc.integer({ min: 1, max: 60 }),
          globalBurst: fc.integer({ min: 1, max: 60 }),
          perKeyLimit: fc.integer({ min: 1, max: 5 }),
          perKeyWindowMs: fc.integer({ min: 200, max: 5_000 }),
          keyCount: fc.integer({ min: 1, max: 30 }),
          margin: fc.constantFrom(0, 0.01, 0.025, 0.1),
          lateness: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 50 }),
          arrivals: fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.nat()), {
            minLength: 50,
            maxLength: 400,
          }),
        }),
        async (config) => {
          const clock = new ManualClock(1_000_000);
          let sleeps = 0;
          // Timers fire late by varying amounts, some beyond what the pacer catches up.
          const lateTimers: Clock = {
            now: () => clock.now(),
            sleep: (ms, signal) =>
              clock.sleep(ms + (config.lateness[sleeps++ % config.lateness.length] ?? 0), signal),
          };
          const pacer = new Pacer({
            clock: lateTimers,
            global: {
              perSecond: config.globalPerSecond,
              burst: Math.min(config.globalBurst, config.globalPerSecond),
            },
            perKey: { limit: config.perKeyLimit, windowMs: config.perKeyWindowMs, burst: config.perKeyLimit },
            margin: config.margin,
          });
          const grants: Grant[] = [];
          const pending: Promise<void>[] = [];
          const arrivals = [...config.arrivals].sort((a, b) => a[0] - b[0]);
          for (const [delay, keyIndex] of arrivals) {
            await clock.advanceTo(1_000_000 + delay);
            pending.push(...enqueueAll(pacer, clock, [`k${keyIndex % config.keyCount}`], grants));
          }
          await clock.runAll();
          await Promise.all(pending);
          expect(grants).toHaveLength(arrivals.length);
          // Kept even over windows stretched by 3/4 of the margin: the guard against network jitter.
          const stretch = 1 + config.margin * 0.75;
          expect(
            maxInAnyWindow(
              grants.map((grant) => grant.at),
              1000 * stretch,
            ),
          ).toBeLessThanOrEqual(config.globalPerSecond);
          for (const times of timesByKey(grants).values()) {
            expect(maxInAnyWindow(times, config.perKeyWindowMs * stretch)).toBeLessThanOrEqual(
              config.perKeyLimit,
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  const rateCases: [PacingPresetName, number, number][] = [
    ['telegram', 30, 60_000],
    ['discord', 50, 60_000],
    ['whatsapp80', 80, 30_000],
    ['whatsappCoexistence', 20, 60_000],
    ['telegramPaidBroadcast', 1000, 5_000],
    ['whatsapp1000', 1000, 5_000],
  ];
  for (const [preset, perSecond, durationMs] of rateCases) {
    it(`achieves at least 97% of ${preset}'s ${perSecond}/s with enough work, and never more than the limit`, async () => {
      const clock = new ManualClock(0);
      const pacer = new Pacer({ clock, ...PACING_PRESETS[preset] });
      const grants: Grant[] = [];
      enqueueAll(pacer, clock, keysFor(Math.ceil((perSecond * durationMs) / 1000) + 100), grants);
      await clock.advanceTo(durationMs - 1);
      const rate = grants.length / (durationMs / 1000);
      expect(rate).toBeGreaterThanOrEqual(0.97 * perSecond);
      expect(
        maxInAnyWindow(
          grants.map((grant) => grant.at),
          1000,
        ),
      ).toBeLessThanOrEqual(perSecond);
      pacer.close();
    });
  }

  it('keeps at least 97% of the rate when timers fire late, as on a busy event loop', async () => {
    const manual = new ManualClock(0);
    const lateByFourMs: Clock = {
      now: () => manual.now(),
      sleep: (ms, signal) => manual.sleep(ms + 4, signal),
    };
    const pacer = new Pacer({ clock: lateByFourMs, ...PACING_PRESETS.telegram });
    const grants: Grant[] = [];
    enqueueAll(pacer, manual, keysFor(2_000), grants);
    await manual.advanceTo(60_000 - 1);
    expect(grants.length / 60).toBeGreaterThanOrEqual(0.97 * 30);
    expect(
      maxInAnyWindow(
        grants.map((grant) => grant.at),
        1000,
      ),
    ).toBeLessThanOrEqual(30);
    pacer.close();
  });

  it('catches up timers that fire up to 40 ms late, keeping the full rate and every window', async () => {
    const manual = new ManualClock(0);
    let sleeps = 0;
    // Every fifth timer is 40 ms late, as when a journal commit or a GC pause holds the event loop.
    const stalling: Clock = {
      now: () => manual.now(),
      sleep: (ms, signal) => manual.sleep(ms + (++sleeps % 5 === 0 ? 40 : 0), signal),
    };
    const pacer = new Pacer({ clock: stalling, ...PACING_PRESETS.telegram });
    const grants: Grant[] = [];
    enqueueAll(pacer, manual, keysFor(2_000), grants);
    await manual.advanceTo(60_000 - 1);
    // The punctual schedule is 30 × 0.975 = 29.25/s; a pacer that lost the lateness got ~23.7/s.
    expect(grants.length / 60).toBeGreaterThanOrEqual(0.97 * 30);
    const times = grants.map((grant) => grant.at);
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(30);
    expect(maxInAnyWindow(times, 1018)).toBeLessThanOrEqual(30);
    pacer.close();
  });

  it('does not repay a stall longer than its catch-up as one long burst', async () => {
    const manual = new ManualClock(0);
    let stalled = false;
    // One timer, the first set after 5 s, fires a whole second late.
    const stallOnce: Clock = {
      now: () => manual.now(),
      sleep: (ms, signal) => {
        const late = !stalled && manual.now() >= 5_000;
        if (late) stalled = true;
        return manual.sleep(ms + (late ? 1_000 : 0), signal);
      },
    };
    const pacer = new Pacer({ clock: stallOnce, global: { perSecond: 100 } });
    const grants: Grant[] = [];
    enqueueAll(pacer, manual, keysFor(2_000), grants);
    await manual.advanceTo(8_000);
    const counts = new Map<number, number>();
    for (const grant of grants) counts.set(grant.at, (counts.get(grant.at) ?? 0) + 1);
    // ~100 ms of sends at one every ~10.3 ms are caught up at the wake, not the second's ~97.
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(9);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(11);
    expect(
      maxInAnyWindow(
        grants.map((grant) => grant.at),
        1000,
      ),
    ).toBeLessThanOrEqual(100);
    pacer.close();
  });

  it('keeps a full burst inside a window stretched by 3/4 of the margin, against network jitter', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 10, burst: 10 }, margin: 0.1 });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, keysFor(11), grants);
    await clock.runAll();
    expect(grants.slice(0, 10).every((grant) => grant.at === 0)).toBe(true);
    // The eleventh waits for 1000 ms × 1.075, so arriving up to 75 ms early still misses the first's second.
    expect(grants[10]?.at).toBe(1_075);
  });

  it("achieves at least 97% of Slack's workspace limit over ten minutes", async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, ...PACING_PRESETS.slack });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, keysFor(1_200, 'channel'), grants);
    await clock.advanceTo(600_000 - 1);
    expect(grants.length).toBeGreaterThanOrEqual(0.97 * 1_000);
    expect(
      maxInAnyWindow(
        grants.map((grant) => grant.at),
        60_000,
      ),
    ).toBeLessThanOrEqual(100);
    pacer.close();
  });

  it('spaces sends to one key by the per-key rate less the margin', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, ...PACING_PRESETS.telegram });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, Array(10).fill('chat'), grants);
    await clock.runAll();
    const gaps = grants.slice(1).map((grant, index) => grant.at - (grants[index] as Grant).at);
    expect(gaps).toHaveLength(9);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
    // 1/s with a 2.5% margin is one send every ~1026 ms, not a tighter or looser cadence.
    const last = grants.at(-1)?.at ?? 0;
    expect(last).toBeGreaterThanOrEqual(9 * 1025);
    expect(last).toBeLessThanOrEqual(9 * 1027);
  });

  it('keeps the WhatsApp pair rate: one message per 6 s per user', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, ...PACING_PRESETS.whatsapp80 });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, ['+15550001', '+15550001', '+15550001', '+15550002'], grants);
    await clock.runAll();
    const byKey = timesByKey(grants);
    const first = byKey.get('+15550001') ?? [];
    expect(first).toHaveLength(3);
    expect((first[1] ?? 0) - (first[0] ?? 0)).toBeGreaterThanOrEqual(6_000);
    expect((first[2] ?? 0) - (first[1] ?? 0)).toBeGreaterThanOrEqual(6_000);
    expect(byKey.get('+15550002')?.[0]).toBeLessThan(100);
  });

  it('applies per-key limits chosen per key, such as Telegram groups at 20 messages a minute', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({
      clock,
      global: PACING_PRESETS.telegram.global,
      perKey: (chatId) =>
        chatId.startsWith('-') ? [{ perSecond: 1 }, { limit: 20, windowMs: 60_000 }] : { perSecond: 1 },
    });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, [...Array(40).fill('-100123'), ...Array(70).fill('4242')], grants);
    await clock.advance(60_000);
    const byKey = timesByKey(grants);
    expect(byKey.get('-100123')).toHaveLength(20);
    expect(byKey.get('4242')?.length).toBeGreaterThanOrEqual(58);
    await clock.runAll();
    expect(maxInAnyWindow(timesByKey(grants).get('-100123') ?? [], 60_000)).toBe(20);
  });

  it('lets a burst go back to back, then paces, and refills the burst after a quiet spell', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 10, burst: 5 } });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, keysFor(8), grants);
    await clock.advance(0);
    expect(grants.map((grant) => grant.at)).toEqual([0, 0, 0, 0, 0]);
    await clock.runAll();
    const paced = grants.slice(5).map((grant) => grant.at);
    expect(paced[0]).toBeGreaterThanOrEqual(100);
    expect(paced[0]).toBeLessThanOrEqual(110);
    expect(
      maxInAnyWindow(
        grants.map((grant) => grant.at),
        1000,
      ),
    ).toBeLessThanOrEqual(10);

    await clock.advance(10_000);
    const quietEnd = clock.now();
    const more: Grant[] = [];
    enqueueAll(pacer, clock, keysFor(5, 'later'), more);
    await clock.advance(0);
    expect(more.map((grant) => grant.at)).toEqual(Array(5).fill(quietEnd));
  });

  it('without a burst, spreads sends evenly instead of bunching them', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 30 } });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, keysFor(60), grants);
    await clock.runAll();
    const gaps = grants.slice(1).map((grant, index) => grant.at - (grants[index] as Grant).at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(33);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(36);
  });
});

describe('Pacer pauses and head-of-line blocking', () => {
  /** When each of `others` is granted when queued behind `blockingKey`'s work, against a run without it. */
  async function othersGrantTimes(setup: (pacer: Pacer) => void, blockingWork: string[]): Promise<number[]> {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 10 }, perKey: { perSecond: 1 } });
    setup(pacer);
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, blockingWork, grants);
    enqueueAll(pacer, clock, keysFor(20, 'other'), grants);
    await clock.advance(5_000);
    pacer.close();
    return grants.filter((grant) => grant.key.startsWith('other')).map((grant) => grant.at);
  }

  it('a key paused by retry-after neither delays other keys nor spends global capacity', async () => {
    const baseline = await othersGrantTimes(() => {}, []);
    const withPausedKey = await othersGrantTimes(
      (pacer) => pacer.pause(60_000, 'paused'),
      Array(5).fill('paused'),
    );
    expect(baseline).toHaveLength(20);
    expect(withPausedKey).toEqual(baseline);
  });

  it('a key paused mid-queue (a 429 on its first send) stops taking global slots at once', async () => {
    const run = async (victimMessages: number, pauseVictim: boolean) => {
      const clock = new ManualClock(0);
      const pacer = new Pacer({ clock, global: { perSecond: 10 } });
      const victim: Grant[] = [];
      const others: Grant[] = [];
      // The victim's messages are queued ahead of everyone else's and may all go by their own limits.
      enqueueAll(pacer, clock, Array(victimMessages).fill('victim'), victim);
      enqueueAll(pacer, clock, keysFor(20, 'other'), others);
      await clock.advance(0);
      if (pauseVictim) pacer.pause(60_000, 'victim');
      await clock.advance(5_000);
      pacer.close();
      return { victim: victim.map((grant) => grant.at), others: others.map((grant) => grant.at) };
    };
    const baseline = await run(1, false);
    const paused = await run(6, true);
    expect(paused.victim).toEqual([0]);
    expect(paused.others).toHaveLength(20);
    expect(paused.others).toEqual(baseline.others);
  });

  it('a key at its per-key limit does not hold up the keys queued behind it', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 10 }, perKey: { perSecond: 1 } });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, Array(50).fill('hot'), grants);
    enqueueAll(pacer, clock, keysFor(20, 'other'), grants);
    await clock.advance(5_000);
    pacer.close();
    const others = grants.filter((grant) => grant.key.startsWith('other'));
    expect(others).toHaveLength(20);
    // Until the last other key is served, no global slot goes unused: every gap is one ~103 ms slot.
    const served = grants.filter((grant) => grant.at <= (others.at(-1)?.at ?? 0)).map((grant) => grant.at);
    const gaps = served.slice(1).map((at, index) => at - (served[index] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(103);
    // The hot chat got only its 1/s meanwhile, so the others finish in ~2 s, not after its fifty.
    expect(served.length - others.length).toBe(3);
    expect(others.at(-1)?.at).toBeLessThan(2_500);
  });

  it('a global pause holds back every key until it ends', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, ...PACING_PRESETS.discord });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, keysFor(3), grants);
    await clock.advance(0);
    expect(grants).toHaveLength(1);
    pacer.pause(5_000);
    expect(pacer.readyAt('any')).toBe(5_000);
    expect(pacer.tryAcquire('fresh')).toEqual({ ok: false, readyAt: 5_000 });
    await clock.advance(4_999);
    expect(grants).toHaveLength(1);
    await clock.advance(1);
    expect(grants.map((grant) => grant.at).slice(1, 2)).toEqual([5_000]);
    await clock.runAll();
    expect(grants).toHaveLength(3);
  });

  it('a paused key keeps its place: it goes first among later arrivals once the pause ends', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 5 } });
    pacer.pause(1_000, 'early');
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, ['early'], grants);
    await clock.advance(900);
    enqueueAll(pacer, clock, keysFor(10, 'late'), grants);
    await clock.runAll();
    const order = grants.map((grant) => grant.key);
    const earlyGrant = grants.find((grant) => grant.key === 'early');
    expect(earlyGrant?.at).toBeGreaterThanOrEqual(1_000);
    expect(order.filter((key) => key !== 'early').length).toBe(10);
    // Only the late sends already released before 1000 ms precede it.
    expect(order.indexOf('early')).toBe(grants.filter((grant) => grant.at < 1_000).length);
  });

  it('after a retry-after pause, resumes at the sustained rate without a catch-up burst', async () => {
    const manual = new ManualClock(0);
    // Timers 50 ms late: the lateness after the pause is caught up, the pause itself is not.
    const late: Clock = { now: () => manual.now(), sleep: (ms, signal) => manual.sleep(ms + 50, signal) };
    const pacer = new Pacer({ clock: late, global: { perSecond: 10 } });
    pacer.pause(2_000);
    const grants: Grant[] = [];
    enqueueAll(pacer, manual, keysFor(5), grants);
    await manual.runAll();
    const times = grants.map((grant) => grant.at);
    expect(times[0]).toBe(2_050);
    // Due at 2000, 2102.6, 2205.1…: each ~50 ms late but on that schedule, ~103 ms apart, not 153.
    const due = [2_102.564, 2_205.128, 2_307.692, 2_410.256];
    for (const [index, at] of times.slice(1).entries()) {
      expect(at).toBeGreaterThanOrEqual((due[index] ?? 0) + 50);
      expect(at).toBeLessThanOrEqual((due[index] ?? 0) + 51);
    }
  });

  it('a pause never shortens an earlier, longer one', () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 5 } });
    pacer.pause(3_000, 'chat');
    pacer.pause(1_000, 'chat');
    expect(pacer.readyAt('chat')).toBe(3_000);
    expect(pacer.readyAt('elsewhere')).toBe(0);
  });
});

describe('Pacer callers', () => {
  it('serves waiters first come, first served', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 20 } });
    const keys = [...keysFor(30, 'a'), 'a0', 'a1', ...keysFor(5, 'b')];
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, keys, grants);
    await clock.runAll();
    expect(grants.map((grant) => grant.key)).toEqual(keys);
  });

  it('an aborted waiter gives up its place without spending capacity', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 10 } });
    const grants: Grant[] = [];
    enqueueAll(pacer, clock, ['first'], grants);
    const controller = new AbortController();
    const aborted = pacer.acquire('second', controller.signal);
    enqueueAll(pacer, clock, ['third'], grants);
    controller.abort(new Error('campaign paused'));
    await expect(aborted).rejects.toThrow('campaign paused');
    await clock.runAll();
    expect(grants.map((grant) => grant.key)).toEqual(['first', 'third']);
    // 'third' takes the slot 'second' would have had (~103 ms), not the one after it.
    expect(grants[1]?.at).toBeLessThan(110);
    expect(pacer.stats()).toMatchObject({ granted: 2, waiting: 0 });
    await expect(pacer.acquire('x', controller.signal)).rejects.toThrow('campaign paused');
  });

  it('stops its timer when every waiter has aborted', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 1 } });
    expect(pacer.tryAcquire('a')).toEqual({ ok: true });
    const controller = new AbortController();
    const waiting = pacer.acquire('b', controller.signal);
    expect(clock.pendingTimers).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeDefined();
    await clock.runAll();
    expect(clock.pendingTimers).toBe(0);
    expect(pacer.stats().waiting).toBe(0);
  });

  it('tryAcquire commits only on success and tells when to come back', () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 2, burst: 2 }, perKey: { perSecond: 1 } });
    expect(pacer.tryAcquire('a')).toEqual({ ok: true });
    const refused = pacer.tryAcquire('a');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.readyAt).toBeGreaterThanOrEqual(1_000);
    // The refusal for 'a' spent nothing: 'b' still gets the second global slot.
    expect(pacer.tryAcquire('b')).toEqual({ ok: true });
    expect(pacer.tryAcquire('c').ok).toBe(false);
    expect(pacer.stats().granted).toBe(2);
  });

  it('tryAcquire leaves a slot to callers already waiting for it, even before their timer fires', async () => {
    // A clock whose timers are late (a busy event loop): time has passed, no timer has fired yet.
    let time = 0;
    const lateTimers: Clock = { now: () => time, sleep: () => new Promise<void>(() => {}) };
    const pacer = new Pacer({ clock: lateTimers, global: { perSecond: 1 } });
    expect(pacer.tryAcquire('a').ok).toBe(true);
    let waiterGranted = false;
    const waiter = pacer.acquire('waiter').then(() => {
      waiterGranted = true;
    });
    time = 2_000;
    expect(pacer.tryAcquire('intruder').ok).toBe(false);
    await waiter;
    expect(waiterGranted).toBe(true);
    expect(pacer.stats()).toMatchObject({ granted: 2, waiting: 0 });
  });

  it('close rejects every waiter', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, global: { perSecond: 1 } });
    pacer.tryAcquire('a');
    const waiting = [pacer.acquire('b'), pacer.acquire('c')];
    pacer.close(new Error('shutting down'));
    for (const promise of waiting) await expect(promise).rejects.toThrow('shutting down');
    expect(clock.pendingTimers).toBe(0);
  });

  it('forgets idle keys so memory stays bounded over a long campaign', async () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock, ...PACING_PRESETS.whatsapp1000 });
    const grants: Grant[] = [];
    // Twelve seconds of sends to distinct users; each pair-rate window (6 s) ends long before the last.
    enqueueAll(pacer, clock, keysFor(12_000, 'user'), grants);
    await clock.runAll();
    expect(grants).toHaveLength(12_000);
    expect(pacer.stats().trackedKeys).toBeLessThan(8_000);
    // A key still inside its window is remembered and paced.
    expect(pacer.tryAcquire('user11999').ok).toBe(false);
  });

  it('refuses impossible configurations', () => {
    const clock = new ManualClock(0);
    expect(() => new Pacer({ clock, global: { perSecond: 0 } })).toThrow(ConfigError);
    expect(() => new Pacer({ clock, global: { perSecond: 10, burst: 11 } })).toThrow(ConfigError);
    expect(() => new Pacer({ clock, perKey: { limit: 1.5, windowMs: 1000 } })).toThrow(ConfigError);
    expect(() => new Pacer({ clock, global: { perSecond: 10 }, margin: 0.6 })).toThrow(ConfigError);
    expect(() => new Pacer({ clock, global: { perSecond: 10 }, margin: -0.1 })).toThrow(ConfigError);
  });
});
