import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ChannelName } from '@ferry/core';
import { DiscordEmulator, TelegramEmulator } from '@ferry/sandbox';
import { describe, expect, it } from 'vitest';
import { onCleanup, openTestStore, phoneOf, tempDirectory } from './helpers.js';

/**
 * 100,000 recipients at Telegram's paid-broadcast 1000/s would take ~100 s of sending alone, so the
 * default is scaled to fit a test run; set FERRY_CRASH_RECIPIENTS=100000 for the full size.
 */
const RECIPIENTS = Number(process.env.FERRY_CRASH_RECIPIENTS ?? 20_000);
const KILLS = 20;
/** Discord paces at 50 requests/s (two per recipient: open the DM, send), so its run is smaller. */
const DISCORD_RECIPIENTS = 400;
const DISCORD_KILLS = 8;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Child {
  readonly process: ChildProcess;
  readonly started: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

function startRunner(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-runner.ts')], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  const started = new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started\n')) resolve();
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output: output + errors })),
  );
  return { process: child, started, exited };
}

interface Audience {
  readonly env: Record<string, string>;
  /** The platform user id of each recipient, and how many messages each got. */
  readonly userIds: readonly string[];
  readonly received: () => Map<string, number>;
}

async function seed(path: string, channel: ChannelName, userIds: readonly string[]) {
  const store = openTestStore(path);
  const upserted = await store.contacts.upsertMany(
    userIds.map((_, index) => ({ phone: phoneOf(index), firstSeenAt: 1 })),
  );
  const contactIds = upserted.map((result) => (result.outcome === 'conflict' ? 0 : result.contact.id));
  await store.consents.appendMany(
    contactIds.map((contactId) => ({
      contactId,
      kind: 'opt-in',
      channel: 'whatsapp',
      source: 'test',
      at: 1,
    })),
  );
  await store.transaction(async () => {
    for (const [index, contactId] of contactIds.entries())
      await store.identities.link({
        contactId,
        channel,
        platformUserId: userIds[index] ?? '',
        method: 'token',
        linkedAt: 1,
      });
  });
  return { store, contactIds };
}

/** Kills the campaign process `kills` times at seeded random moments, then lets it finish. */
async function crashAndResume(
  env: Record<string, string>,
  kills: number,
  maxDelayMs: number,
  seedValue: number,
) {
  const random = seededRandom(seedValue);
  let killed = 0;
  const running: ChildProcess[] = [];
  onCleanup(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  });
  for (;;) {
    const child = startRunner(env);
    running.push(child.process);
    if (killed >= kills) return { killed, last: await child.exited };
    await child.started;
    const delay = Math.floor(random() * maxDelayMs);
    const outcome = await Promise.race([
      child.exited,
      new Promise<'kill'>((resolve) => setTimeout(() => resolve('kill'), delay)),
    ]);
    if (outcome !== 'kill') return { killed, last: outcome };
    if (process.env.FERRY_CRASH_DEBUG !== undefined) console.log(`kill ${killed + 1} after ${delay} ms`);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    killed++;
  }
}

async function checkLedger(
  store: Awaited<ReturnType<typeof seed>>['store'],
  contactIds: readonly number[],
  audience: Audience,
) {
  const journal = await store.journal.counts('crash');
  expect(journal).toMatchObject({ pending: 0, 'in-flight': 0, failed: 0, blocked: 0, skipped: 0 });
  expect(journal.sent + journal.ambiguous).toBe(contactIds.length);
  const received = audience.received();
  let ambiguousDelivered = 0;
  for (const [index, contactId] of contactIds.entries()) {
    const entry = await store.journal.get('crash', contactId);
    const count = received.get(audience.userIds[index] ?? '') ?? 0;
    if (entry?.state === 'sent') expect(count, `contact ${contactId}`).toBe(1);
    else {
      expect(entry?.state).toBe('ambiguous');
      expect(count).toBeLessThanOrEqual(1);
      ambiguousDelivered += count;
    }
  }
  expect([...received.values()].every((count) => count === 1)).toBe(true);
  return { journal, ambiguousDelivered };
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs of a Telegram campaign: every recipient exactly once, except sends journaled ambiguous`, async () => {
    const emulator = new TelegramEmulator({
      limits: { globalPerSecond: 100_000, paidBroadcastPerSecond: 1_000 },
    });
    await emulator.start();
    onCleanup(() => emulator.stop());
    const userIds = Array.from({ length: RECIPIENTS }, (_, index) =>
      String(emulator.users.create({ firstName: `U${index}`, started: true }).id),
    );
    const path = join(tempDirectory(), 'crash.db');
    const { store, contactIds } = await seed(path, 'telegram', userIds);
    const { token, apiRoot, username } = emulator.credentials();
    const env = {
      FERRY_CHANNEL: 'telegram',
      FERRY_DB: path,
      FERRY_API: apiRoot,
      FERRY_TOKEN: token,
      FERRY_USERNAME: username,
    };
    const { killed, last } = await crashAndResume(env, KILLS, 1_500, 20260302);
    expect(last.code, last.output).toBe(0);
    expect(killed).toBe(KILLS);
    const { journal, ambiguousDelivered } = await checkLedger(store, contactIds, {
      env,
      userIds,
      received: () => emulator.ledger.countByRecipient(),
    });
    // Only sends journaled in flight at a kill can be ambiguous: at most the concurrency per kill.
    expect(journal.ambiguous).toBeLessThanOrEqual(KILLS * 16);
    console.log(
      `crash test (telegram): ${RECIPIENTS} recipients, ${killed} SIGKILLs, ${journal.sent} sent, ` +
        `${journal.ambiguous} ambiguous (${ambiguousDelivered} of them delivered, none resent)`,
    );
  }, 240_000);

  it(`survives ${DISCORD_KILLS} SIGKILLs of a Discord campaign with zero duplicates and zero ambiguous (nonce)`, async () => {
    // Discord's DM-open anti-spam limit (5/s) would make the run minutes long; messages keep their limits.
    const emulator = new DiscordEmulator({
      gateway: false,
      limits: {
        dmOpenPerSecond: 100,
        routeBuckets: { 'POST /users/@me/channels': { limit: 100, windowMs: 1000 } },
      },
    });
    await emulator.start();
    onCleanup(() => emulator.stop());
    const users = Array.from({ length: DISCORD_RECIPIENTS }, (_, index) =>
      emulator.users.create({ username: `user${index}` }),
    );
    const userIds = users.map((user) => user.id);
    const path = join(tempDirectory(), 'crash.db');
    const { store, contactIds } = await seed(path, 'discord', userIds);
    const credentials = emulator.credentials();
    const env = {
      FERRY_CHANNEL: 'discord',
      FERRY_DB: path,
      FERRY_API: credentials.api,
      FERRY_TOKEN: credentials.botToken,
      FERRY_APPLICATION_ID: credentials.applicationId,
      FERRY_PUBLIC_KEY: credentials.publicKey,
    };
    const { killed, last } = await crashAndResume(env, DISCORD_KILLS, 1_500, 4242);
    expect(last.code, last.output).toBe(0);
    expect(killed).toBe(DISCORD_KILLS);
    const received = () => {
      const counts = new Map<string, number>();
      for (const user of users) counts.set(user.id, user.messages().length);
      return counts;
    };
    const { journal } = await checkLedger(store, contactIds, { env, userIds, received });
    expect(journal.ambiguous).toBe(0);
    expect(journal.sent).toBe(DISCORD_RECIPIENTS);
  }, 240_000);
});
