import type { InboundEvent } from '@ferry/core';
import { DiscordEmulator } from '@ferry/sandbox';
import { createDiscordChannel, type DiscordChannel, type DiscordChannelConfig } from '../../src/index.js';
import { type Served, serve } from './serve.js';

/** A running emulator, a channel pointed at it, its interactions endpoint, and the events received. */
export interface DiscordRig {
  readonly emulator: DiscordEmulator;
  readonly channel: DiscordChannel;
  readonly events: InboundEvent[];
  readonly endpoint: Served;
  close(): Promise<void>;
}

/** Starts the emulator and an interactions endpoint served by the channel's `handleWebhook`, saved with Discord's PING check. */
export async function startRig(
  overrides: Partial<DiscordChannelConfig> = {},
  emulatorOptions: ConstructorParameters<typeof DiscordEmulator>[0] = {},
): Promise<DiscordRig> {
  const emulator = new DiscordEmulator({ gateway: false, ...emulatorOptions });
  await emulator.start();
  const credentials = emulator.credentials();
  const channel = createDiscordChannel({
    token: credentials.botToken,
    applicationId: credentials.applicationId,
    publicKey: credentials.publicKey,
    api: credentials.api,
    oauth: {
      clientSecret: 'oauth-client-secret-for-tests',
      redirectUri: 'https://ferry.example/discord/oauth',
    },
    ...overrides,
  });
  const events: InboundEvent[] = [];
  const endpoint = await serve((request) =>
    channel.handleWebhook(request, (event) => {
      events.push(event);
    }),
  );
  await emulator.setInteractionsUrl(`${endpoint.url}/interactions`);
  return {
    emulator,
    channel,
    events,
    endpoint,
    close: async () => {
      await endpoint.close();
      await emulator.stop();
    },
  };
}
