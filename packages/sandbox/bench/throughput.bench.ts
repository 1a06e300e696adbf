// Emulator throughput on loopback: how many requests per second each emulator serves through its
// full send path (auth, validation, limits, ledger, stats), so the sandbox never becomes the
// bottleneck of a test or a rehearsal. Issue #3 asks for at least 5,000 requests/s.
// Baseline in the same run: a bare node:http server answering a fixed JSON body.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { DiscordEmulator, SlackEmulator, TelegramEmulator, WhatsAppEmulator } from '@ferry/sandbox';

interface RequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 30_000);
const CONCURRENCY = 32;
const open = 1_000_000;

function load(
  requests: RequestSpec[],
  total: number,
): Promise<{ elapsedMs: number; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { requests, total, concurrency: CONCURRENCY },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function measure(name: string, requests: RequestSpec[]): Promise<number> {
  await load(requests, Math.min(3000, TOTAL));
  const { elapsedMs, statuses } = await load(requests, TOTAL);
  const perSecond = TOTAL / (elapsedMs / 1000);
  console.log(
    `${name.padEnd(34)} ${Math.round(perSecond).toString().padStart(7)} req/s   statuses ${JSON.stringify(statuses)}`,
  );
  return perSecond;
}

const json = { 'content-type': 'application/json' };
const results: Record<string, number> = {};

const bare = createServer((_req, res) => {
  _req.resume();
  _req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as AddressInfo).port;
results.bare = await measure('baseline: bare node:http', [
  { url: `http://127.0.0.1:${barePort}/`, method: 'POST', headers: json, body: '{"text":"hi"}' },
]);
bare.close();

const telegram = new TelegramEmulator({
  limits: { globalPerSecond: open, perChatPerSecond: open, perChatBurst: open },
});
await telegram.start();
const { token, apiRoot } = telegram.credentials();
const chats = Array.from(
  { length: 500 },
  (_, index) => telegram.users.create({ firstName: `User ${index}`, started: true }).id,
);
results.telegram = await measure(
  'telegram sendMessage (HTML)',
  chats.map((chat) => ({
    url: `${apiRoot}/bot${token}/sendMessage`,
    method: 'POST',
    headers: json,
    body: JSON.stringify({ chat_id: chat, text: '<b>We moved</b> — tap below', parse_mode: 'HTML' }),
  })),
);
await telegram.stop();

const slack = new SlackEmulator({
  limits: { perChannelPerSecond: open, perChannelBurst: open, workspacePerMinute: open },
});
await slack.start();
const slackCredentials = slack.credentials();
const channels = Array.from(
  { length: 200 },
  (_, index) => slack.channels.create({ name: `bench-${index}` }).id,
);
results.slack = await measure(
  'slack chat.postMessage (blocks)',
  channels.map((channel) => ({
    url: `${slackCredentials.slackApiUrl}chat.postMessage`,
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${slackCredentials.botToken}` },
    body: JSON.stringify({
      channel,
      text: 'We moved',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*We moved* — tap below' } }],
    }),
  })),
);
await slack.stop();

const discord = new DiscordEmulator({
  gateway: false,
  limits: {
    globalPerSecond: open,
    dmOpenPerSecond: open,
    routeBuckets: {
      'POST /users/@me/channels': { limit: open, windowMs: 1000 },
      'POST /channels/:id/messages': { limit: open, windowMs: 1000 },
    },
  },
});
await discord.start();
const discordCredentials = discord.credentials();
const discordHeaders = { ...json, authorization: `Bot ${discordCredentials.botToken}` };
const dmChannels: string[] = [];
for (let index = 0; index < 200; index++) {
  const user = discord.users.create({ username: `user${index}` });
  const response = await fetch(`${discordCredentials.api}/v10/users/@me/channels`, {
    method: 'POST',
    headers: discordHeaders,
    body: JSON.stringify({ recipient_id: user.id }),
  });
  dmChannels.push(((await response.json()) as { id: string }).id);
}
results.discord = await measure(
  'discord POST /channels/:id/messages',
  dmChannels.map((channel) => ({
    url: `${discordCredentials.api}/v10/channels/${channel}/messages`,
    method: 'POST',
    headers: discordHeaders,
    body: JSON.stringify({ content: '**We moved** — tap below', components: [] }),
  })),
);
await discord.stop();

// WhatsApp caps throughput at 1,000 mps (the emulator refuses more, as Meta does); a clock that moves
// 1.1 ms per reading keeps every request under that cap so the full send path is what gets measured.
let simulated = Date.now();
const whatsapp = new WhatsAppEmulator({
  clock: { now: () => (simulated += 1.1) },
  deliverStatuses: 'manual',
  limits: {
    throughputPerSecond: 1000,
    pairRate: { messages: open, perMs: 1000 },
    tier: 'unlimited',
    enforce24hWindow: false,
  },
});
await whatsapp.start();
const waCredentials = whatsapp.credentials();
const phones = Array.from(
  { length: 500 },
  (_, index) => whatsapp.users.create({ phone: `+1555${String(1_000_000 + index)}` }).waId,
);
results.whatsapp = await measure(
  'whatsapp POST /messages (text)',
  phones.map((to) => ({
    url: `${waCredentials.graphBaseUrl}/${waCredentials.version}/${waCredentials.phoneNumberId}/messages`,
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${waCredentials.accessToken}` },
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      to,
      type: 'text',
      text: { body: 'We moved — tap below' },
    }),
  })),
);
await whatsapp.stop();

console.log('\nratio to the bare node:http baseline:');
for (const name of ['telegram', 'slack', 'discord', 'whatsapp']) {
  const value = results[name] ?? 0;
  console.log(
    `  ${name.padEnd(9)} ${(value / (results.bare ?? 1)).toFixed(2)}  ${value >= 5000 ? '(>= 5,000 req/s)' : '(BELOW 5,000 req/s)'}`,
  );
}
