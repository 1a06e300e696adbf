/**
 * The child process of the crash test: runs one announcement campaign against the Telegram
 * emulator in the parent process, on the parent's SQLite file, until it completes or is killed.
 * Environment: FERRY_DB, FERRY_API_ROOT, FERRY_TOKEN, FERRY_USERNAME.
 */

import { openSqliteStore } from '@ferry/store';
import { createTelegramChannel } from '@ferry/telegram';
import { runCampaign } from '../src/index.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const store = openSqliteStore(required('FERRY_DB'));
const channel = createTelegramChannel({
  token: required('FERRY_TOKEN'),
  apiRoot: required('FERRY_API_ROOT'),
  username: required('FERRY_USERNAME'),
  pacing: { paidBroadcast: true },
});
process.stdout.write('started\n');
const report = await runCampaign({
  store,
  channel,
  campaign: {
    id: 'crash',
    audience: { linkedTo: ['telegram'] },
    message: { kind: 'message', message: { text: 'We moved: this is our new home.' } },
  },
  pacing: { global: { perSecond: 1000, burst: 10 }, perKey: { perSecond: 1 } },
  concurrency: 16,
});
process.stdout.write(
  `${JSON.stringify({ end: report.end, run: report.run, recovered: report.recovered })}\n`,
);
await store.close();
