// The Telegram broadcast race (issue #8): the same recipients sent three ways against a fresh
// Telegram emulator at Telegram's published limits (30/s overall, 1/s per chat; PLATFORMS.md §2.3):
//   1. Ferry's @ferry/telegram channel (core's Pacer), 16 sends in flight, a 429 sent again;
//   2. grammY + @grammyjs/transformer-throttler + @grammyjs/auto-retry, every send started at once;
//   3. grammY's documented sequential broadcast (one `await sendMessage` after another) with auto-retry.
// Each emulator runs in its own process (emulator-process.ts), as a real platform would, so no
// contender shares its event loop with the server it races against.
// For each: wall time, achieved rate as a share of 30/s (over the client's wall time and as the
// emulator saw it from first to last message), the 429s the emulator answered, the most messages
// it accepted in any sliding second, and whether everyone got exactly one message.
// Run: node --conditions=source --import tsx packages/engine/bench/telegram-race.bench.ts [recipients]   (default 300)

import { loadavg } from 'node:os';
import { createTelegramChannel } from '@ferry/telegram';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot } from 'grammy';
import { startEmulatorProcess } from './emulator-process.js';
import { paceFigures } from './pace-figures.js';

const recipients = Number(process.argv[2] ?? 300);
const LIMIT = 30;
const TEXT = 'We moved: tap below to continue on Telegram.';

async function race(
  name: string,
  send: (apiRoot: string, token: string, chats: number[]) => Promise<void>,
): Promise<void> {
  const emulator = await startEmulatorProcess({ platform: 'telegram', recipients });
  const { apiRoot = '', token = '' } = emulator.credentials;
  const chats = emulator.recipients.map(Number);
  const started = Date.now();
  await send(apiRoot, token, chats);
  const ended = Date.now();
  const seen = await emulator.report();
  await emulator.stop();
  const seconds = (ended - started) / 1000;
  const tooMany = seen.statuses.filter((status) => status === 429).length;
  const counts = new Map<string, number>();
  for (const recipient of seen.ledgerRecipients) counts.set(recipient, (counts.get(recipient) ?? 0) + 1);
  const exactlyOnce = chats.every((chat) => counts.get(String(chat)) === 1);
  const figures = paceFigures(seen.ledgerTimes, { started, ended });
  const percent = (rate: number) => `${((rate / LIMIT) * 100).toFixed(1)}%`;
  console.log(
    `${name.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s  wall ${figures.wallRate.toFixed(1).padStart(5)}/s (${percent(figures.wallRate)})  ` +
      `seen ${figures.wholeRate.toFixed(1).padStart(5)}/s (${percent(figures.wholeRate)})  429s ${String(tooMany).padStart(4)}  ` +
      `max/s ${figures.maxInAnySecond}  ${exactlyOnce ? 'everyone exactly once' : 'NOT exactly once'}  load ${loadavg()[0]?.toFixed(2)}`,
  );
}

console.log(
  `${recipients} recipients, Telegram emulator (own process) at ${LIMIT}/s overall and 1/s per chat\n`,
);

await race('Ferry @ferry/telegram (core Pacer)', async (apiRoot, token, chats) => {
  const channel = createTelegramChannel({ token, apiRoot, username: 'ferry_sandbox_bot' });
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < chats.length) {
        const chat = chats[next++];
        // Like auto-retry for grammY: a 429 (the channel has already paused its pacer) is sent again.
        let outcome = await channel.send(String(chat), { text: TEXT });
        while (outcome.status === 'rate-limited') outcome = await channel.send(String(chat), { text: TEXT });
        if (outcome.status !== 'sent') throw new Error(`send to ${chat}: ${outcome.status}`);
      }
    }),
  );
});

await race('grammY + transformer-throttler + auto-retry', async (apiRoot, token, chats) => {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.api.config.use(apiThrottler());
  bot.api.config.use(autoRetry());
  await Promise.all(chats.map((chat) => bot.api.sendMessage(chat, TEXT)));
});

await race('grammY sequential broadcast + auto-retry', async (apiRoot, token, chats) => {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.api.config.use(autoRetry());
  for (const chat of chats) await bot.api.sendMessage(chat, TEXT);
});
