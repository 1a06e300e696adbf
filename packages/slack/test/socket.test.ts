import { AuthError, ConfigError, type InboundEvent } from '@ferry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../src/index.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig | undefined;
let stop: AbortController | undefined;
let listening: Promise<void> | undefined;
afterEach(async () => {
  stop?.abort();
  await listening;
  await rig?.close();
  rig = undefined;
});

/** Resolves with the first event of `type` the handler receives. */
function waiter() {
  const events: InboundEvent[] = [];
  const waiting: { type: string; resolve: (event: InboundEvent) => void }[] = [];
  return {
    events,
    handler: (event: InboundEvent) => {
      events.push(event);
      for (const entry of waiting.filter((item) => item.type === event.type)) entry.resolve(event);
    },
    next: (type: InboundEvent['type']) =>
      new Promise<InboundEvent>((resolve) => {
        const found = events.find((event) => event.type === type);
        if (found) resolve(found);
        else waiting.push({ type, resolve });
      }),
  };
}

describe('Socket Mode through bolt against the emulator', () => {
  it('receives DMs, slash commands and form submissions as the same neutral events as HTTP', async () => {
    rig = await startRig();
    const events = waiter();
    stop = new AbortController();
    const signal = stop.signal;
    const channel = rig.channel;
    await new Promise<void>((onReady) => {
      listening = channel.listen(events.handler, { signal, onReady });
    });
    expect(rig.slack.socketModeConnected).toBe(true);

    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.sendDm('hello over the socket');
    expect(await events.next('text')).toMatchObject({
      text: 'hello over the socket',
      sender: { id: ada.id },
    });

    const command = await ada.slashCommand('/ferry', 'link SOCKET-1');
    expect(command.json).toMatchObject({ response_type: 'ephemeral' });
    expect(await events.next('link-claim')).toMatchObject({ token: 'SOCKET-1', via: 'command' });

    const sent = await rig.channel.send(ada.id, {
      text: 'Quick question',
      buttons: [{ kind: 'form', title: 'Answer', formId: 'quick' }],
      form: {
        id: 'quick',
        title: 'Quick',
        screens: [
          {
            id: 'Q',
            blocks: [{ kind: 'field', name: 'answer', type: 'shortText', label: 'Answer', required: true }],
            submit: { label: 'Send', action: { type: 'complete', payload: { answer: '${form.answer}' } } },
            terminal: true,
          },
        ],
      },
    });
    if (sent.status !== 'sent') throw new Error(sent.status);
    await ada.clickButton(sent.id, 'ferry:form');
    const [viewId] = rig.slack.openViews(ada.id);
    if (viewId === undefined) throw new Error('no modal over Socket Mode');
    const submitted = await ada.submitView(viewId, { answer: '42' });
    expect(submitted.json).toMatchObject({ response_action: 'clear' });
    expect(await events.next('form')).toMatchObject({
      formId: 'quick',
      response: { flow_token: 'quick', answer: '42' },
    });
  });

  it('needs no signing secret: only HTTP deliveries do, and they are refused naming the setting', async () => {
    rig = await startRig();
    const { botToken, appToken, slackApiUrl } = rig.slack.credentials();
    const channel = createSlackChannel({ token: botToken, appToken, slackApiUrl });
    const events = waiter();
    stop = new AbortController();
    const signal = stop.signal;
    await new Promise<void>((onReady) => {
      listening = channel.listen(events.handler, { signal, onReady });
    });
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.sendDm('socket only');
    expect(await events.next('text')).toMatchObject({ text: 'socket only' });

    const request = new Request('http://127.0.0.1/slack/events', { method: 'POST', body: '{}' });
    const refused = channel.handleWebhook(request, events.handler);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/`signingSecret`/);
  });

  it('calls onReady once, with the socket open, before the first event is delivered', async () => {
    rig = await startRig();
    const seen: string[] = [];
    const socketOpenAtReady: boolean[] = [];
    stop = new AbortController();
    const signal = stop.signal;
    const connection = rig.slack;
    const ada = connection.users.create({ name: 'ada' });
    let delivered: () => void = () => {};
    const firstEvent = new Promise<void>((resolve) => (delivered = resolve));
    let ready: () => void = () => {};
    const readyCalled = new Promise<void>((resolve) => (ready = resolve));
    listening = rig.channel.listen(
      (event) => {
        seen.push(event.type);
        delivered();
      },
      {
        signal,
        onReady: () => {
          seen.push('ready');
          socketOpenAtReady.push(connection.socketModeConnected);
          ready();
        },
      },
    );
    await readyCalled;
    await ada.sendDm('first over the socket');
    await firstEvent;
    expect(seen).toEqual(['ready', 'text']);
    expect(socketOpenAtReady).toEqual([true]);

    // Slack drops Socket Mode connections now and then; bolt reconnects, which is not a second start.
    connection.disconnectSocketMode();
    await until(() => !connection.socketModeConnected);
    await until(() => connection.socketModeConnected);
    await ada.sendDm('after the reconnect');
    await until(() => seen.length === 3);
    expect(seen).toEqual(['ready', 'text', 'text']);
  });

  it('never calls onReady when Slack refuses the app-level token: listen rejects with AuthError', async () => {
    rig = await startRig();
    const { botToken, slackApiUrl } = rig.slack.credentials();
    const refusedToken = 'xapp-1-A000-refused-do-not-echo';
    const channel = createSlackChannel({ token: botToken, appToken: refusedToken, slackApiUrl });
    let readyCalls = 0;
    const error = await channel
      .listen(() => {}, { onReady: () => void readyCalls++ })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(/app-level token/);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('refused-do-not-echo');
    expect(readyCalls).toBe(0);
    expect(rig.slack.socketModeConnected).toBe(false);
  });

  it('ends listen on abort while Slack keeps refusing the connection, without onReady', async () => {
    rig = await startRig();
    const slack = rig.slack;
    const { botToken, slackApiUrl } = slack.credentials();
    // A bot token where the app-level one belongs: Slack's client retries that error until stopped.
    const channel = createSlackChannel({ token: botToken, appToken: botToken, slackApiUrl });
    const stop = new AbortController();
    let readyCalls = 0;
    const before = slack.stats.snapshot().requests;
    const listening = channel.listen(() => {}, { signal: stop.signal, onReady: () => void readyCalls++ });
    await until(() => slack.stats.snapshot().requests > before);
    stop.abort();
    await expect(listening).resolves.toBeUndefined();
    expect(readyCalls).toBe(0);
    expect(slack.socketModeConnected).toBe(false);
  });
});

/** Resolves once `condition` holds, checking every few milliseconds (fails after `ms`). */
async function until(condition: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
