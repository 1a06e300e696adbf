import { describeChannelContract } from '@ferry/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { TELEGRAM_SECRET_HEADER } from '../src/index.js';
import { eventsFor, startWorld, type TelegramWorld } from './helpers.js';

let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.emulator.stop();
});

const wrongToken = '123456789:AAHwrong_token_never_to_be_echoed_000';

describeChannelContract('telegram', {
  channel: () => world.channel({ webhookSecret: 'contract_secret' }),
  recipient: () => String(world.emulator.users.create({ firstName: 'Recipient', started: true }).id),
  blockedRecipient: () => {
    const user = world.emulator.users.create({ firstName: 'Blocker', started: true });
    user.block();
    return String(user.id);
  },
  unknownRecipient: () => '424242424242',
  injectRateLimit: () =>
    world.emulator.faults.schedule({ kind: 'rate-limit', method: 'sendMessage', retryAfterMs: 2000 }),
  injectServerError: () => world.emulator.faults.schedule({ kind: 'server-error', method: 'sendMessage' }),
  badCredentials: () => ({ channel: world.channel({ token: wrongToken }), secret: wrongToken }),
  claimLink: async (token) => {
    const channel = world.channel();
    const user = world.emulator.users.create({ firstName: 'Claimer' });
    return eventsFor(channel, user.openLink(channel.inviteLink(token)));
  },
  forgedWebhookStatus: async () => {
    const channel = world.channel({ webhookSecret: 'the_real_secret' });
    const request = new Request('http://127.0.0.1/telegram', {
      method: 'POST',
      headers: { [TELEGRAM_SECRET_HEADER]: 'a_forged_secret', 'content-type': 'application/json' },
      body: JSON.stringify({ update_id: 1 }),
    });
    const response = await channel.handleWebhook(request, () => {});
    return response.status;
  },
});
