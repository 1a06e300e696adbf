// Campaign pacing against the sandbox emulators at each platform's published rate: Telegram 30/s,
// Discord 50 requests/s, WhatsApp 80/s and 1000/s. For each: the achieved rate over the run (as a
// share of the limit), the 429s the emulator answered, and the most sends it saw in any sliding second.
// Run: node --conditions=source --import tsx packages/engine/bench/pacing.bench.ts [seconds per case]   (default 15)
//
// The race against grammY + @grammyjs/transformer-throttler + @grammyjs/auto-retry and grammY's
// documented sequential broadcast recipe is in telegram-race.bench.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Channel, type FerryStore, PACING_PRESETS, type PacingPreset } from '@ferry/core';
import { createDiscordChannel } from '@ferry/discord';
import { DiscordEmulator, type Emulator, TelegramEmulator, WhatsAppEmulator } from '@ferry/sandbox';
import { openSqliteStore } from '@ferry/store';
import { createTelegramChannel } from '@ferry/telegram';
import { createWhatsAppChannel } from '@ferry/whatsapp';
import { runCampaign } from '../src/campaign/index.js';

const seconds = Number(process.argv[2] ?? 15);

/** The move notice template (business-initiated sends outside the 24 h window must be templates). */
const WE_MOVED = {
  name: 'we_moved',
  language: 'en_US',
  category: 'MARKETING',
  components: [{ type: 'BODY', text: 'We moved to Telegram.' }],
} as const;

interface Case {
  readonly name: string;
  readonly limit: number;
  /** Emulator requests per recipient (Discord opens a DM first). */
  readonly requestsPerRecipient: number;
  readonly pacing?: PacingPreset;
  start(): Promise<{ emulator: Emulator; channel: Channel; recipients: string[]; peakScope: string }>;
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
    requestsPerRecipient: 1,
    async start() {
      const emulator = new TelegramEmulator();
      await emulator.start();
      const { token, apiRoot, username } = emulator.credentials();
      const recipients = Array.from({ length: 30 * seconds }, (_, index) =>
        String(emulator.users.create({ firstName: `U${index}`, started: true }).id),
      );
      return {
        emulator,
        channel: createTelegramChannel({ token, apiRoot, username }),
        recipients,
        peakScope: 'global',
      };
    },
  },
  {
    name: 'Discord 50 requests/s',
    limit: 50,
    requestsPerRecipient: 2,
    async start() {
      // DM opens (5/s anti-spam in Discord) raised so the 50 requests/s global limit is what paces.
      const emulator = new DiscordEmulator({
        gateway: false,
        limits: {
          dmOpenPerSecond: 100,
          routeBuckets: { 'POST /users/@me/channels': { limit: 100, windowMs: 1000 } },
        },
      });
      await emulator.start();
      const credentials = emulator.credentials();
      const recipients = Array.from(
        { length: 25 * seconds },
        (_, index) => emulator.users.create({ username: `u${index}` }).id,
      );
      const channel = createDiscordChannel({
        token: credentials.botToken,
        applicationId: credentials.applicationId,
        publicKey: credentials.publicKey,
        api: credentials.api,
      });
      return { emulator, channel, recipients, peakScope: 'global' };
    },
  },
  ...([80, 1000] as const).map(
    (rate): Case => ({
      name: `WhatsApp ${rate}/s`,
      limit: rate,
      requestsPerRecipient: 1,
      pacing: rate === 80 ? PACING_PRESETS.whatsapp80 : PACING_PRESETS.whatsapp1000,
      async start() {
        const emulator = new WhatsAppEmulator({ limits: { tier: 'unlimited', throughputPerSecond: rate } });
        await emulator.start();
        const credentials = emulator.credentials();
        const channel = createWhatsAppChannel({
          accessToken: credentials.accessToken,
          phoneNumberId: credentials.phoneNumberId,
          graphBaseUrl: credentials.graphBaseUrl,
          version: credentials.version,
          pacing: rate === 80 ? 'whatsapp80' : 'whatsapp1000',
        });
        emulator.templates.register(WE_MOVED);
        const recipients = Array.from(
          { length: rate * seconds },
          (_, index) => emulator.users.create({ phone: `+1${String(3_000_000_000 + index)}` }).waId,
        );
        return { emulator, channel, recipients, peakScope: 'global' };
      },
    }),
  ),
];

console.log(`pacing: ${seconds} s of sends per case, through runCampaign (journal on a SQLite file)`);
for (const testCase of cases) {
  const directory = mkdtempSync(join(tmpdir(), 'ferry-pacing-bench-'));
  const { emulator, channel, recipients, peakScope } = await testCase.start();
  const store = openSqliteStore(join(directory, 'ferry.db'));
  try {
    await seed(store, channel, recipients);
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
      concurrency: 64,
      retry: 'standard',
    });
    const elapsed = (Date.now() - started) / 1000;
    const stats = emulator.stats.snapshot();
    const ledger = emulator.ledger.entries();
    const span = ((ledger.at(-1)?.at ?? 0) - (ledger[0]?.at ?? 0)) / 1000;
    const rate = ((ledger.length - 1) * testCase.requestsPerRecipient) / span;
    const tooMany = Object.entries(stats.rejectedByReason)
      .filter(([reason]) => /429|Too Many|rate limit|throughput|too fast/i.test(reason))
      .reduce((sum, [, count]) => sum + count, 0);
    console.log(
      `${testCase.name.padEnd(24)} ${report.run.sent} sent in ${elapsed.toFixed(1)} s; ` +
        `rate ${rate.toFixed(1)}/s = ${((rate / testCase.limit) * 100).toFixed(1)}% of ${testCase.limit}; ` +
        `429s ${tooMany}; max in any sliding second ${stats.maxPerSecond[peakScope] ?? 'n/a'} (limit ${testCase.limit})`,
    );
  } finally {
    await store.close();
    await emulator.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
