import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SlackDelivery } from './types.js';

/** Envelope types Slack sends over Socket Mode. @see PLATFORMS.md §3.6 */
export type SocketEnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** How long the emulator waits for an envelope's ack before failing the delivery (Slack: 3 s, then retries). */
const ackTimeoutMs = 10_000;

interface PendingAck {
  readonly resolve: (delivery: SlackDelivery) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The Socket Mode side of the emulator: `apps.connections.open` hands out a one-time `ws://` URL; the app
 * connects, gets `hello`, and every delivery becomes an envelope the app must ack with its `envelope_id`.
 * @see PLATFORMS.md §3.6
 */
export class SlackSocketModeServer {
  private server: WebSocketServer | undefined;
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, PendingAck>();
  private counter = 0;

  constructor(
    private readonly host: string,
    private readonly appId: string,
  ) {}

  /** Whether an app is connected (deliveries then go over the socket instead of HTTP). */
  get connected(): boolean {
    return this.sockets.size > 0;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new WebSocketServer({ host: this.host, port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
    server.on('connection', (socket, request) => this.accept(socket, request.url ?? '/'));
    this.server = server;
  }

  /** A fresh single-use WebSocket URL, as `apps.connections.open` returns. */
  issueUrl(): string {
    if (!this.server) throw new Error('Socket Mode is not started.');
    const { port } = this.server.address() as AddressInfo;
    this.counter++;
    const ticket = `ticket-${this.counter}-${Date.now().toString(36)}`;
    this.tickets.add(ticket);
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `ws://${host}:${port}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** Sends one envelope to the connected app and resolves with its ack (`payload` as the JSON body). */
  send(type: SocketEnvelopeType, payload: unknown, acceptsResponsePayload: boolean): Promise<SlackDelivery> {
    const [socket] = this.sockets;
    if (!socket) return Promise.reject(new Error('No Socket Mode connection is open.'));
    this.counter++;
    const envelopeId = `envelope-${this.counter}`;
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: acceptsResponsePayload,
      ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
    };
    return new Promise<SlackDelivery>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`The app did not ack envelope ${envelopeId}.`));
      }, ackTimeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
      socket.send(JSON.stringify(envelope));
    });
  }

  async stop(): Promise<void> {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('The emulator stopped.'));
      this.pending.delete(id);
    }
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Closes the current connections (the app reconnects through `apps.connections.open`). */
  disconnectAll(): void {
    for (const socket of this.sockets) socket.close(1000, 'disconnect');
  }

  private accept(socket: WebSocket, url: string): void {
    const ticket = new URL(url, 'ws://sandbox').searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.close(1008, 'invalid ticket');
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'ferry-sandbox', approximate_connection_time: 3600 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  private onMessage(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as { envelope_id?: unknown; payload?: unknown };
    } catch {
      return;
    }
    const envelopeId = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
    const pending = envelopeId === undefined ? undefined : this.pending.get(envelopeId);
    if (!pending || envelopeId === undefined) return;
    clearTimeout(pending.timer);
    this.pending.delete(envelopeId);
    const body = message.payload === undefined ? '' : JSON.stringify(message.payload);
    pending.resolve({ status: 200, headers: {}, body, json: message.payload });
  }
}
