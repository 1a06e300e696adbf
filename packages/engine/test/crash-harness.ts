import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ChannelName, JournalCounts } from '@ferry/core';
import type { SqliteStore } from '@ferry/store';
import { expect } from 'vitest';
import { CRASH_CAMPAIGN_ID } from './crash-fixtures.js';
import { onCleanup, openTestStore } from './helpers.js';

/** How one run of the campaign process ended on its own. */
export interface RunnerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

interface Runner {
  readonly process: ChildProcess;
  /** Opens the store and starts the campaign; resolves once it has. */
  start(): Promise<void>;
  readonly exited: Promise<RunnerExit>;
}

/** Spawns a campaign process that loads its modules, then waits for `start()`. */
function spawnRunner(env: Record<string, string>): Runner {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'crash-runner.ts')],
    {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  const lines = new Map<string, () => void>();
  const line = (text: string) => new Promise<void>((resolve) => lines.set(`${text}\n`, resolve));
  const ready = line('ready');
  const started = line('started');
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const [text, resolve] of lines) if (output.includes(text)) resolve();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  // A process killed before it reads stdin must not fail the test with EPIPE.
  child.stdin?.on('error', () => {});
  const exited = new Promise<RunnerExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output: output + errors })),
  );
  return {
    process: child,
    exited,
    async start() {
      await Promise.race([ready, exited]);
      child.stdin?.end('go\n');
      await Promise.race([started, exited]);
    },
  };
}

/**
 * When one SIGKILL lands: once the platform has accepted `afterSends` sends in all (plus
 * `jitterMs`), or `afterStartMs` after the process came up (recovery, audience paging, first sends).
 */
export type KillMoment =
  | { readonly afterSends: number; readonly jitterMs: number }
  | { readonly afterStartMs: number };

/**
 * `kills` seeded moments spread over the whole campaign: each of the progress kills at a random
 * point of its own equal slice of the campaign (stratified, so no stretch is left out and each
 * run is killed further on), about one in five right after a restart instead.
 */
export function planKills(random: () => number, kills: number, recipients: number): KillMoment[] {
  const startup = new Set<number>();
  for (let index = 0; index < kills; index++) if (random() < 0.2) startup.add(index);
  const slices = kills - startup.size;
  const targets = Array.from({ length: slices }, (_, slice) =>
    Math.floor(recipients * (0.01 + (0.94 * (slice + random())) / slices)),
  );
  return Array.from({ length: kills }, (_, index): KillMoment => {
    if (startup.has(index)) return { afterStartMs: Math.floor(random() * 400) };
    return { afterSends: targets.shift() ?? 0, jitterMs: Math.floor(random() * 20) };
  });
}

