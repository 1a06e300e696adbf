import { describeChannelContract } from '@ferry/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { createSlackChannel } from '../src/index.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig;
let userCount = 0;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

describeChannelContract('slack', {
  channel: () => rig.useChannel(),
  recipient: () => rig.slack.users.create({ name: `user${++userCount}` }).id,
  blockedRecipient: () => {
    const user = rig.slack.users.create({ name: `gone${++userCount}` });
    user.deactivate();
    return user.id;
  },
  unknownRecipient: () => 'U0NOSUCHUSER',
  injectRateLimit: () =>
    rig.slack.faults.schedule({ kind: 'rate-limit', method: 'chat.postMessage', retryAfterMs: 2000 }),
  injectServerError: () => rig.slack.faults.schedule({ kind: 'server-error', method: 'chat.postMessage' }),
  badCredentials: () => {
    const secret = 'xoxb-9999-wrong-secret-token';
    const credentials = rig.slack.credentials();
    return {
      secret,
      channel: createSlackChannel({
        token: secret,
        signingSecret: 'x',
        slackApiUrl: credentials.slackApiUrl,
      }),
    };
  },
  claimLink: async (token) => {
    const events = rig.collect();
    const user = rig.slack.users.create({ name: `claimer${++userCount}` });
    const delivery = await user.slashCommand('/ferry', `link ${token}`);
    if (delivery.status !== 200) throw new Error(`slash command answered ${delivery.status}`);
    return events;
  },
  forgedWebhookStatus: async () => {
    const user = rig.slack.users.create({ name: `forger${++userCount}` });
    return (await user.sendDm('hello', { signingSecret: 'not-the-secret' })).status;
  },
});
