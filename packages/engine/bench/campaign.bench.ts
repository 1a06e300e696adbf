// A 1,000,000-recipient move notice (WhatsApp template with a personal link token per recipient)
// against the WhatsApp Cloud API emulator at 1000 messages/s. The emulator and the seeding run in
// this process; the campaign runs in a child process so its peak RSS and CPU are its own. Prints:
// time to first send, achieved rate, client CPU share of one core (journaling and token issuing
// included), peak RSS, group commits, and the journal's final counts.
// Run: node --conditions=source --import tsx packages/engine/bench/campaign.bench.ts [recipients]
// (default 1,000,000: the send alone then takes ~17 minutes at 1000/s; pass e.g. 60000 for a quick look).
// FERRY_BENCH_CONCURRENCY sets the sends in flight (default 128). FERRY_BENCH_NODE_FLAGS adds node
// flags to the client only (none by default: the client runs as `ferry notify` does; e.g.
// "--cpu-prof" or "--expose-gc", which prints the live heap every 5 s). To measure compiled code
// as shipped instead of tsx (whose loader adds ~45 MB of RSS and CPU), bundle this file with
// esbuild (--bundle --platform=node --format=esm --conditions=source --external:better-sqlite3)
// and run the bundle with plain node: the client inherits the parent's node flags.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACING_PRESETS } from '@ferry/core';
import { openSqliteStore } from '@ferry/store';
import { createTelegramChannel } from '@ferry/telegram';
import { createWhatsAppChannel } from '@ferry/whatsapp';
import { type RunCounts, runCampaign } from '../src/campaign/index.js';
import { LinkService } from '../src/linking/index.js';

const self = fileURLToPath(import.meta.url);
const SECRET = 'benchmark-link-token-secret-of-at-least-32-bytes';

interface ClientResult {
  readonly recipients: number;
  readonly firstSendMs: number | undefined;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly rssAtStartMb: number;
  readonly heapUsedMb: number;
  readonly peakHeapMb: number;
  readonly commits: number;
  readonly journal: Readonly<Record<string, number>>;
  readonly run: RunCounts;
}

