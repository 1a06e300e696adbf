/**
 * The child process of the crash test: runs one announcement campaign against an emulator in the
 * parent process, on the parent's SQLite file, until it completes or is killed.
 * Environment: FERRY_DB, FERRY_CHANNEL (telegram | discord) and that channel's credentials.
 */
import type { Channel } from '@ferry/core';
import { createDiscordChannel } from '@ferry/discord';
import { openSqliteStore } from '@ferry/store';
import { createTelegramChannel } from '@ferry/telegram';
import { runCampaign } from '../src/campaign/index.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const telegram = required('FERRY_CHANNEL') === 'telegram';
const channel: Channel = telegram
  ? createTelegramChannel({
      token: required('FERRY_TOKEN'),
      apiRoot: required('FERRY_API'),
      username: required('FERRY_USERNAME'),
      pacing: { paidBroadcast: true },
    })
  : createDiscordChannel({
      token: required('FERRY_TOKEN'),
      applicationId: required('FERRY_APPLICATION_ID'),
      publicKey: required('FERRY_PUBLIC_KEY'),
      api: required('FERRY_API'),
    });
const store = openSqliteStore(required('FERRY_DB'));
process.stdout.write('started\n');
const report = await runCampaign({
  store,
  channel,
  campaign: {
    id: 'crash',
    audience: { linkedTo: [channel.name] },
    message: { kind: 'message', message: { text: 'We moved: this is our new home.' } },
  },
  ...(telegram ? { pacing: { global: { perSecond: 1000, burst: 10 }, perKey: { perSecond: 1 } } } : {}),
  concurrency: 16,
});
process.stdout.write(
  `${JSON.stringify({ end: report.end, run: report.run, recovered: report.recovered })}\n`,
);
await store.close();
process.exit(0);
