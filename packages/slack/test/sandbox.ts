import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundEvent, InboundHandler } from '@ferry/core';
import { SlackEmulator, type SlackEmulatorOptions } from '@ferry/sandbox';
import { createSlackChannel, type SlackChannel, type SlackChannelConfig } from '../src/index.js';

/** Test pacing under the emulator: 3 per 3 s per channel (plus 200 ms for request latency), 100/min workspace as the emulator. */
export const SANDBOX_PACING = {
  global: { limit: 100, windowMs: 60_000, burst: 50 },
  perKey: { limit: 3, windowMs: 3_200, burst: 3 },
} as const;

/** A running emulator, a channel on it, and an HTTP server forwarding deliveries to `handleWebhook`. */
export interface SlackRig {
  readonly slack: SlackEmulator;
  channel: SlackChannel;
  readonly events: InboundEvent[];
  /** Replaces the channel served (same emulator, new config). */
  useChannel(config?: Partial<SlackChannelConfig>): SlackChannel;
  /** The last delivery the app's server received, to replay it byte for byte. */
  lastDelivery?: { readonly url: string; readonly headers: Headers; readonly body: Buffer };
  /** POSTs a delivery to the app's server and returns the HTTP status. */
  deliver(delivery: {
    readonly url: string;
    readonly headers: Headers;
    readonly body: Buffer;
  }): Promise<number>;
  /** Events received from now on. */
  collect(): InboundEvent[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the emulator and a node:http server on 127.0.0.1:0 serving the channel's webhook. */
export async function startRig(
  options: SlackEmulatorOptions = {},
  config: Partial<SlackChannelConfig> = {},
): Promise<SlackRig> {
  const slack = new SlackEmulator(options);
  await slack.start();
  const credentials = slack.credentials();
  const events: InboundEvent[] = [];
  let sink: InboundEvent[] = events;
  const handler: InboundHandler = (event) => {
    events.push(event);
    if (sink !== events) sink.push(event);
  };
  const make = (extra: Partial<SlackChannelConfig> = {}) =>
    createSlackChannel({
      token: credentials.botToken,
      signingSecret: credentials.signingSecret,
      slackApiUrl: credentials.slackApiUrl,
      appToken: credentials.appToken,
      pacing: SANDBOX_PACING,
      ...config,
      ...extra,
    });
  let port = 0;
  const rig: SlackRig = {
    slack,
    channel: make(),
    events,
    useChannel(extra) {
      rig.channel = make(extra);
      return rig.channel;
    },
    async deliver(delivery) {
      const headers = new Headers();
      for (const [name, value] of delivery.headers) {
        if (name.startsWith('x-slack-') || name === 'content-type') headers.set(name, value);
      }
      const answer = await fetch(`http://127.0.0.1:${port}${delivery.url}`, {
        method: 'POST',
        headers,
        body: delivery.body,
      });
      await answer.arrayBuffer();
      return answer.status;
    },
    collect() {
      sink = [];
      return sink;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slack.stop();
    },
  };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    rig.lastDelivery = { url: request.url ?? '/', headers, body };
    const answer = await rig.channel.handleWebhook(
      new Request(`http://127.0.0.1${request.url ?? '/'}`, {
        method: request.method ?? 'POST',
        headers,
        body,
      }),
      handler,
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  slack.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
  return rig;
}
