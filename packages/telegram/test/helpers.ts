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

/** Resolves once `condition` holds, checking after each turn of the event loop (fails after `ms`). */
export async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A node:http server on 127.0.0.1:0 that hands every request to a web-standard handler. */
export async function serveWebRequests(
  handle: (request: Request) => Promise<Response>,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
      method: incoming.method ?? 'GET',
      headers,
      ...(incoming.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
    });
    const response = await handle(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/telegram`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
