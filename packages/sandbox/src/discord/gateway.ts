import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { GatewayDispatcher } from './interactions.js';
import type { JsonObject } from './json.js';

/** Gateway opcodes the minimal gateway speaks. @see PLATFORMS.md §4.6 */
export const GatewayOpcodes = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  resume: 6,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
} as const;

/** Heartbeat interval announced in HELLO, as Discord does (41.25 s). */
const HEARTBEAT_INTERVAL_MS = 41_250;

interface Session {
  readonly socket: WebSocket;
  identified: boolean;
  sequence: number;
  readonly sessionId: string;
}

/** What the gateway needs to know about the bot. */
export interface GatewayIdentity {
  readonly token: string;
  /** The READY payload (without session id and URLs, which the gateway adds). */
  ready(): JsonObject;
}

/**
 * A minimal Discord gateway on its own loopback port: HELLO, IDENTIFY -> READY (4004 on a wrong
 * token, 4013 without intents), heartbeat ACK, and dispatches (MESSAGE_CREATE, INTERACTION_CREATE)
 * to identified sessions. No resume, no compression, no sharding.
 * @see PLATFORMS.md §4.6
 */
export class DiscordGateway implements GatewayDispatcher {
  private server: WebSocketServer | undefined;
  private readonly sessions = new Set<Session>();
  private address: string | undefined;

  constructor(private readonly identity: GatewayIdentity) {}

  /** `ws://host:port` once started. */
  get url(): string {
    if (this.address === undefined) throw new Error('The gateway is not started.');
    return this.address;
  }

  /** `ws://host:port`, or undefined before start. */
  get urlIfStarted(): string | undefined {
    return this.address;
  }

  /** Whether at least one bot session has identified. */
  get connected(): boolean {
    for (const session of this.sessions) if (session.identified) return true;
    return false;
  }

  async start(host: string): Promise<string> {
    const server = new WebSocketServer({ host, port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
    server.on('connection', (socket) => this.accept(socket));
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.address = `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return this.address;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.address = undefined;
    for (const session of this.sessions) session.socket.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sends a dispatch (op 0) to every identified session. */
  dispatch(event: string, data: unknown): void {
    for (const session of this.sessions) {
      if (!session.identified) continue;
      session.sequence++;
      this.send(session, { op: GatewayOpcodes.dispatch, t: event, s: session.sequence, d: data });
    }
  }

  private accept(socket: WebSocket): void {
    const session: Session = {
      socket,
      identified: false,
      sequence: 0,
      sessionId: randomUUID().replaceAll('-', ''),
    };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('message', (raw) => this.receive(session, raw));
    this.send(session, {
      op: GatewayOpcodes.hello,
      d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS },
      s: null,
      t: null,
    });
  }

  private receive(session: Session, raw: RawData): void {
    let frame: unknown;
    try {
      frame = JSON.parse(String(raw));
    } catch {
      session.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { op, d } = frame as { op?: unknown; d?: unknown };
    if (op === GatewayOpcodes.heartbeat) {
      this.send(session, { op: GatewayOpcodes.heartbeatAck, d: null, s: null, t: null });
    } else if (op === GatewayOpcodes.identify) {
      this.identify(session, d);
    } else if (op === GatewayOpcodes.resume) {
      this.send(session, { op: GatewayOpcodes.invalidSession, d: false, s: null, t: null });
    }
  }

  private identify(session: Session, data: unknown): void {
    const payload = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const token = String(payload['token'] ?? '').replace(/^Bot\s+/i, '');
    if (token !== this.identity.token) {
      session.socket.close(4004, 'Authentication failed.');
      return;
    }
    if (typeof payload['intents'] !== 'number') {
      session.socket.close(4013, 'Invalid intent(s).');
      return;
    }
    session.identified = true;
    session.sequence++;
    this.send(session, {
      op: GatewayOpcodes.dispatch,
      t: 'READY',
      s: session.sequence,
      d: {
        ...this.identity.ready(),
        session_id: session.sessionId,
        resume_gateway_url: this.url,
        shard: [0, 1],
      },
    });
  }

  private send(session: Session, frame: JsonObject): void {
    session.socket.send(JSON.stringify(frame));
  }
}
