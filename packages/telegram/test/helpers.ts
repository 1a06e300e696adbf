import type { InboundEvent } from '@ferry/core';
import { TelegramEmulator, type TelegramEmulatorOptions } from '@ferry/sandbox';
import type { Update } from 'grammy/types';
import { createTelegramChannel, type TelegramChannel } from '../src/index.js';
import type { TelegramChannelConfig } from '../src/types.js';

/** A running emulator and a channel factory pointed at it. */
export interface TelegramWorld {
  readonly emulator: TelegramEmulator;
  channel(overrides?: Partial<TelegramChannelConfig>): TelegramChannel;
}

/** Starts an emulator on 127.0.0.1:0. */
export async function startWorld(options: TelegramEmulatorOptions = {}): Promise<TelegramWorld> {
  const emulator = new TelegramEmulator(options);
  await emulator.start();
  const { token, apiRoot, username } = emulator.credentials();
  return {
    emulator,
    channel: (overrides = {}) => createTelegramChannel({ token, apiRoot, username, ...overrides }),
  };
}

/** Feeds an update the emulator queued to the channel and returns the events it produced. */
export async function eventsFor(channel: TelegramChannel, update: unknown): Promise<InboundEvent[]> {
  const events: InboundEvent[] = [];
  await channel.handleUpdate(update as Update, (event) => {
    events.push(event);
  });
  return events;
}
