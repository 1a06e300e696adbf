import { ConfigError, type InboundEvent } from '@ferry/core';
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
    await new Promise<void>((onListening) => {
      listening = channel.listen(events.handler, { signal, onListening });
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
    await new Promise<void>((onListening) => {
      listening = channel.listen(events.handler, { signal, onListening });
    });
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.sendDm('socket only');
    expect(await events.next('text')).toMatchObject({ text: 'socket only' });

    const request = new Request('http://127.0.0.1/slack/events', { method: 'POST', body: '{}' });
    const refused = channel.handleWebhook(request, events.handler);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/`signingSecret`/);
  });
});
