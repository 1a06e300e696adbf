import { ManualClock } from '@ferry/core/testing';
import { describe, expect, it } from 'vitest';
import { nextPhone, startRig } from './rig.js';

/**
 * Runs `work` while moving a manual clock shared by the channel's pacer and the emulator's limits:
 * time only moves when no request is in flight, to the pacer's next wake-up, so the sends are
 * checked against the emulator's sliding second exactly as paced, without sleeping.
 */
async function drive<T>(clock: ManualClock, work: Promise<T>, inFlight: () => number): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  while (!done) {
    // Let granted sends reach fetch before deciding that nothing is in flight.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!done && inFlight() === 0 && clock.pendingTimers > 0) await clock.runNext();
  }
  return settled;
}

function countingFetch() {
  let inFlight = 0;
  const counted: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  return { fetch: counted, inFlight: () => inFlight };
}

const HELLO = {
  name: 'hello',
  language: 'en_US',
  category: 'UTILITY',
  components: [{ type: 'BODY', text: 'Hi {{1}}' }],
} as const;

describe('pacing against the emulator (manual clock)', () => {
  it('sends 300 templates at 80/s with the default preset and never hits 130429', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const counter = countingFetch();
    const rig = await startRig(
      { clock, deliverStatuses: 'manual', limits: { tier: 'unlimited', throughputPerSecond: 80 } },
      { clock, fetch: counter.fetch, pacing: 'whatsapp80' },
    );
    try {
      rig.whatsapp.templates.register(HELLO);
      const recipients = Array.from(
        { length: 300 },
        () => rig.whatsapp.users.create({ phone: nextPhone() }).waId,
      );
      const start = clock.now();
      const outcomes = await drive(
        clock,
        Promise.all(
          recipients.map((waId) =>
            rig.channel.sendTemplate(waId, {
              name: 'hello',
              language: 'en_US',
              parameters: { body: ['Kerry'] },
            }),
          ),
        ),
        counter.inFlight,
      );
      const elapsed = clock.now() - start;
      expect(outcomes.filter((outcome) => outcome.status !== 'sent')).toEqual([]);
      const stats = rig.whatsapp.stats.snapshot();
      expect(stats.rejected).toBe(0);
      expect(stats.accepted).toBe(300);
      expect(stats.maxPerSecond['global']).toBeLessThanOrEqual(80);
      // 300 sends at (80/s less the 2.5% margin) take at least (300 - 1) / 78 s.
      expect(elapsed).toBeGreaterThanOrEqual(3_800);
      expect(elapsed).toBeLessThan(4_500);
    } finally {
      await rig.close();
    }
  });

  it('spaces messages to one user by the pair rate (1 per 6 s) and never hits 131056', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const counter = countingFetch();
    const rig = await startRig(
      { clock, deliverStatuses: 'manual', limits: { pairRate: { burst: 1 } } },
      { clock, fetch: counter.fetch, pacing: 'whatsapp80' },
    );
    try {
      const waId = await rig.user();
      const start = clock.now();
      const outcomes = await drive(
        clock,
        Promise.all(['one', 'two', 'three'].map((text) => rig.channel.send(waId, { text }))),
        counter.inFlight,
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['sent', 'sent', 'sent']);
      expect(rig.whatsapp.stats.snapshot().rejectedByReason).toEqual({});
      expect(clock.now() - start).toBeGreaterThanOrEqual(12_000);
    } finally {
      await rig.close();
    }
  });
});
