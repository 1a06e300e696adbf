import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, ChannelName, InboundEvent, ListenOptions } from '@ferry/core';
import type { WhatsAppStatus } from '@ferry/whatsapp';
import { sendWebResponse, toWebRequest } from './http.js';
import { routeOf } from './routing.js';
import type { Runtime } from './runtime.js';
import { runtimeChannel } from './runtime.js';

/** How long start-up waits for Telegram polling or the Discord gateway before serving without it. */
const LISTENER_READY_MS = 10_000;

/** One thing the server did, for the log (never a token or a secret). */
export type ServeEvent =
  | {
      readonly type: 'listening';
      readonly url: string;
      readonly routes: readonly string[];
      readonly telegram: 'polling' | 'webhook' | 'off';
      /** Discord DMs (link codes, activity) over the gateway, when a Discord target is set. */
      readonly discord: 'gateway' | 'off';
    }
  | {
      readonly type: 'link';
      readonly channel: ChannelName;
      readonly status: string;
      readonly reason?: string;
    }
  | { readonly type: 'status'; readonly status: string; readonly result: string }
  | { readonly type: 'opt-out'; readonly channel: ChannelName }
  | { readonly type: 'redirect-reply'; readonly target: string; readonly outcome: string }
  | { readonly type: 'error'; readonly route: string; readonly message: string };

/** How to serve. */
export interface ServeOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The clock for the cutoff (after it, WhatsApp messages get the redirect auto-reply). */
  readonly now: () => number;
  readonly onEvent?: (event: ServeEvent) => void;
  /** Telegram updates by long polling (default when no webhook secret is set) or webhook. */
  readonly telegram?: 'polling' | 'webhook';
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** Slack and Discord events acknowledged but not yet linked. */
  pending(): number;
  close(): Promise<void>;
}

/**
 * One HTTP server for every inbound path: the WhatsApp webhook (statuses into the journal, STOP as
 * opt-outs, the post-cutoff auto-reply with the user's own link), Slack events, Discord interactions
 * and OAuth redirect, the Telegram webhook (or long polling), and `/l/<token>` which sends a tapped
 * notice link on to the user's target. Link claims run through the link service, which sends the welcome.
 */