/** One kill that happened: its planned moment and the sends the platform had accepted then. */
export interface Kill {
  readonly moment: KillMoment;
  readonly sendsAtKill: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs the campaign process, SIGKILLs it at each planned moment and restarts it, then lets the
 * last run finish. Returns the kills that happened (fewer than planned when a run finished before
 * its moment) and how the last run ended. `sends()` reads the emulator's accepted-send count.
 */
export async function crashAndResume(
  env: Record<string, string>,
  moments: readonly KillMoment[],
  sends: () => number,
): Promise<{ readonly kills: readonly Kill[]; readonly last: RunnerExit }> {
  const kills: Kill[] = [];
  const began = Date.now();
  const spawned: ChildProcess[] = [];
  const spawnOne = () => {
    const runner = spawnRunner(env);
    spawned.push(runner.process);
    return runner;
  };
  onCleanup(() => {
    for (const child of spawned)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let next = spawnOne();
  for (;;) {
    const runner = next;
    const moment = moments[kills.length];
    // The next run's process loads its modules while this one runs.
    if (moment !== undefined) next = spawnOne();
    await runner.start();
    if (moment === undefined) return { kills, last: await runner.exited };
    let exited: RunnerExit | undefined;
    void runner.exited.then((exit) => {
      exited = exit;
    });
    if ('afterStartMs' in moment) await sleep(moment.afterStartMs);
    else {
      while (exited === undefined && sends() < moment.afterSends) await sleep(2);
      await sleep(moment.jitterMs);
    }
    if (exited !== undefined) return { kills, last: exited };
    const sendsAtKill = sends();
    runner.process.kill('SIGKILL');
    const exit = await runner.exited;
    // A run that finished just before the signal is not a kill.
    if (exit.signal !== 'SIGKILL') return { kills, last: exit };
    kills.push({ moment, sendsAtKill });
    if (process.env.FERRY_CRASH_DEBUG !== undefined)
      console.log(
        `kill ${kills.length} at ${sendsAtKill} sends, ${Date.now() - began} ms in (${JSON.stringify(moment)})`,
      );
  }
}

/** One recipient of the crash campaign: their contact and their address on the platform. */
export interface CrashRecipient {
  readonly phone: string;
  readonly profileName?: string;
  /** WhatsApp recipients: the wa_id the campaign sends to. */
  readonly waId?: string;
  /** Other channels: the linked platform user the campaign sends to. */
  readonly linked?: { readonly channel: ChannelName; readonly userId: string };
}

/** Seeds opted-in contacts (and their linked identities) in bulk; returns their contact ids in order. */
export async function seedCrashAudience(
  path: string,
  recipients: readonly CrashRecipient[],
): Promise<{ readonly store: SqliteStore; readonly contactIds: readonly number[] }> {
  const store = openTestStore(path);
  const contactIds: number[] = [];
  const chunk = 20_000;
  for (let from = 0; from < recipients.length; from += chunk) {
    const slice = recipients.slice(from, from + chunk);
    const upserted = await store.contacts.upsertMany(
      slice.map((recipient) => ({
        phone: recipient.phone,
        ...(recipient.waId === undefined ? {} : { waId: recipient.waId }),
        ...(recipient.profileName === undefined ? {} : { profileName: recipient.profileName }),
        firstSeenAt: 1,
      })),
    );
    const ids = upserted.map((result) => {
      if (result.outcome === 'conflict') throw new Error('seed conflict');
      return result.contact.id;
    });
    await store.consents.appendMany(
      ids.map((contactId) => ({ contactId, kind: 'opt-in', channel: 'whatsapp', source: 'test', at: 1 })),
    );
    await store.transaction(async () => {
      for (const [index, contactId] of ids.entries()) {
        const linked = slice[index]?.linked;
        if (linked !== undefined)
          await store.identities.link({
            contactId,
            channel: linked.channel,
            platformUserId: linked.userId,
            method: 'token',
            linkedAt: 1,
          });
      }
    });
    contactIds.push(...ids);
  }
  return { store, contactIds };
}

/**
 * Checks the platform's ledger against the journal: nobody pending or in flight, every `sent`
 * recipient received exactly one message, an `ambiguous` one at most one, nobody two.
 */
export async function checkLedger(
  store: SqliteStore,
  contactIds: readonly number[],
  addresses: readonly string[],
  received: ReadonlyMap<string, number>,
): Promise<{ readonly journal: JournalCounts; readonly ambiguousDelivered: number }> {
  const journal = await store.journal.counts(CRASH_CAMPAIGN_ID);
  expect(journal).toMatchObject({ pending: 0, 'in-flight': 0, failed: 0, blocked: 0, skipped: 0 });
  expect(journal.sent + journal.ambiguous).toBe(contactIds.length);
  const duplicates = [...received].filter(([, count]) => count > 1);
  expect(duplicates, 'recipients who got the message more than once').toEqual([]);
  let ambiguousDelivered = 0;
  const lost: number[] = [];
  for (const [index, contactId] of contactIds.entries()) {
    const entry = await store.journal.get(CRASH_CAMPAIGN_ID, contactId);
    const count = received.get(addresses[index] ?? '') ?? 0;
    if (entry?.state === 'sent') {
      if (count !== 1) lost.push(contactId);
    } else {
      expect(entry?.state).toBe('ambiguous');
      ambiguousDelivered += count;
    }
  }
  expect(lost, 'contacts journaled sent that the platform never received').toEqual([]);
  return { journal, ambiguousDelivered };
}

/** The planned kills all happened, from the first quarter of the campaign to the last. */
export function expectKills(kills: readonly Kill[], planned: number, recipients: number): void {
  expect(kills).toHaveLength(planned);
  const sends = kills.map((kill) => kill.sendsAtKill);
  expect(Math.min(...sends)).toBeLessThan(recipients / 4);
  expect(Math.max(...sends)).toBeGreaterThan((recipients * 3) / 4);
}

/** The platform's accepted-send counts at the kills, for the test's summary line. */
export function describeKills(kills: readonly Kill[]): string {
  return kills.map((kill) => kill.sendsAtKill).join(', ');
}
