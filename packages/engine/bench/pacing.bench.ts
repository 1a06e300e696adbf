// Campaign pacing against the sandbox emulators at each platform's published rate: Telegram 30/s,
// Discord 50 requests/s, WhatsApp 80/s and 1000/s. For each: the achieved rate over the run (as a
// share of the limit), the 429s the emulator answered, and the most sends it saw in any sliding second.
// Run: node --conditions=source --import tsx packages/engine/bench/pacing.bench.ts [seconds per case] [case filter]
// (default 15 s, every case).
//
// The race against grammY + @grammyjs/transformer-throttler + @grammyjs/auto-retry and grammY's
// documented sequential broadcast recipe is in telegram-race.bench.ts.

import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Channel, type FerryStore, PACING_PRESETS, type PacingPreset } from '@ferry/core';
import { createDiscordChannel } from '@ferry/discord';
import { openSqliteStore } from '@ferry/store';
import { createTelegramChannel } from '@ferry/telegram';
import { createWhatsAppChannel } from '@ferry/whatsapp';
import { runCampaign } from '../src/campaign/index.js';
import { type EmulatorProcess, type EmulatorSpec, startEmulatorProcess } from './emulator-process.js';
import { paceFigures } from './pace-figures.js';

const seconds = Number(process.argv[2] ?? 15);
/** Runs only the cases whose name contains this (e.g. `WhatsApp`, `1000`). */
const only = process.argv[3];
const concurrency = Number(process.env['FERRY_BENCH_CONCURRENCY'] ?? 64);

interface Case {
  readonly name: string;
  readonly limit: number;
  readonly spec: EmulatorSpec;
  /** What the platform's limit counts: accepted messages, or every request (Discord's global limit). */
  readonly counts: 'messages' | 'requests';
  readonly pacing?: PacingPreset;
  channel(emulator: EmulatorProcess): Channel;
}

async function seed(store: FerryStore, channel: Channel, recipients: readonly string[]): Promise<void> {
  const results = await store.contacts.upsertMany(
    recipients.map((_, index) => ({ phone: `+1${String(3_000_000_000 + index)}`, firstSeenAt: 1 })),
  );
  await store.transaction(async () => {
    for (const [index, result] of results.entries()) {
      if (result.outcome === 'conflict') continue;
      await store.consents.append({
        contactId: result.contact.id,
        kind: 'opt-in',
        channel: 'whatsapp',
        source: 'bench',
        at: 1,
      });
      if (channel.name !== 'whatsapp')
        await store.identities.link({
          contactId: result.contact.id,
          channel: channel.name,
          platformUserId: recipients[index] ?? '',
          method: 'token',
          linkedAt: 1,
        });
    }
  });
}

const cases: Case[] = [
  {
    name: 'Telegram 30/s',
    limit: 30,
    spec: { platform: 'telegram', recipients: 30 * seconds },
    counts: 'messages',
    channel: ({ credentials }) =>
      createTelegramChannel({
        token: credentials['token'] ?? '',
        apiRoot: credentials['apiRoot'] ?? '',
        username: credentials['username'] ?? '',
      }),
  },
  {
    // Each recipient costs two requests (open the DM, post the message), both under the global 50/s.
    name: 'Discord 50 requests/s',
    limit: 50,
    spec: { platform: 'discord', recipients: 25 * seconds },
    counts: 'requests',
    channel: ({ credentials }) =>
      createDiscordChannel({
        token: credentials['botToken'] ?? '',
        applicationId: credentials['applicationId'] ?? '',
        publicKey: credentials['publicKey'] ?? '',
        api: credentials['api'] ?? '',
      }),
  },
  ...([80, 1000] as const).map(
    (rate): Case => ({
      name: `WhatsApp ${rate}/s`,
      limit: rate,
      spec: { platform: 'whatsapp', recipients: rate * seconds, throughputPerSecond: rate },
      counts: 'messages',
      pacing: rate === 80 ? PACING_PRESETS.whatsapp80 : PACING_PRESETS.whatsapp1000,
      channel: ({ credentials }) =>
        createWhatsAppChannel({
          accessToken: credentials['accessToken'] ?? '',
          phoneNumberId: credentials['phoneNumberId'] ?? '',
          graphBaseUrl: credentials['graphBaseUrl'] ?? '',
          version: credentials['version'] ?? '',
          pacing: rate === 80 ? 'whatsapp80' : 'whatsapp1000',
        }),
    }),
  ),
];

