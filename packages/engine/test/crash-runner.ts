/**
 * The child process of the crash test: loads its modules, prints `ready`, and on a line on stdin
 * opens the parent's SQLite file, prints `started` and runs one campaign against an emulator in
 * the parent process until it completes or is killed. (The parent starts the next run's process
 * while the current one runs, so a restart does not wait for module loading.)
 * Environment: FERRY_DB, FERRY_CHANNEL (whatsapp | telegram | discord), that channel's
 * credentials, FERRY_CONCURRENCY (sends in flight, default 16).
 */
import { once } from 'node:events';
import { type Channel, PACING_PRESETS, type PacingPreset } from '@ferry/core';
import { openSqliteStore } from '@ferry/store';
import { type CampaignMessage, runCampaign } from '../src/campaign/index.js';
import { CRASH_CAMPAIGN_ID, CRASH_TEMPLATE } from './crash-fixtures.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

async function setup(): Promise<{ channel: Channel; message: CampaignMessage; pacing?: PacingPreset }> {
  switch (required('FERRY_CHANNEL')) {
    case 'whatsapp': {
      const { createWhatsAppChannel } = await import('@ferry/whatsapp');
      return {
        channel: createWhatsAppChannel({
          accessToken: required('FERRY_TOKEN'),
          phoneNumberId: required('FERRY_PHONE_NUMBER_ID'),
          graphBaseUrl: required('FERRY_API'),
          version: required('FERRY_VERSION'),
          pacing: 'whatsapp1000',
        }),
        message: {
          kind: 'template',
          template: {
            name: CRASH_TEMPLATE.name,
            language: CRASH_TEMPLATE.language,
            body: [{ name: 'first_name', text: '{{name}}' }],
          },
        },
        pacing: PACING_PRESETS.whatsapp1000,
      };
    }
    case 'telegram': {
      const { createTelegramChannel } = await import('@ferry/telegram');
      return {
        channel: createTelegramChannel({
          token: required('FERRY_TOKEN'),
          apiRoot: required('FERRY_API'),
          username: required('FERRY_USERNAME'),
          pacing: { paidBroadcast: true },
        }),
        message: { kind: 'message', message: { text: 'We moved: this is our new home.' } },
        pacing: { global: { perSecond: 1000, burst: 10 }, perKey: { perSecond: 1 } },
      };
    }
    default: {
      const { createDiscordChannel } = await import('@ferry/discord');
      return {
        channel: createDiscordChannel({
          token: required('FERRY_TOKEN'),
          applicationId: required('FERRY_APPLICATION_ID'),
          publicKey: required('FERRY_PUBLIC_KEY'),
          api: required('FERRY_API'),
        }),
        message: { kind: 'message', message: { text: 'We moved: this is our new home.' } },
      };
    }
  }
}

const { channel, message, pacing } = await setup();
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.destroy();
const store = openSqliteStore(required('FERRY_DB'));
process.stdout.write('started\n');
const report = await runCampaign({
  store,
  channel,
  campaign: {
    id: CRASH_CAMPAIGN_ID,
    audience: channel.name === 'whatsapp' ? {} : { linkedTo: [channel.name] },
    message,
  },
  ...(pacing === undefined ? {} : { pacing }),
  concurrency: Number(process.env.FERRY_CONCURRENCY ?? 16),
});
process.stdout.write(
  `${JSON.stringify({ end: report.end, run: report.run, recovered: report.recovered })}\n`,
);
await store.close();
process.exit(0);
