import { ConfigError, type InboundEvent, type LogLevel } from '@ferry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../src/index.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function only<T extends InboundEvent['type']>(events: readonly InboundEvent[], type: T) {
  return events.filter((event): event is Extract<InboundEvent, { type: T }> => event.type === type);
}

describe('receiving signed Slack deliveries over HTTP', () => {
  it('turns a DM into a text event with the sender and their DM channel', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    const delivery = await ada.sendDm('hello from Slack');
    expect(delivery.status).toBe(200);
    expect(rig.events).toEqual([
      expect.objectContaining({
        channel: 'slack',
        type: 'text',
        text: 'hello from Slack',
        sender: { id: ada.id, conversationId: ada.dmChannelId() },
      }),
    ]);
  });

  it('refuses a forged signature, a stale timestamp and a replayed request, and reaches no handler', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    expect((await ada.sendDm('forged', { signingSecret: 'wrong-secret' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await ada.sendDm('stale', { timestampSeconds: stale })).status).toBe(401);
    expect((await ada.sendDm('genuine')).status).toBe(200);
    const captured = rig.lastDelivery;
    if (captured === undefined) throw new Error('no delivery captured');
    expect(await rig.deliver(captured)).toBe(401);
    expect(only(rig.events, 'text').map((event) => event.text)).toEqual(['genuine']);
  });

  it('acknowledges a slash command before the handler finishes, so a slow (paced) welcome cannot time it out', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    let finish = () => {};
    const seen: InboundEvent[] = [];
    let finished = false;
    const { botToken, signingSecret, slackApiUrl } = rig.slack.credentials();
    const channel = createSlackChannel({ token: botToken, signingSecret, slackApiUrl });
    await ada.slashCommand('/ferry', 'link CODE-7');
    const delivery = rig.lastDelivery;
    if (delivery === undefined) throw new Error('no delivery captured');
    const request = new Request(`http://127.0.0.1${delivery.url}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    const response = await channel.handleWebhook(request, async (event) => {
      seen.push(event);
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      finished = true;
    });
    // The answer came back while the handler is still waiting.
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: expect.any(String) });
    expect(finished).toBe(false);
    expect(seen).toEqual([expect.objectContaining({ type: 'link-claim', token: 'CODE-7' })]);
    finish();
    await channel.idle();
    expect(finished).toBe(true);
  }, 3_000);

  it('a handler failing after the acknowledgement is logged, redacted, not lost', async () => {
    rig = await startRig();
    expect((await rig.slack.users.create({ name: 'ada' }).sendDm('hello')).status).toBe(200);
    const delivery = rig.lastDelivery;
    if (delivery === undefined) throw new Error('no delivery captured');
    const lines: [LogLevel, string, unknown][] = [];
    const { botToken, signingSecret, slackApiUrl } = rig.slack.credentials();
    const channel = createSlackChannel({
      token: botToken,
      signingSecret,
      slackApiUrl,
      logger: { log: (level, message, fields) => void lines.push([level, message, fields]) },
    });
    const request = new Request(`http://127.0.0.1${delivery.url}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    const response = await channel.handleWebhook(request, async () => {
      throw new Error(`the store is down (token ${botToken})`);
    });
    expect(response.status).toBe(200);
    await channel.idle();
    expect(lines).toEqual([
      [
        'error',
        expect.stringContaining('handler failed'),
        {
          reason: expect.stringContaining('the store is down'),
          events: [expect.objectContaining({ type: 'text' })],
        },
      ],
    ]);
    expect(JSON.stringify(lines)).not.toContain(botToken);
  });

  it('answers the url_verification challenge', async () => {
    rig = await startRig();
    expect(await rig.slack.verifyRequestUrl()).toBe(true);
  });

  it('reports a reply button click with the original id and a menu choice restored from its short value', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    const longId = `plan-${'y'.repeat(100)}`;
    const sent = await rig.channel.send(ada.id, {
      text: 'Choose',
      buttons: [{ kind: 'reply', id: 'go-slack', title: 'Slack' }],
      menu: { label: 'Plans', sections: [{ rows: [{ id: longId, title: 'Yearly' }] }] },
    });
    if (sent.status !== 'sent') throw new Error(sent.status);
    await ada.clickButton(sent.id, 'go-slack');
    const [message] = ada.inbox();
    const blocks = (message?.blocks ?? []) as {
      type: string;
      elements?: { options?: { value: string }[] }[];
    }[];
    const shortValue =
      blocks.find((block) => block.type === 'actions')?.elements?.[1]?.options?.[0]?.value ?? '';
    expect(Buffer.byteLength(shortValue)).toBeLessThanOrEqual(75);
    await ada.selectOption(sent.id, 'ferry:menu', shortValue);
    expect(only(rig.events, 'choice').map(({ id, title, messageId }) => ({ id, title, messageId }))).toEqual([
      { id: 'go-slack', title: 'Slack', messageId: sent.id },
      { id: longId, title: 'Yearly', messageId: sent.id },
    ]);
  });

  it('links by `/ferry link <code>` and answers ephemerally', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    const delivery = await ada.slashCommand('/ferry', 'link CODE-42');
    expect(delivery.json).toEqual({ response_type: 'ephemeral', text: expect.any(String) });
    expect(only(rig.events, 'link-claim')).toEqual([
      expect.objectContaining({
        token: 'CODE-42',
        via: 'command',
        sender: expect.objectContaining({ id: ada.id }),
      }),
    ]);
  });

  it('without a Home tab, the link button comes once in the DM: a modal asks for the code and the claim arrives', async () => {
    rig = await startRig({ workspace: { homeTabEnabled: false } });
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.openAppHome();
    await rig.channel.idle();
    // With the Home tab turned off views.publish fails, so the channel posts the button in the DM.
    const prompt = ada.inbox().at(-1);
    if (prompt === undefined) throw new Error('no link prompt');
    await ada.clickButton(prompt.ts, 'ferry:link-open');
    const [viewId] = rig.slack.openViews(ada.id);
    if (viewId === undefined) throw new Error('no modal opened');
    await ada.submitView(viewId, { 'ferry:link-code': 'CODE-77' });
    expect(only(rig.events, 'link-claim')).toEqual([
      expect.objectContaining({ token: 'CODE-77', via: 'modal', sender: { id: ada.id } }),
    ]);
    await ada.openAppHome();
    await rig.channel.idle();
    expect(ada.inbox()).toHaveLength(1);
  });

  it('`/ferry stop` is a stop event and other `/ferry` text a text event', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.slashCommand('/ferry', 'stop');
    await ada.slashCommand('/ferry', 'where is my order');
    expect(rig.events.map((event) => event.type)).toEqual(['stop', 'text']);
  });
});

describe('matching by e-mail', () => {
  it('is refused unless the operator enabled it', async () => {
    rig = await startRig();
    await expect(rig.channel.matchByEmail('ada@example.com')).rejects.toBeInstanceOf(ConfigError);
  });

  it('finds the user with users.lookupByEmail and reports a weaker email-match event', async () => {
    rig = await startRig({}, { emailMatching: true });
    const ada = rig.slack.users.create({ name: 'ada', email: 'ada@example.com' });
    const found = await rig.channel.matchByEmail('ADA@example.com');
    expect(found).toEqual({
      status: 'matched',
      event: expect.objectContaining({
        type: 'email-match',
        email: 'ADA@example.com',
        sender: expect.objectContaining({ id: ada.id }),
      }),
    });
    expect(await rig.channel.matchByEmail('nobody@example.com')).toEqual({ status: 'not-found' });
  });
});
