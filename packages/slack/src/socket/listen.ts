import { AuthError, type InboundHandler, type ListenOptions, type Logger } from '@ferry/core';
import { App } from '@slack/bolt';
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
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
 * `apps.connections.open` errors that mean the app-level token itself is refused and on which the
 * Socket Mode client gives up (it retries any other error, `token_revoked` included, until stopped).
 */
const APP_TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive']);

/** An `AuthError` naming the app-level token when Slack refused it, else `error` unchanged. */
function startError(error: unknown): unknown {
  const platform = error as Partial<WebAPIPlatformError> | null;
  const slackError = platform?.code === ErrorCode.PlatformError ? platform.data?.error : undefined;
  if (slackError === undefined || !APP_TOKEN_REFUSED.has(slackError)) return error;
  return new AuthError(`Slack refused the app-level token for Socket Mode (${slackError}).`, {
    hint: 'Check the app-level token (xapp-…) and that it has the connections:write scope.',
  });
}

/**
 * Receives events, interactivity and slash commands over Socket Mode with a Bolt `App`, feeding
 * the same dispatcher as HTTP; `onReady` fires once, when `app.start()` resolved (Slack's `hello`
 * arrived on the socket, not again on reconnects); resolves when `signal` aborts (after the socket
 * is closed).
 * @see PLATFORMS.md §3.6 "Socket Mode vs HTTP"
 */
export async function listenSocketMode(
  options: SocketModeOptions,
  handler: InboundHandler,
  listenOptions: ListenOptions = {},
): Promise<void> {
  const { signal, onReady } = listenOptions;
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
  const stopped = new Promise<'stopped'>((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve('stopped');
    signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  // The client retries most connection errors for ever: an abort must end a start still under way.
  const starting = app.start().then(() => 'started' as const);
  starting.catch(() => undefined);
  let state: 'started' | 'stopped';
  try {
    state = await Promise.race([starting, stopped]);
  } catch (error) {
    throw startError(error);
  }
  if (state === 'started') {
    onReady?.();
    await stopped;
  }
  await app.stop().catch(() => undefined);
}
