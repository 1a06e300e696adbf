import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TelegramEmulator } from '@ferry/sandbox';
import { describe, expect, it } from 'vitest';
import { onCleanup, openTestStore, phoneOf, tempDirectory } from './helpers.js';

/**
 * 100,000 recipients at Telegram's paid-broadcast 1000/s would take ~100 s of sending alone, so the
 * default is scaled to fit a test run; set FERRY_CRASH_RECIPIENTS=100000 for the full size.
 */
const RECIPIENTS = Number(process.env.FERRY_CRASH_RECIPIENTS ?? 20_000);
const KILLS = 20;

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

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments: every recipient exactly once, except sends journaled ambiguous`, async () => {
    const emulator = new TelegramEmulator({
      limits: { globalPerSecond: 100_000, paidBroadcastPerSecond: 1_000 },
    });
    await emulator.start();
    onCleanup(() => emulator.stop());
    const users = Array.from({ length: RECIPIENTS }, (_, index) =>
      emulator.users.create({ firstName: `U${index}`, started: true }),
    );
    const path = join(tempDirectory(), 'crash.db');
    const store = openTestStore(path);
    const upserted = await store.contacts.upsertMany(
      users.map((_, index) => ({ phone: phoneOf(index), firstSeenAt: 1 })),
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
          channel: 'telegram',
          platformUserId: String(users[index]?.id),
          method: 'token',
          linkedAt: 1,
        });
    });
    const { token, apiRoot, username } = emulator.credentials();
    const env = { FERRY_DB: path, FERRY_API_ROOT: apiRoot, FERRY_TOKEN: token, FERRY_USERNAME: username };

    const random = seededRandom(20260302);
    let kills = 0;
    let finished: { code: number | null; output: string } | undefined;
    const running: ChildProcess[] = [];
    onCleanup(() => {
      for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    });
    while (finished === undefined) {
      const child = startRunner(env);
      running.push(child.process);
      if (kills < KILLS) {
        await child.started;
        const delay = Math.floor(random() * 1_500);
        const outcome = await Promise.race([
          child.exited,
          new Promise<'kill'>((resolve) => setTimeout(() => resolve('kill'), delay)),
        ]);
        if (outcome === 'kill') {
          child.process.kill('SIGKILL');
          const exit = await child.exited;
          expect(exit.signal).toBe('SIGKILL');
          kills++;
          continue;
        }
        finished = outcome;
      } else finished = await child.exited;
    }
    expect(finished.code, finished.output).toBe(0);
    expect(kills).toBe(KILLS);

    const journal = await store.journal.counts('crash');
    expect(journal).toMatchObject({ pending: 0, 'in-flight': 0, failed: 0, blocked: 0, skipped: 0 });
    expect(journal.sent + journal.ambiguous).toBe(RECIPIENTS);
    const received = emulator.ledger.countByRecipient();
    let ambiguousDelivered = 0;
    for (const [index, contactId] of contactIds.entries()) {
      const entry = await store.journal.get('crash', contactId);
      const count = received.get(String(users[index]?.id)) ?? 0;
      if (entry?.state === 'sent') expect(count, `contact ${contactId}`).toBe(1);
      else {
        expect(entry?.state).toBe('ambiguous');
        expect(count).toBeLessThanOrEqual(1);
        ambiguousDelivered += count;
      }
    }
    expect([...received.values()].every((count) => count === 1)).toBe(true);
    // Only sends on the wire at a kill can be ambiguous: a few per kill at most.
    expect(journal.ambiguous).toBeLessThanOrEqual(KILLS * 16);
    console.log(
      `crash test: ${RECIPIENTS} recipients, ${kills} SIGKILLs, ${journal.sent} sent, ` +
        `${journal.ambiguous} ambiguous (${ambiguousDelivered} of them delivered, none resent)`,
    );
  }, 240_000);
});
