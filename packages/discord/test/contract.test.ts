import { describeChannelContract } from '@ferry/core/testing';
import { discord } from '@ferry/sandbox';

const { MESSAGE_CREATE } = discord;

import { afterAll, beforeAll } from 'vitest';
import { createDiscordChannel } from '../src/index.js';
import { type DiscordRig, startRig } from './support/sandbox.js';

let rig: DiscordRig;
let userCount = 0;

beforeAll(async () => {
  // Many fresh DMs in a few seconds: raise the sandbox's (unpublished) DM-open anti-spam default.
  rig = await startRig({}, { limits: { dmOpenPerSecond: 1000 } });
});
afterAll(async () => {
  await rig.close();
});

describeChannelContract('discord', {
  channel: () => rig.channel,
  recipient: () => rig.emulator.users.create({ username: `user${++userCount}` }).id,
  blockedRecipient: () =>
    rig.emulator.users.create({ username: `blocked${++userCount}`, allowDms: false }).id,
  unknownRecipient: () => '1234567890123456789',
  injectRateLimit: () =>
    rig.emulator.faults.schedule({ kind: 'rate-limit', method: MESSAGE_CREATE, retryAfterMs: 1500 }),
  // One more 5xx than the channel's own re-sends (2 by default).
  injectServerError: () =>
    rig.emulator.faults.schedule({ kind: 'server-error', method: MESSAGE_CREATE, times: 3 }),
  badCredentials: () => {
    const secret = 'definitely-not-the-bot-token-0123456789';
    const credentials = rig.emulator.credentials();
    return {
      secret,
      channel: createDiscordChannel({ ...credentials, token: secret, publicKey: credentials.publicKey }),
    };
  },
  claimLink: async (token) => {
    await rig.channel.registerCommands();
    const user = rig.emulator.users.create({ username: `linker${++userCount}` });
    const before = rig.events.length;
    await user.runCommand('link', { code: token });
    return rig.events.slice(before);
  },
  forgedWebhookStatus: async () => {
    const body = JSON.stringify({ id: '1', type: 1 });
    const response = await fetch(`${rig.endpoint.url}/interactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': 'ab'.repeat(64),
        'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body,
    });
    return response.status;
  },
});
