import { RequestMethod } from '@discordjs/rest';
import { type InboundEvent, type InboundHandler, type Logger, redact } from '@ferry/core';
import { Client, Events, GatewayIntentBits, Partials, Routes } from 'discord.js';
import type { DiscordApi } from '../send/api.js';
import type { InteractionPayload } from './interaction-payload.js';
import { answerInteraction, type InteractionContext } from './interactions.js';

/** What {@link listenOnGateway} needs. */
export interface GatewayOptions {
  readonly token: string;
  readonly api?: string;
  readonly signal?: AbortSignal;
  /** Called once the client is connected and ready. */
  readonly onReady?: () => void;
  /** Where a failing handler's reason goes (with `secrets` redacted); nothing else reports it. */
  readonly logger: Logger;
  readonly secrets: readonly string[];
}

/**
 * Receives DM text (and interactions, when no HTTP endpoint is set) through a real discord.js
 * gateway client; resolves when `signal` aborts. DMs need only the DIRECT_MESSAGES intent.
 * @see PLATFORMS.md §4.6 (gateway; intents)
 */
export async function listenOnGateway(
  handler: InboundHandler,
  api: DiscordApi,
  context: InteractionContext,
  options: GatewayOptions,
): Promise<void> {
  if (options.signal?.aborted === true) return;
  // Gateway events have no one to answer: a failure is logged, never left as an unhandled rejection.
  const report = (what: string) => (error: unknown) => {
    options.logger.log('error', `Discord ${what} failed on the gateway`, {
      reason: redact(error instanceof Error ? error.message : String(error), options.secrets),
    });
  };
  const deliver = (event: InboundEvent) => {
    Promise.resolve()
      .then(() => handler(event))
      .catch(report('event handler'));
  };
  const client = new Client({
    intents: [GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    ...(options.api === undefined ? {} : { rest: { api: options.api } }),
  });
  client.on(Events.MessageCreate, (message) => {
    if (message.author.bot || !message.channel.isDMBased()) return;
    const name = message.author.globalName ?? message.author.username;
    deliver({
      channel: 'discord',
      type: 'text',
      text: message.content,
      sender: { id: message.author.id, name, conversationId: message.channelId },
      eventId: message.id,
      at: message.createdTimestamp,
    });
  });
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t !== 'INTERACTION_CREATE') return;
    const interaction = packet.d as InteractionPayload;
    void (async () => {
      const response = await answerInteraction(interaction, handler, context);
      await api.call({
        method: RequestMethod.Post,
        route: Routes.interactionCallback(interaction.id, interaction.token ?? ''),
        body: response,
        key: `interaction:${interaction.id}`,
      });
    })().catch(report('interaction'));
  });
  const stopped = new Promise<void>((resolve) => {
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  // An abort while logging in ends the gateway before it is announced ready.
  client.once(Events.ClientReady, () => {
    if (options.signal?.aborted !== true) options.onReady?.();
  });
  try {
    await client.login(options.token);
    await stopped;
  } finally {
    await client.destroy();
  }
}
