import type { InboundHandler, Logger } from '@ferry/core';
import { App } from '@slack/bolt';
import { toSlackLogger } from '../format/logger.js';
import type { SlackInbound } from '../webhook/dispatch.js';

/** What Socket Mode needs: the tokens, the API URL, and the shared dispatcher. */
export interface SocketModeOptions {
  readonly token: string;
  readonly appToken: string;
  readonly slackApiUrl?: string;
  readonly command: string;
  readonly inbound: SlackInbound;
  readonly logger: Logger;
}

/**
 * Receives events, interactivity and slash commands over Socket Mode with a Bolt `App`, feeding
 * the same dispatcher as HTTP; resolves when `signal` aborts (after the socket is closed).
 * @see PLATFORMS.md §3.6 "Socket Mode vs HTTP"
 */
export async function listenSocketMode(
  options: SocketModeOptions,
  handler: InboundHandler,
  signal?: AbortSignal,
  onListening?: () => void,
): Promise<void> {
  const app = new App({
    token: options.token,
    appToken: options.appToken,
    socketMode: true,
    logger: toSlackLogger(options.logger, [options.token, options.appToken]),
    ...(options.slackApiUrl === undefined ? {} : { clientOptions: { slackApiUrl: options.slackApiUrl } }),
  });
  const deliver = async (events: readonly Parameters<InboundHandler>[0][]) => {
    for (const event of events) await handler(event);
  };
  app.event(/.*/, async ({ body }) => {
    const dispatched = await options.inbound.event(body as unknown as Record<string, unknown>);
    await dispatched.followUp?.();
    await deliver(dispatched.events);
  });
  app.action(/.*/, async ({ body, ack }) => {
    const dispatched = await options.inbound.interaction(body as unknown as Record<string, unknown>);
    await ack();
    await deliver(dispatched.events);
  });
  app.view(/.*/, async ({ body, ack }) => {
    const dispatched = await options.inbound.interaction(body as unknown as Record<string, unknown>);
    await ack(dispatched.ack as never);
    await deliver(dispatched.events);
  });
  app.command(options.command, async ({ command, ack }) => {
    const dispatched = await options.inbound.command(command as unknown as Record<string, string>);
    await ack(dispatched.ack as never);
    await deliver(dispatched.events);
  });
  if (signal?.aborted) return;
  await app.start();
  onListening?.();
  await new Promise<void>((resolve) => {
    if (signal === undefined) return;
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await app.stop();
}
