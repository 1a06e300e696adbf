import type { InboundEvent, LogLevel } from '@ferry/core';
import { DiscordEmulator } from '@ferry/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordChannel, type DiscordChannel } from '../src/index.js';

let emulator: DiscordEmulator;
let channel: DiscordChannel;
const stop = new AbortController();
let listening: Promise<void>;
const waiters: ((event: InboundEvent) => void)[] = [];
const logged: [LogLevel, string, unknown][] = [];

function nextEvent(): Promise<InboundEvent> {
  return new Promise((resolve) => waiters.push(resolve));
}

beforeAll(async () => {
  emulator = new DiscordEmulator();
  await emulator.start();
  const credentials = emulator.credentials();
  channel = createDiscordChannel({
    token: credentials.botToken,
    applicationId: credentials.applicationId,
    publicKey: credentials.publicKey,
    api: credentials.api,
    logger: { log: (level, message, fields) => void logged.push([level, message, fields]) },
  });
  await new Promise<void>((ready, failed) => {
    listening = channel.listen(
      (event) => {
        if (event.type === 'text' && event.text === 'explode') throw new Error('the store is down');
        waiters.shift()?.(event);
      },
      { signal: stop.signal, onReady: ready },
    );
    listening.catch(failed);
  });
});

afterAll(async () => {
  stop.abort();
  await listening;
  await emulator.stop();
});

describe('the gateway client (real discord.js)', () => {
  it('turns a DM into a text event with the sender and their DM channel', async () => {
    const user = emulator.users.create({ username: 'Ada' });
    const event = nextEvent();
    const dm = user.sendDm('Hello from Discord');
    expect(dm.deliveredViaGateway).toBe(true);
    expect(await event).toMatchObject({
      channel: 'discord',
      type: 'text',
      text: 'Hello from Discord',
      sender: { id: user.id, conversationId: dm.message.channel_id },
      eventId: dm.message.id,
    });
  });

  it('a handler that fails is logged and the gateway keeps delivering', async () => {
    const user = emulator.users.create({ username: 'Linus' });
    const next = nextEvent();
    user.sendDm('explode');
    user.sendDm('still here');
    expect(await next).toMatchObject({ type: 'text', text: 'still here' });
    expect(logged).toContainEqual([
      'error',
      'Discord event handler failed on the gateway',
      { reason: 'the store is down' },
    ]);
  });

  it('answers a button press dispatched over the gateway through the callback endpoint', async () => {
    const user = emulator.users.create({ username: 'Grace' });
    const outcome = await channel.send(user.id, {
      text: 'Pick one',
      buttons: [{ kind: 'reply', id: 'yes', title: 'Yes' }],
    });
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    const event = nextEvent();
    const delivery = await user.pressButton(outcome.id, 'yes');
    expect(await event).toMatchObject({ type: 'choice', id: 'yes', title: 'Yes', sender: { id: user.id } });
    expect(delivery).toMatchObject({ via: 'gateway', response: { type: 6 } });
  });
});
