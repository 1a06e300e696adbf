import { AuthError } from '@ferry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TelegramWorld, until } from './helpers.js';

let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.emulator.stop();
});

describe('listen reports when long polling has started (onReady)', () => {
  it('calls onReady once, before the first update is delivered, even for updates queued earlier', async () => {
    const channel = world.channel();
    const dana = world.emulator.users.create({ firstName: 'Dana', started: true });
    // Telegram keeps updates until a bot fetches them: this one is waiting before polling starts.
    dana.sendText('sent while the bot was offline');
    const seen: string[] = [];
    const stopper = new AbortController();
    const listening = channel.listen(
      (event) => void seen.push(`${event.type}:${'text' in event ? event.text : ''}`),
      {
        signal: stopper.signal,
        onReady: () => void seen.push('ready'),
      },
    );
    try {
      await until(() => seen.length === 2);
      dana.sendText('sent while polling');
      await until(() => seen.length === 3);
      expect(seen).toEqual(['ready', 'text:sent while the bot was offline', 'text:sent while polling']);
    } finally {
      stopper.abort();
      await listening;
    }
    expect(seen.filter((entry) => entry === 'ready')).toHaveLength(1);
  });

  it('never calls onReady when the token is refused: listen rejects instead', async () => {
    const revoked = world.channel({ token: '123456789:AAHrevoked_token_do_not_echo_00000' });
    let readyCalls = 0;
    await expect(revoked.listen(() => {}, { onReady: () => void readyCalls++ })).rejects.toBeInstanceOf(
      AuthError,
    );
    expect(readyCalls).toBe(0);
  });

  it('never calls onReady when stopped before it started', async () => {
    const stopper = new AbortController();
    stopper.abort();
    let readyCalls = 0;
    await world.channel().listen(() => {}, { signal: stopper.signal, onReady: () => void readyCalls++ });
    expect(readyCalls).toBe(0);
  });
});
