import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '@ferry/sandbox';
import { openSqliteStore } from '@ferry/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateUsers } from '../src/services/simulate.js';
import { type RunningCli, runCli, startCli } from './helpers.js';
import { createWorld, type World } from './world.js';

let world: World;
const servers: RunningCli[] = [];

beforeAll(async () => {
  world = await createWorld(300, true);
}, 60_000);
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await world.sandbox.stop();
  await rm(world.workspace, { recursive: true, force: true });
});

async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type ServeLine = Record<string, string>;

/** Starts `ferry serve --json` and waits for its "listening" line; gives every JSON line up to it. */
async function serveUntilListening(
  env: Record<string, string>,
): Promise<{ serve: RunningCli; events: ServeLine[] }> {
  const serve = startCli(['serve', '--port', '0', '--json', '-w', world.workspace], env);
  servers.push(serve);
  const events = await until(() => {
    const lines = serve
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    return lines.some((line) => line.includes('"listening"'))
      ? lines.map((line) => JSON.parse(line) as ServeLine)
      : undefined;
  }, 'ferry serve to listen').catch((error: unknown) => {
    throw new Error(`${String(error)}\n${serve.stdout()}`);
  });
  return { serve, events };
}

/** `ferry serve` listening, with the emulators sending their webhooks to it. */
async function startServe(env: Record<string, string>): Promise<{ serve: RunningCli; url: string }> {
  const { serve, events } = await serveUntilListening(env);
  const url = events.find((event) => event.type === 'listening')?.url ?? '';
  world.sandbox.whatsapp.setWebhookUrl(`${url}/whatsapp/webhook`);
  world.sandbox.slack.setRequestUrl(`${url}/slack/events`);
  await world.sandbox.discord.setInteractionsUrl(`${url}/discord/interactions`);
  return { serve, url };
}

type FunnelLine = { type: string; target: string; counts: Record<string, number> };

describe('ferry serve with simulated users', () => {
  it('records deliveries, links the users who tap on three platforms, and shows the funnel', async () => {
    const { serve, url } = await startServe(world.env);
    const notified = await runCli(['notify', 'first', '-w', world.workspace], world.env);
    expect(notified.code).toBe(0);
    await world.sandbox.whatsapp.idle();

    const simulation = await simulateUsers(world.sandbox, {
      serveUrl: url,
      readShare: 0.8,
      tapShare: 0.5,
      activeShare: 0.6,
      random: seededRandom(3),
    });
    expect(simulation.dead).toBe(0);
    expect(Object.keys(simulation.byTarget).sort()).toEqual(['discord', 'slack', 'telegram']);

    const totals = await until(async () => {
      const status = await runCli(['status', '--json', '-w', world.workspace], world.env);
      const rows = status.lines.filter((line) => line['type'] === 'funnel') as unknown as FunnelLine[];
      const linked = rows.reduce((sum, row) => sum + (row.counts['linked'] ?? 0), 0);
      const active = (target: string) => rows.find((row) => row.target === target)?.counts['active'] ?? 0;
      const allActive = ['telegram', 'slack', 'discord'].every(
        (target) => active(target) === (simulation.activeByTarget[target] ?? 0),
      );
      return linked === simulation.tapped && allActive ? rows : undefined;
    }, 'every tapped link to be claimed and every message after linking to count as active');
    const sum = (stage: string) => totals.reduce((total, row) => total + (row.counts[stage] ?? 0), 0);
    expect(sum('notified')).toBe(simulation.notices);
    expect(sum('delivered')).toBe(simulation.notices);
    expect(sum('read')).toBe(simulation.read);
    for (const row of totals) expect(row.counts['linked']).toBe(simulation.byTarget[row.target] ?? 0);
    expect(sum('active')).toBe(simulation.active);
    // Discord DMs arrive over the gateway `ferry serve` holds.
    expect(simulation.activeByTarget['discord']).toBeGreaterThan(0);

    // The welcome went out on Telegram.
    const welcomed = world.sandbox.telegram.ledger
      .entries()
      .filter((entry) => entry.method === 'sendMessage');
    expect(welcomed.length).toBeGreaterThanOrEqual(simulation.byTarget['telegram'] ?? 0);

    // A STOP on WhatsApp is an opt-out in the ledger.
    const someone = world.sandbox.whatsapp.users.list()[0];
    if (someone === undefined) throw new Error('no user');
    await someone.optOut();
    await world.sandbox.whatsapp.idle();
    const store = openSqliteStore(join(world.workspace, '.ferry', 'ferry.db'));
    const contact = await until(() => store.contacts.findByPhone(`+${someone.waId}`), 'the contact');
    await until(
      async () => ((await store.consents.statusOf(contact.id)).state === 'opted-out' ? true : undefined),
      'the opt-out',
    );
    await store.close();

    const human = await runCli(['status', '-w', world.workspace], world.env);
    expect(human.stdout).toMatch(/first → telegram/);
    expect(human.stdout).toMatch(/linked\s+█+/);

    serve.child.kill('SIGINT');
    expect((await serve.done).code).toBe(0);
  }, 120_000);

  it('answers WhatsApp messages after the cutoff with the redirect text and the user’s own link', async () => {
    const { serve } = await startServe({ ...world.env, FERRY_NOW: '2099-07-01T00:00:00Z' });
    // The last Brazilian user: the first user of the list opted out above and must get no reply.
    const user = world.sandbox.whatsapp.users
      .list()
      .filter((candidate) => candidate.waId.startsWith('55'))
      .at(-1);
    if (user === undefined) throw new Error('no Brazilian user');
    const before = user.inbox().length;
    await user.sendText('hello? are you there?');
    const reply = await until(() => user.inbox()[before], 'the redirect reply');
    const text = JSON.stringify(reply.payload);
    expect(text).toContain('We moved to Telegram');
    expect(text).toMatch(/https:\/\/t\.me\/\w+\?start=/);
    serve.child.kill('SIGINT');
    expect((await serve.done).code).toBe(0);
  }, 60_000);
  it('reports Telegram polling that cannot start before it listens, without the token, and serves the rest', async () => {
    const wrongToken = '123456:revoked-secret-AAGx7Qz4kLmN0pQ';
    const { serve, events } = await serveUntilListening({
      ...world.env,
      FERRY_TELEGRAM_BOT_TOKEN: wrongToken,
    });
    const failedAt = events.findIndex(
      (event) => event.type === 'error' && event.route === 'telegram polling',
    );
    const listeningAt = events.findIndex((event) => event.type === 'listening');
    expect(failedAt).toBeGreaterThanOrEqual(0);
    expect(failedAt).toBeLessThan(listeningAt);
    expect(events[listeningAt]).toMatchObject({ telegram: 'off', discord: 'gateway' });
    const health = await fetch(`${events[listeningAt]?.url}/healthz`);
    expect(health.status).toBe(200);
    serve.child.kill('SIGINT');
    const result = await serve.done;
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('revoked-secret');
  }, 60_000);
});
