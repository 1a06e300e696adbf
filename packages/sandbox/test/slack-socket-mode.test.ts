import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../src/slack/index.js';
import { deferred } from './helpers.js';
import { silentLogger } from './slack-helpers.js';

describe('SlackEmulator Socket Mode with a real bolt App (socketMode: true)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startBoth() {
    const slack = new SlackEmulator();
    await slack.start();
    cleanups.push(() => slack.stop());
    const { botToken, appToken, slackApiUrl } = slack.credentials();
    const app = new App({
      token: botToken,
      appToken,
      socketMode: true,
      clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger,
    });
    return { slack, app };
  }

  it('connects through apps.connections.open, then DM events and slash commands arrive as acked envelopes', async () => {
    const { slack, app } = await startBoth();
    const replied = deferred<string>();
    app.message(async ({ message, say }) => {
      await say(`got ${'text' in message ? message.text : ''}`);
      replied.resolve('done');
    });
    app.command('/ferry', async ({ ack, command }) => {
      await ack({ text: `linking ${command.text}` });
    });
    await app.start();
    cleanups.push(async () => {
      await app.stop();
    });
    expect(slack.socketModeConnected).toBe(true);

    const ada = slack.users.create({ name: 'ada' });
    const delivery = await ada.sendDm('over the socket');
    expect(delivery.status).toBe(200);
    await replied.promise;
    expect(ada.inbox().map((message) => message.text)).toEqual(['got over the socket']);

    const command = await ada.slashCommand('/ferry', 'link XYZ');
    expect(command.json).toEqual({ text: 'linking link XYZ' });
  });

  it('refuses apps.connections.open with the bot token', async () => {
    const { slack } = await startBoth();
    const { botToken, slackApiUrl } = slack.credentials();
    const response = await fetch(`${slackApiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}` },
    });
    expect(await response.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });
});