async function client(path: string, env: Record<string, string>): Promise<void> {
  let peakRss = process.memoryUsage.rss();
  let peakHeap = 0;
  const collect = (globalThis as { gc?: () => void }).gc;
  // With --expose-gc in FERRY_BENCH_NODE_FLAGS: the live heap every 5 s, on stderr (a diagnostic).
  const probe =
    collect === undefined
      ? undefined
      : setInterval(() => {
          collect();
          process.stderr.write(`live heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB\n`);
        }, 5_000);
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapTotal);
  }, 50);
  const store = openSqliteStore(path);
  const channel = createWhatsAppChannel({
    accessToken: env.accessToken ?? '',
    phoneNumberId: env.phoneNumberId ?? '',
    graphBaseUrl: env.graphBaseUrl ?? '',
    version: env.version ?? 'v23.0',
    pacing: 'whatsapp1000',
  });
  // Only the Telegram invite link is needed: the notice carries the token for `t.me/<bot>?start=`.
  const telegram = createTelegramChannel({
    token: '123456789:AAHferry_bench_token_000000000000',
    username: 'ferry_bot',
  });
  const links = new LinkService({ store, secret: SECRET, channels: { telegram } });
  const rssAtStart = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const startedAt = Date.now();
  const report = await runCampaign({
    store,
    channel,
    campaign: {
      id: 'notice',
      audience: { notLinkedTo: ['telegram'] },
      message: {
        kind: 'template',
        template: {
          name: 'we_moved',
          language: 'en_US',
          body: [{ name: 'first_name', text: '{{name}}' }],
          urlButton: { index: 0, suffix: 'token' },
        },
      },
    },
    pacing: PACING_PRESETS.whatsapp1000,
    concurrency: Number(process.env.FERRY_BENCH_CONCURRENCY ?? 128),
    links: { issuer: links, target: 'telegram' },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  if (probe !== undefined) clearInterval(probe);
  peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  const result: ClientResult = {
    recipients: report.run.sent + report.run.failed + report.run.ambiguous,
    firstSendMs: report.firstSendAt === undefined ? undefined : report.firstSendAt - startedAt,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: peakRss / 2 ** 20,
    rssAtStartMb: rssAtStart / 2 ** 20,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    commits: report.commits,
    journal: report.journal,
    run: report.run,
  };
  await store.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function seed(path: string, recipients: number): Promise<void> {
  const store = openSqliteStore(path, { synchronous: 'normal' });
  const chunk = 20_000;
  for (let from = 0; from < recipients; from += chunk) {
    const size = Math.min(chunk, recipients - from);
    const results = await store.contacts.upsertMany(
      Array.from({ length: size }, (_, index) => {
        const n = from + index;
        return {
          phone: `+1${String(2_000_000_000 + n)}`,
          profileName: `Person ${n}`,
          language: 'en_US',
          country: 'US',
          firstSeenAt: 1,
        };
      }),
    );
    await store.consents.appendMany(
      results.flatMap((result) =>
        result.outcome === 'conflict'
          ? []
          : [
              {
                contactId: result.contact.id,
                kind: 'opt-in' as const,
                channel: 'whatsapp' as const,
                source: 'bench',
                at: 1,
              },
            ],
      ),
    );
  }
  await store.close();
}

async function main(): Promise<void> {
  if (process.argv[2] === 'client') {
    await client(process.argv[3] ?? '', JSON.parse(process.argv[4] ?? '{}') as Record<string, string>);
    return;
  }
  const recipients = Number(process.argv[2] ?? 1_000_000);
  const directory = mkdtempSync(join(tmpdir(), 'ferry-campaign-bench-'));
  const path = join(directory, 'ferry.db');
  try {
    const seedStart = performance.now();
    await seed(path, recipients);
    console.log(
      `seeded ${recipients.toLocaleString('en')} contacts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    // Imported here, not at the top: the client process must not carry the emulator's code.
    const { WhatsAppEmulator } = await import('@ferry/sandbox');
    const whatsapp = new WhatsAppEmulator({ limits: { tier: 'unlimited', throughputPerSecond: 1000 } });
    await whatsapp.start();
    whatsapp.templates.register({
      name: 'we_moved',
      language: 'en_US',
      category: 'MARKETING',
      parameter_format: 'NAMED',
      components: [
        { type: 'BODY', text: 'Hi {{first_name}}, we now live on Telegram.' },
        {
          type: 'BUTTONS',
          buttons: [{ type: 'URL', text: 'Continue', url: 'https://t.me/ferry_bot?start={{1}}' }],
        },
      ],
    });
    const credentials = whatsapp.credentials();
    const child = spawn(
      process.execPath,
      [
        // No heap flags unless asked for: the client is measured as `ferry notify` runs it.
        ...(process.env.FERRY_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
        // The parent's own flags: `--conditions=source --import tsx` from sources, none when bundled.
        ...process.execArgv,
        self,
        'client',
        path,
        JSON.stringify(credentials),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
    });
    await new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const stats = whatsapp.stats.snapshot();
    await whatsapp.stop();
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ClientResult;
    const rate = result.recipients / result.seconds;
    console.log(
      `campaign: ${result.recipients.toLocaleString('en')} template sends in ${result.seconds.toFixed(1)} s`,
    );
    console.log(`  first send after        ${result.firstSendMs} ms            (target <= 1000 ms)`);
    console.log(`  achieved rate           ${rate.toFixed(1)} /s           (limit 1000/s)`);
    console.log(
      `  client CPU              ${((result.cpuSeconds / result.seconds) * 100).toFixed(1)} % of one core  (target <= 60 %)`,
    );
    console.log(
      `  client peak RSS         ${result.peakRssMb.toFixed(1)} MB          (target <= 200 MB; ${result.rssAtStartMb.toFixed(1)} MB once loaded, heap ${result.heapUsedMb.toFixed(1)} MB used at the end, ${result.peakHeapMb.toFixed(1)} MB reserved at most)`,
    );
    console.log(
      `  group commits           ${result.commits.toLocaleString('en')} (${(result.recipients / Math.max(1, result.commits)).toFixed(1)} recipients per commit)`,
    );
    console.log(
      `  emulator: 429s ${stats.rejectedByReason['130429'] ?? 0}, max in any second ${stats.maxPerSecond.business ?? stats.maxPerSecond.global ?? 'n/a'}`,
    );
    console.log(`  journal ${JSON.stringify(result.journal)}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
