import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundEvent } from '@ferry/core';
import { WhatsAppEmulator, type WhatsAppEmulatorOptions } from '@ferry/sandbox';
import {
  createWhatsAppChannel,
  type WhatsAppChannel,
  type WhatsAppChannelConfig,
  type WhatsAppStatus,
  whatsAppSignature,
} from '../src/index.js';

/** Pacing for tests: the emulator allows 45-message bursts per user, so the pair rate is not the bottleneck. */
export const TEST_PACING = {
  global: { perSecond: 80 },
  perKey: { limit: 40, windowMs: 6_000, burst: 40 },
} as const;

/** A running emulator, a channel on it, and an HTTP server forwarding webhooks to `handleWebhook`. */
export interface WhatsAppRig {
  readonly whatsapp: WhatsAppEmulator;
  channel: WhatsAppChannel;
  readonly events: InboundEvent[];
  readonly statuses: WhatsAppStatus[];
  readonly webhookUrl: string;
  /** A POST of `body` to the channel's webhook, signed with the app secret as Meta signs it. */
  signedRequest(body: string): Request;
  /** Replaces the channel the server forwards to (same emulator, config overrides). */
  useChannel(config?: Partial<WhatsAppChannelConfig>): WhatsAppChannel;
  /** A channel on the emulator that the server does not forward to. */
  makeChannel(config?: Partial<WhatsAppChannelConfig>): WhatsAppChannel;
  /** A user who wrote first, so their 24 h window is open. */
  user(name?: string): Promise<string>;
  /** Events received from now on. */
  collect(): InboundEvent[];
  close(): Promise<void>;
}

let phoneCounter = 0;

/** A fresh phone number for a simulated user. */
export function nextPhone(): string {
  phoneCounter++;
  return `+1 631 555 ${String(1000 + phoneCounter).padStart(4, '0')}`;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the emulator and a node:http server on 127.0.0.1:0 serving the channel's webhook. */
export async function startRig(
  options: WhatsAppEmulatorOptions = {},
  config: Partial<WhatsAppChannelConfig> = {},
): Promise<WhatsAppRig> {
  const whatsapp = new WhatsAppEmulator({
    ...options,
    limits: { ...options.limits, pairRate: { burst: 45, ...options.limits?.pairRate } },
  });
  await whatsapp.start();
  const credentials = whatsapp.credentials();
  const events: InboundEvent[] = [];
  const statuses: WhatsAppStatus[] = [];
  let sink: InboundEvent[] = events;
  const make = (extra: Partial<WhatsAppChannelConfig> = {}) =>
    createWhatsAppChannel({
      accessToken: credentials.accessToken,
      phoneNumberId: credentials.phoneNumberId,
      wabaId: credentials.wabaId,
      appSecret: credentials.appSecret,
      verifyToken: credentials.verifyToken,
      graphBaseUrl: credentials.graphBaseUrl,
      version: credentials.version,
      displayPhoneNumber: whatsapp.account.displayPhoneNumber,
      pacing: TEST_PACING,
      statusHandler: (status) => {
        statuses.push(status);
      },
      ...config,
      ...extra,
    });
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const method = request.method ?? 'POST';
    const answer = await rig.channel.handleWebhook(
      new Request(`http://127.0.0.1${request.url ?? '/'}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      }),
      (event) => {
        events.push(event);
        if (sink !== events) sink.push(event);
      },
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/whatsapp`;
  whatsapp.setWebhookUrl(webhookUrl);
  const rig: WhatsAppRig = {
    whatsapp,
    channel: make(),
    events,
    statuses,
    webhookUrl,
    signedRequest: (body) =>
      new Request(webhookUrl, {
        method: 'POST',
        headers: { 'x-hub-signature-256': whatsAppSignature(body, whatsapp.credentials().appSecret) },
        body,
      }),
    useChannel(extra) {
      rig.channel = make(extra);
      return rig.channel;
    },
    makeChannel: make,
    async user(name) {
      const user = whatsapp.users.create({ phone: nextPhone(), ...(name === undefined ? {} : { name }) });
      await user.sendText('hi');
      return user.waId;
    },
    collect() {
      sink = [];
      return sink;
    },
    async close() {
      await whatsapp.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return rig;
}
