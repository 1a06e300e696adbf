// The Telegram broadcast race (issue #8): the same recipients sent three ways against a fresh
// Telegram emulator at Telegram's published limits (30/s overall, 1/s per chat; PLATFORMS.md §2.3):
//   1. Ferry's @ferry/telegram channel (core's Pacer), 16 sends in flight;
//   2. grammY + @grammyjs/transformer-throttler + @grammyjs/auto-retry, every send started at once;
//   3. grammY's documented sequential broadcast (one `await sendMessage` after another) with auto-retry.
// For each: wall time, achieved rate as a share of 30/s, the 429s the emulator answered, the most
// messages it accepted in any sliding second, and whether everyone got exactly one message.
// Run: node --import tsx packages/engine/bench/telegram-race.bench.ts [recipients]   (default 300)

import { TelegramEmulator } from '@ferry/sandbox';
import { createTelegramChannel } from '@ferry/telegram';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot } from 'grammy';

const recipients = Number(process.argv[2] ?? 300);
const LIMIT = 30;
const TEXT = 'We moved: tap below to continue on Telegram.';

async function race(
  name: string,
  send: (apiRoot: string, token: string, chats: number[]) => Promise<void>,
): Promise<void> {
  const emulator = new TelegramEmulator();
  await emulator.start();
  const { apiRoot, token } = emulator.credentials();
  const chats = Array.from(
    { length: recipients },
    (_, index) => emulator.users.create({ firstName: `R${index}`, started: true }).id,
  );
  const started = performance.now();
  await send(apiRoot, token, chats);
  const seconds = (performance.now() - started) / 1000;
  const stats = emulator.stats.snapshot();
  const tooMany = Object.entries(stats.rejectedByReason)
    .filter(([reason]) => reason.startsWith('Too Many Requests'))
    .reduce((sum, [, count]) => sum + count, 0);
  const counts = emulator.ledger.countByRecipient();
  const exactlyOnce = chats.every((chat) => counts.get(String(chat)) === 1);
  const rate = recipients / seconds;
  console.log(
    `${name.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s  ${rate.toFixed(1).padStart(5)}/s (${((rate / LIMIT) * 100).toFixed(1)}% of ${LIMIT}/s)  429s ${String(tooMany).padStart(4)}  max/s ${emulator.stats.maxPerSecond('global')}  ${exactlyOnce ? 'everyone exactly once' : 'NOT exactly once'}`,
  );
  await emulator.stop();
}

console.log(`${recipients} recipients, Telegram emulator at ${LIMIT}/s overall and 1/s per chat\n`);

await race('Ferry @ferry/telegram (core Pacer)', async (apiRoot, token, chats) => {
  const channel = createTelegramChannel({ token, apiRoot, username: 'ferry_sandbox_bot' });
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < chats.length) {
        const chat = chats[next++];
        const outcome = await channel.send(String(chat), { text: TEXT });
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