console.log(
  `pacing: ${seconds} s of sends per case through runCampaign (journal on a SQLite file); ` +
    'each emulator in its own process; rates as the emulator saw them',
);
for (const testCase of cases.filter((candidate) => only === undefined || candidate.name.includes(only))) {
  const directory = mkdtempSync(join(tmpdir(), 'ferry-pacing-bench-'));
  const emulator = await startEmulatorProcess(testCase.spec);
  const channel = testCase.channel(emulator);
  const store = openSqliteStore(join(directory, 'ferry.db'));
  try {
    await seed(store, channel, emulator.recipients);
    const emulatorCpuBefore = (await emulator.report()).cpuMs;
    // When each request started in this process (fetch/undici or node:http): the client's own pacing,
    // before any delay the network or the emulator process adds.
    const wireTimes: number[] = [];
    const onWire = () => void wireTimes.push(Date.now());
    subscribe('undici:client:sendHeaders', onWire);
    subscribe('http.client.request.start', onWire);
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const report = await runCampaign({
      store,
      channel,
      campaign: {
        id: 'pacing',
        audience: channel.name === 'whatsapp' ? {} : { linkedTo: [channel.name] },
        message:
          channel.name === 'whatsapp'
            ? { kind: 'template', template: { name: 'we_moved', language: 'en_US' } }
            : { kind: 'message', message: { text: 'We moved: this is our new home.' } },
      },
      ...(testCase.pacing === undefined ? {} : { pacing: testCase.pacing }),
      concurrency,
      retry: 'standard',
    });
    const ended = Date.now();
    const cpu = process.cpuUsage(cpuBefore);
    unsubscribe('undici:client:sendHeaders', onWire);
    unsubscribe('http.client.request.start', onWire);
    const seen = await emulator.report();
    const times =
      testCase.counts === 'messages'
        ? seen.ledgerTimes
        : seen.times.filter((_, index) => seen.statuses[index] !== 429);
    const figures = paceFigures(times, { started, ended });
    const tooMany = seen.statuses.filter((status) => status === 429).length;
    const sent = paceFigures(wireTimes, { started, ended });
    // The emulator's own count where it keeps one (accepted messages, at the moment it admits
    // them); Discord's counts messages only, so its requests are counted from the answer log.
    const peak =
      testCase.counts === 'messages'
        ? (seen.stats.maxPerSecond['global'] ?? figures.maxInAnySecond)
        : figures.maxInAnySecond;
    const percent = (rate: number) => `${((rate / testCase.limit) * 100).toFixed(1)}%`;
    const unit = testCase.counts === 'messages' ? 'msg' : 'req';
    console.log(
      `${testCase.name.padEnd(22)} ${String(report.run.sent).padStart(6)} sent  ` +
        `whole run ${figures.wholeRate.toFixed(1)} ${unit}/s = ${percent(figures.wholeRate)}  ` +
        `steady ${figures.steadyRate.toFixed(1)} ${unit}/s = ${percent(figures.steadyRate)}  ` +
        `wall ${figures.wallRate.toFixed(1)} ${unit}/s = ${percent(figures.wallRate)}  ` +
        `429s ${tooMany}  max in any sliding 1 s ${peak} seen, ${sent.maxInAnySecond} sent ` +
        `(limit ${testCase.limit})  ` +
        `CPU client ${((cpu.user + cpu.system) / 1000 / (ended - started)).toFixed(2)} ` +
        `emulator ${((seen.cpuMs - emulatorCpuBefore) / (ended - started)).toFixed(2)} cores  ` +
        `load ${loadavg()[0]?.toFixed(2)}`,
    );
    if (tooMany > 0) console.log(`  rejected by reason: ${JSON.stringify(seen.stats.rejectedByReason)}`);
  } finally {
    await store.close();
    await emulator.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
