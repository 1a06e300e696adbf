import { ClockDriver, ManualClock } from '@ferry/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type TelegramWorld } from './helpers.js';

let world: TelegramWorld | undefined;
afterEach(async () => {
  await world?.emulator.stop();
  world = undefined;
});

async function pacedWorld() {
  const clock = new ManualClock(1_700_000_000_000);
  const driver = new ClockDriver(clock);
  world = await startWorld({ clock });
  return { clock, driver, world };
}

describe('pacing against the emulator’s flood limits (simulated time)', () => {
  it('sends to 2,000 recipients at >= 97% of 30/s with zero 429s and at most 1 per chat per second', async () => {
    const { clock, driver, world } = await pacedWorld();
    const channel = world.channel({ clock, fetch: driver.fetch });
    const users = Array.from({ length: 2000 }, (_, index) =>
      world.emulator.users.create({ firstName: `User ${index}`, started: true }),
    );
    const outcomes = await driver.run(
      Promise.all(users.map((user) => channel.send(String(user.id), { text: 'We moved to *Telegram*' }))),
    );
    expect(outcomes.filter((outcome) => outcome.status !== 'sent')).toEqual([]);
    const stats = world.emulator.stats.snapshot();
    expect(stats.rejected).toBe(0);
    const entries = world.emulator.ledger.entries();
    expect(entries).toHaveLength(2000);
    const seconds = ((entries.at(-1)?.at ?? 0) - (entries[0]?.at ?? 0)) / 1000;
    const rate = (entries.length - 1) / seconds;
    expect(rate).toBeGreaterThanOrEqual(0.97 * 30);
    expect(world.emulator.stats.maxPerSecond('global')).toBeLessThanOrEqual(30);
    expect(world.emulator.stats.maxPerSecondAmong('chat:')).toBeLessThanOrEqual(1);
  }, 90_000);

  it('keeps one chat at one message a second, also for a message split into parts', async () => {
    const { clock, driver, world } = await pacedWorld();
    const channel = world.channel({ clock, fetch: driver.fetch });
    const user = world.emulator.users.create({ firstName: 'Busy', started: true });
    const chat = String(user.id);
    const long = Array.from({ length: 3 }, () => 'Ferry carries your assistant. '.repeat(150)).join('\n\n');
    const outcomes = await driver.run(
      Promise.all([
        channel.send(chat, { text: long }),
        ...Array.from({ length: 5 }, (_, index) => channel.send(chat, { text: `update ${index}` })),
      ]),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(6).fill('sent'));
    expect(world.emulator.ledger.forRecipient(chat).length).toBeGreaterThan(6);
    expect(world.emulator.stats.maxPerSecond(`chat:${chat}`)).toBe(1);
    expect(world.emulator.stats.snapshot().rejected).toBe(0);
  });

  it('never sends into a chat that is waiting out a retry-after, while other chats go on', async () => {
    const { clock, driver, world } = await pacedWorld();
    const channel = world.channel({ clock, fetch: driver.fetch });
    const [slow, other] = [1, 2].map((index) =>
      world.emulator.users.create({ firstName: `User ${index}`, started: true }),
    );
    const slowChat = String(slow?.id);
    world.emulator.faults.schedule({ kind: 'rate-limit', method: 'sendMessage', retryAfterMs: 5000 });
    const start = clock.now();
    const first = await driver.run(channel.send(slowChat, { text: 'one' }));
    expect(first).toEqual({ status: 'rate-limited', retryAfterMs: 5000, scope: 'recipient' });
    const [retried, elsewhere] = await driver.run(
      Promise.all([channel.send(slowChat, { text: 'two' }), channel.send(String(other?.id), { text: 'hi' })]),
    );
    expect(retried?.status).toBe('sent');
    expect(elsewhere?.status).toBe('sent');
    const [delivered] = world.emulator.ledger.forRecipient(slowChat);
    expect(delivered?.at).toBeGreaterThanOrEqual(start + 5000);
    const [otherDelivered] = world.emulator.ledger.forRecipient(String(other?.id));
    expect(otherDelivered?.at).toBeLessThan(start + 5000);
  });

  it('keeps a group within 20 messages a minute', async () => {
    const { clock, driver, world } = await pacedWorld();
    const channel = world.channel({ clock, fetch: driver.fetch });
    const group = world.emulator.groups.create({ title: 'Ferry fans' });
    const chat = String(group.id);
    const outcomes = await driver.run(
      Promise.all(Array.from({ length: 22 }, (_, index) => channel.send(chat, { text: `post ${index}` }))),
    );
    expect(outcomes.every((outcome) => outcome.status === 'sent')).toBe(true);
    expect(world.emulator.stats.snapshot().rejected).toBe(0);
    const times = world.emulator.ledger.forRecipient(chat).map((entry) => entry.at);
    expect((times[20] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(60_000);
  });

  it('paces paid broadcasts at up to 1000/s with allow_paid_broadcast', async () => {
    const { clock, driver, world } = await pacedWorld();
    const channel = world.channel({ clock, fetch: driver.fetch, pacing: { paidBroadcast: true } });
    const users = Array.from({ length: 300 }, (_, index) =>
      world.emulator.users.create({ firstName: `Paid ${index}`, started: true }),
    );
    const outcomes = await driver.run(
      Promise.all(users.map((user) => channel.send(String(user.id), { text: 'news' }))),
    );
    expect(outcomes.every((outcome) => outcome.status === 'sent')).toBe(true);
    expect(world.emulator.stats.snapshot().rejected).toBe(0);
    expect(world.emulator.stats.maxPerSecond('global')).toBeGreaterThan(30);
    expect(world.emulator.stats.maxPerSecond('global')).toBeLessThanOrEqual(1000);
  });
});