export async function startServer(runtime: Runtime, options: ServeOptions): Promise<RunningServer> {
  const emit = options.onEvent ?? (() => {});
  const { store, plan } = runtime;
  const { applyDeliveryStatus } = await import('@ferry/engine');
  const onStatus = async (status: WhatsAppStatus) => {
    const first = status.errors?.[0];
    const result = await applyDeliveryStatus(store, {
      messageId: status.messageId,
      status: status.status,
      at: status.at,
      ...(status.callbackData === undefined ? {} : { callbackData: status.callbackData }),
      ...(first === undefined
        ? {}
        : { error: { code: first.code, ...(first.title === undefined ? {} : { title: first.title }) } }),
    });
    emit({ type: 'status', status: status.status, result });
  };
  const whatsapp: Channel | undefined =
    runtime.settings.whatsapp === undefined
      ? undefined
      : await runtimeChannel(runtime, 'whatsapp', { whatsAppStatus: onStatus });

  const onTargetEvent = async (event: InboundEvent) => {
    if (runtime.links === undefined) return;
    const outcome = await runtime.links.handle(event);
    if (outcome.status === 'ignored') return;
    emit({
      type: 'link',
      channel: event.channel,
      status: outcome.status,
      ...(outcome.status === 'refused' ? { reason: outcome.reason } : {}),
    });
  };

  // Slack and Discord want an answer within 3 s, so their events are acknowledged at once and linked
  // (with the welcome, paced to the platform) in the background, one after the other.
  let backlog: Promise<void> = Promise.resolve();
  let queued = 0;
  const inBackground = async (event: InboundEvent) => {
    queued++;
    backlog = backlog
      .then(() => onTargetEvent(event))
      .catch((error: unknown) => {
        emit({
          type: 'error',
          route: event.channel,
          message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        });
      })
      .finally(() => {
        queued--;
      });
  };

  const onWhatsAppEvent = async (event: InboundEvent) => {
    // Imported contacts often carry only the phone; a phone account's wa_id is its number's digits.
    const contact =
      (await store.contacts.findByWaId(event.sender.id)) ??
      (await store.contacts.findByPhone(`+${event.sender.id.replace(/\D/g, '')}`));
    if (contact === undefined) return;
    if (event.type === 'stop') {
      await store.consents.append({
        contactId: contact.id,
        kind: 'opt-out',
        channel: 'whatsapp',
        source: 'webhook',
        evidence: `stop ${event.eventId}`,
        ...(event.text === undefined ? {} : { text: event.text }),
        at: event.at,
      });
      emit({ type: 'opt-out', channel: 'whatsapp' });
      return;
    }
    const redirect = plan.redirect;
    if (redirect === undefined || !redirect.afterCutoff || options.now() < plan.cutoff.at) return;
    if (event.type !== 'text' && event.type !== 'choice') return;
    const target = routeOf(plan, contact);
    if (target === 'stay' || whatsapp === undefined) return;
    const issued = runtime.links === undefined ? undefined : await runtime.links.issue(contact.id, target);
    if (issued === undefined && runtime.links !== undefined) return; // opted out: never messaged
    const text = issued === undefined ? redirect.text : `${redirect.text}\n${issued.link}`;
    const outcome = await whatsapp.send(event.sender.id, { text });
    emit({ type: 'redirect-reply', target, outcome: outcome.status });
  };

  const discord = runtime.targets.discord as
    | (Channel & {
        handleOAuthRedirect?: (
          request: Request,
          handler: (event: InboundEvent) => Promise<void>,
        ) => Promise<Response>;
        registerCommands?: () => Promise<void>;
      })
    | undefined;
  if (discord?.registerCommands !== undefined) {
    // `/link <code>` must exist before a user can run it; registering is idempotent.
    await discord.registerCommands().catch((error: unknown) => {
      emit({
        type: 'error',
        route: 'discord commands',
        message: error instanceof Error ? error.message : String(error),
      });
    });
  }
  let telegramMode: 'polling' | 'webhook' | 'off' =
    runtime.targets.telegram === undefined
      ? 'off'
      : (options.telegram ??
        (runtime.settings.telegram?.webhookSecret === undefined ? 'polling' : 'webhook'));

  const routes: Record<string, (request: Request) => Promise<Response>> = {};
  if (whatsapp?.handleWebhook !== undefined) {
    const handle = whatsapp.handleWebhook.bind(whatsapp);
    routes['/whatsapp/webhook'] = (request) => handle(request, onWhatsAppEvent);
  }
  const slack = runtime.targets.slack;
  if (slack?.handleWebhook !== undefined) {
    const handle = slack.handleWebhook.bind(slack);
    routes['/slack/events'] = (request) => handle(request, inBackground);
  }
  if (discord?.handleWebhook !== undefined) {
    const handle = discord.handleWebhook.bind(discord);
    routes['/discord/interactions'] = (request) => handle(request, inBackground);
  }
  if (discord?.handleOAuthRedirect !== undefined && runtime.settings.discord?.redirectUri !== undefined) {
    const handle = discord.handleOAuthRedirect.bind(discord);
    routes['/discord/oauth'] = (request) => handle(request, onTargetEvent);
  }
  const telegram = runtime.targets.telegram;
  if (telegramMode === 'webhook' && telegram?.handleWebhook !== undefined) {
    const handle = telegram.handleWebhook.bind(telegram);
    routes['/telegram/webhook'] = (request) => handle(request, onTargetEvent);
  }
  routes['/healthz'] = async () => new Response('ok\n');

  const tapped = async (token: string): Promise<Response> => {
    const { readLinkTokenId } = await import('@ferry/core');
    const tokenId = readLinkTokenId(token);
    const record = tokenId === undefined ? undefined : await store.linkTokens.findByTokenId(tokenId);
    const channel = record === undefined ? undefined : runtime.targets[record.channel];
    if (channel === undefined)
      return new Response('This link is not valid. Ask for a new one on WhatsApp.\n', { status: 404 });
    return new Response(null, { status: 302, headers: { location: channel.inviteLink(token) } });
  };

  const server = createServer((incoming, outgoing) => {
    const path = (incoming.url ?? '/').split('?')[0] ?? '/';
    void (async () => {
      try {
        const request = await toWebRequest(incoming, 'http://localhost');
        const route = routes[path];
        const response =
          route !== undefined
            ? await route(request)
            : path.startsWith('/l/') && incoming.method === 'GET'
              ? await tapped(decodeURIComponent(path.slice(3)))
              : new Response('not found\n', { status: 404 });
        await sendWebResponse(response, outgoing);
      } catch (error) {
        emit({
          type: 'error',
          route: path,
          message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        });
        if (!outgoing.headersSent) outgoing.writeHead(500).end('internal error\n');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;

  const polling = new AbortController();
  const startListener = (route: string, listen: (options: ListenOptions) => Promise<void>) =>
    listenUntilReady(route, listen, polling.signal, emit);
  let telegramDone: Promise<unknown> = Promise.resolve();
  const pollTelegram = telegram?.listen?.bind(telegram);
  if (telegramMode === 'polling' && pollTelegram !== undefined) {
    // A wrong token or a webhook still set shows here, before the server says it listens.
    const started = await startListener('telegram polling', (listen) => pollTelegram(onTargetEvent, listen));
    telegramDone = started.done;
    if (!started.running) telegramMode = 'off';
  }
  // Discord delivers DMs (a pasted code, a linked user's first message) only over the gateway;
  // they join the same one-after-the-other backlog as the HTTP events.
  let discordMode: 'gateway' | 'off' = 'off';
  const openGateway = discord?.listen?.bind(discord);
  if (openGateway !== undefined) {
    const started = await startListener('discord gateway', (listen) => openGateway(inBackground, listen));
    discordMode = started.running ? 'gateway' : 'off';
  }
  emit({
    type: 'listening',
    url,
    routes: [...Object.keys(routes), '/l/<token>'],
    telegram: telegramMode,
    discord: discordMode,
  });
  return {
    url,
    server,
    pending: () => queued,
    close: async () => {
      polling.abort();
      await telegramDone;
      // The Discord gateway stops on the same abort; its client's teardown is not awaited (it can
      // outlast the process's last work, and nothing depends on it).
      await backlog;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts a long-lived listener (Telegram polling, the Discord gateway) and waits until it is ready,
 * fails, or `LISTENER_READY_MS` pass (then it goes on connecting in the background, with an error
 * line saying so). Not running means it failed or stopped at once: its error is already emitted.
 */
async function listenUntilReady(
  route: string,
  listen: (options: ListenOptions) => Promise<void>,
  signal: AbortSignal,
  emit: (event: ServeEvent) => void,
): Promise<{ readonly running: boolean; readonly done: Promise<unknown> }> {
  let ready: () => void = () => {};
  const connected = new Promise<'ready'>((resolve) => (ready = () => resolve('ready')));
  const done = listen({ signal, onReady: () => ready() }).then(
    () => 'stopped' as const,
    (error: unknown) => {
      emit({ type: 'error', route, message: error instanceof Error ? error.message : String(error) });
      return 'failed' as const;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), LISTENER_READY_MS);
  });
  const first = await Promise.race([connected, done, late]);
  clearTimeout(timer);
  if (first === 'late') emit({ type: 'error', route, message: 'not ready yet; it goes on connecting' });
  return { running: first === 'ready' || first === 'late', done };
}
