import type { Clock } from '@ferry/core';
import { ClockDriver, ManualClock } from '@ferry/core/testing';
import { TelegramEmulator } from '@ferry/sandbox';
import { createTelegramChannel } from '@ferry/telegram';
import { describe, expect, it } from 'vitest';
import {
  blockedTag,
  type CampaignDefinition,
  type CampaignEvent,
  CampaignRun,
  type CampaignRunOptions,
  runCampaign,
} from '../src/campaign/index.js';
import { onCleanup, openTestStore, phoneOf, seedContacts } from './helpers.js';

const START = Date.UTC(2026, 2, 2, 12, 0, 0);

async function telegramWorld(users: number, options: { clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(START);
  const driver = new ClockDriver(clock);
  const emulator = new TelegramEmulator({ clock });
  await emulator.start();
  onCleanup(() => emulator.stop());
  const { token, apiRoot, username } = emulator.credentials();
  const channel = createTelegramChannel({ token, apiRoot, username, clock, fetch: driver.fetch });
  const store = openTestStore();
  const people = Array.from({ length: users }, (_, index) =>
    emulator.users.create({ firstName: `User ${index}`, started: true }),
  );
  const contacts = await seedContacts(
    store,
    people.map((person, index) => ({
      phone: phoneOf(index),
      country: 'US',
      linked: { channel: 'telegram', userId: String(person.id) },
    })),
  );
  return { clock, driver, emulator, channel, store, people, contacts };
}

const announcement = (id = 'announce'): CampaignDefinition => ({
  id,
  audience: { linkedTo: ['telegram'] },
  message: { kind: 'message', message: { text: 'Hello {{name}}, we are on *Telegram* now.' } },
});

type World = Awaited<ReturnType<typeof telegramWorld>>;

function optionsFor(world: World, extra: Partial<CampaignRunOptions> = {}): CampaignRunOptions {
  return {
    store: world.store,
    channel: world.channel,
    clock: world.clock as Clock,
    campaign: announcement(),
    ...extra,
  };
}

describe('campaign runs against the Telegram emulator', () => {
  it('sends once to every recipient at >= 97% of 30/s, never over the limit, and journals them sent', async () => {
    const world = await telegramWorld(300);
    const events: CampaignEvent[] = [];
    const report = await world.driver.run(
      runCampaign(optionsFor(world, { onEvent: (event) => events.push(event), concurrency: 32 })),
    );
    expect(report.end).toBe('completed');
    expect(report.run.sent).toBe(300);
    expect(report.journal.sent).toBe(300);
    const ledger = world.emulator.ledger.entries();
    expect(ledger).toHaveLength(300);
    expect(new Set(ledger.map((entry) => entry.recipient)).size).toBe(300);
    expect(world.emulator.stats.snapshot().rejected).toBe(0);
    expect(world.emulator.stats.maxPerSecond('global')).toBeLessThanOrEqual(30);
    const seconds = ((ledger.at(-1)?.at ?? 0) - (ledger[0]?.at ?? 0)) / 1000;
    expect((ledger.length - 1) / seconds).toBeGreaterThanOrEqual(0.97 * 30);
    expect(report.firstSendAt).toBe(START);

    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeGreaterThan(5);
    const middle = progress[Math.floor(progress.length / 2)];
    expect(middle?.type === 'progress' && middle.ratePerSecond).toBeGreaterThan(25);
    expect(middle?.type === 'progress' && middle.etaMs).toBeGreaterThan(0);
    expect(events.at(-1)?.type).toBe('finished');

    const again = await world.driver.run(runCampaign(optionsFor(world)));
    expect(again.run.sent).toBe(0);
    expect(world.emulator.ledger.size).toBe(300);
  }, 60_000);

  it('fills {{name}} per recipient and sends nobody who opted out or has no identity on the target', async () => {
    const world = await telegramWorld(2);
    const extra = world.emulator.users.create({ firstName: 'Stopped', started: true });
    await seedContacts(world.store, [
      {
        phone: phoneOf(90),
        profileName: 'Ana',
        linked: { channel: 'telegram', userId: String(extra.id) },
        consent: 'opt-out',
      },
      { phone: phoneOf(91), profileName: 'Bo' },
    ]);
    const report = await world.driver.run(runCampaign(optionsFor(world)));
    expect(report.run.sent).toBe(2);
    expect(world.emulator.ledger.forRecipient(String(extra.id))).toHaveLength(0);
    const first = world.emulator.ledger.entries()[0]?.payload as { text?: string };
    expect(first.text).toContain('we are on');
  });

  it('resumes after a stop with nobody lost and nobody sent twice', async () => {
    const world = await telegramWorld(120);
    const run = new CampaignRun(
      optionsFor(world, {
        onEvent: (event) => {
          if (event.type === 'progress' && event.counts.sent >= 40) run.stop();
        },
        progressIntervalMs: 0,
      }),
    );
    const first = await world.driver.run(run.run());
    expect(first.end).toBe('paused');
    expect(first.run.sent).toBeGreaterThanOrEqual(40);
    expect(first.run.sent).toBeLessThan(120);
    expect((await world.store.campaigns.get('announce'))?.status).toBe('paused');
    const second = await world.driver.run(runCampaign(optionsFor(world)));
    expect(second.end).toBe('completed');
    expect(first.run.sent + second.run.sent).toBe(120);
    const counts = world.emulator.ledger.countByRecipient();
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);

  it('pause holds new sends until resume; cancel ends the campaign for later runs too', async () => {
    const world = await telegramWorld(60);
    let paused = false;
    const run = new CampaignRun(
      optionsFor(world, {
        onEvent: (event) => {
          if (event.type === 'progress' && event.counts.sent >= 10 && !paused) {
            paused = true;
            run.pause();
          }
        },
        progressIntervalMs: 0,
      }),
    );
    let sizeWhenPaused = -1;
    let ticksPaused = 0;
    const done = world.driver.run(run.run(), () => {
      if (!paused) return;
      if (sizeWhenPaused < 0) sizeWhenPaused = world.emulator.ledger.size;
      ticksPaused++;
      if (ticksPaused === 50) {
        // While paused no new send went out, whatever the clock did.
        expect(world.emulator.ledger.size).toBeLessThanOrEqual(sizeWhenPaused + 16);
        run.cancel();
      }
    });
    await world.clock.advance(0);
    const report = await done;
    expect(ticksPaused).toBeGreaterThanOrEqual(50);
    expect(report.end).toBe('cancelled');
    expect((await world.store.campaigns.get('announce'))?.status).toBe('cancelled');
    expect(report.run.sent).toBeLessThan(60);
    const later = await world.driver.run(runCampaign(optionsFor(world)));
    expect(later.end).toBe('cancelled');
    expect(later.run.sent).toBe(0);
  }, 60_000);

  it('dry run renders and counts every recipient, sends and journals nothing', async () => {
    const world = await telegramWorld(25);
    const report = await world.driver.run(runCampaign(optionsFor(world, { dryRun: true })));
    expect(report.end).toBe('dry-run');
    expect(report.rendered).toBe(25);
    expect(world.emulator.ledger.size).toBe(0);
    expect(await world.store.journal.counts('announce')).toMatchObject({ pending: 0, sent: 0 });
    expect(await world.store.campaigns.get('announce')).toBeUndefined();
  });

  it('honours retry-after, does not retry permanent failures, and reports failures by reason', async () => {
    const world = await telegramWorld(5);
    world.emulator.faults.schedule({ kind: 'rate-limit', method: 'sendMessage', retryAfterMs: 3_000 });
    const unknown = await seedContacts(world.store, [
      { phone: phoneOf(70), linked: { channel: 'telegram', userId: '999999999' } },
    ]);
    const report = await world.driver.run(runCampaign(optionsFor(world)));
    expect(report.run.sent).toBe(5);
    expect(report.run.rateLimited).toBe(1);
    expect(report.run.failed).toBe(1);
    expect(report.failedByReason).toEqual({ 'unknown-recipient': 1 });
    const entry = await world.store.journal.get('announce', unknown[0]?.id ?? 0);
    expect(entry).toMatchObject({ state: 'failed', attempts: 1 });
    expect(entry?.reason).toMatch(/^unknown-recipient/);
    expect(world.emulator.ledger.size).toBe(5);
    // The chat that was refused got its message only after the retry-after.
    const refusedAt = START;
    const late = world.emulator.ledger.entries().filter((item) => item.at >= refusedAt + 3_000);
    expect(late).toHaveLength(1);
  });

  it('marks a user who blocked the bot and skips them in later campaigns', async () => {
    const world = await telegramWorld(3);
    world.people[1]?.block();
    const first = await world.driver.run(runCampaign(optionsFor(world)));
    expect(first.run).toMatchObject({ sent: 2, blocked: 1 });
    const contact = await world.store.contacts.get(world.contacts[1]?.id ?? 0);
    expect(contact?.tags).toContain(blockedTag('telegram'));
    const requests = world.emulator.stats.snapshot().requests;
    const second = await world.driver.run(
      runCampaign(optionsFor(world, { campaign: announcement('later') })),
    );
    expect(second.run.sent).toBe(2);
    expect(second.journal.blocked + second.journal.pending).toBe(0);
    expect(world.emulator.stats.snapshot().requests - requests).toBe(2);
  });

  it('after a crash, sends left in flight are ambiguous and not resent; the report counts them', async () => {
    const world = await telegramWorld(10);
    // What a SIGKILL between the in-flight commit and the outcome commit leaves behind.
    const crashed = world.contacts.slice(0, 3);
    await world.store.campaigns.create(
      {
        id: 'announce',
        name: 'announce',
        channel: 'telegram',
        audience: { linkedTo: ['telegram'] },
        message: null,
      },
      START,
    );
    await world.store.journal.enqueue(
      'announce',
      crashed.map((contact) => contact.id),
      START,
    );
    await world.store.journal.applyTransitions(
      crashed.map((contact) => ({
        campaignId: 'announce',
        contactId: contact.id,
        to: 'in-flight',
        at: START,
      })),
    );
    const report = await world.driver.run(runCampaign(optionsFor(world)));
    expect(report.recovered).toEqual({ ambiguous: 3, requeued: 0 });
    expect(report.run.sent).toBe(7);
    expect(report.journal).toMatchObject({ sent: 7, ambiguous: 3, 'in-flight': 0, pending: 0 });
    for (const contact of crashed) {
      const userId = world.people[world.contacts.indexOf(contact)]?.id;
      expect(world.emulator.ledger.forRecipient(String(userId))).toHaveLength(0);
    }
  });

  it('leaves recipients outside the send window pending and says it waits for the window', async () => {
    const world = await telegramWorld(0);
    const people = Array.from({ length: 4 }, (_, index) =>
      world.emulator.users.create({ firstName: `P${index}`, started: true }),
    );
    // 12:00 UTC is 13:00 in Rome and 21:00 in Tokyo.
    await seedContacts(
      world.store,
      people.map((person, index) => ({
        phone: phoneOf(index),
        country: index % 2 === 0 ? 'IT' : 'JP',
        linked: { channel: 'telegram', userId: String(person.id) },
      })),
    );
    const report = await world.driver.run(
      runCampaign(optionsFor(world, { sendWindow: { startHour: 9, endHour: 20 } })),
    );
    expect(report.end).toBe('waiting-for-window');
    expect(report.run).toMatchObject({ sent: 2, deferred: 2 });
    expect(report.journal.pending).toBe(2);
  });
});
