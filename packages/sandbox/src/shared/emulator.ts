import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type SandboxClock, wallClock } from './clock.js';
import { FaultInjector, type FaultKind, type FaultOptions } from './faults.js';
import { Ledger } from './ledger.js';
import { Stats } from './stats.js';

/** One request as an emulator's router sees it. */
export interface EmulatorRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/bot123:abc/sendMessage`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: Buffer;
}

/** What the router answers. A non-string body is sent as JSON. */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Options every emulator takes. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Host to bind; default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Time source for limits, ledgers and stats (default: the wall clock). */
  readonly clock?: SandboxClock;
  /** Random faults from a seed; more can be scheduled later with `faults.schedule`. */
  readonly faults?: FaultOptions;
}

/**
 * The HTTP skeleton of an emulator: a loopback `node:http` server with keep-alive, a ledger of
 * accepted messages, traffic stats and seeded fault injection. Subclasses route requests and say
 * which ones are "sends" (subject to faults) and how the platform shapes a 429 or a 5xx.
 */
export abstract class Emulator {
  readonly ledger = new Ledger();
  readonly stats: Stats;
  readonly faults: FaultInjector;
  protected readonly clock: SandboxClock;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private url: string | undefined;
  private readonly port: number;
  private readonly host: string;

  constructor(options: EmulatorOptions = {}) {
    this.clock = options.clock ?? wallClock;
    this.stats = new Stats(this.clock, (scope) => this.tracksPeak(scope));
    this.faults = new FaultInjector(options.faults);
    this.port = options.port ?? 0;
    this.host = options.host ?? '127.0.0.1';
  }

  /** `http://127.0.0.1:PORT` once started. */
  get baseUrl(): string {
    if (this.url === undefined) throw new Error('The emulator is not started: call start() first.');
    return this.url;
  }

  /** Starts listening; resolves with the base URL. Calling it twice returns the same URL. */
  async start(): Promise<string> {
    if (this.url !== undefined) return this.url;
    const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: String(error) }));
        }
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.url = `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${address.port}`;
    await this.onStarted();
    return this.url;
  }

  /** Stops the server and closes every open connection. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.url = undefined;
    await this.onStopping();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Clears the ledger, stats, faults and per-emulator state (users, limits). */
  reset(): void {
    this.ledger.clear();
    this.stats.reset();
    this.faults.clear();
    this.onReset();
  }

  /** Routes one request. */
  protected abstract route(request: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse;

  /** The API method name or route used for faults and stats (e.g. `sendMessage`). */
  protected abstract methodOf(request: EmulatorRequest): string;

  /** Whether random faults may hit this request (by default: the message sends). */
  protected abstract isFaultEligible(method: string, request: EmulatorRequest): boolean;

  /** The platform's answer for an injected 429 or 5xx. */
  protected abstract faultResponse(
    kind: 'rate-limit' | 'server-error',
    retryAfterMs: number,
    request: EmulatorRequest,
  ): EmulatorResponse;

  /** Which stats scopes keep a sliding-second peak (default: all). */
  protected tracksPeak(_scope: string): boolean {
    return true;
  }

  protected async onStarted(): Promise<void> {}
  protected async onStopping(): Promise<void> {}
  protected onReset(): void {}

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody: Buffer.concat(chunks),
    };
    this.stats.request();
    const method = this.methodOf(request);
    const delay = this.faults.latency();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = this.faults.decide(method, this.isFaultEligible(method, request));
    if (fault) this.stats.fault(fault.kind);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault && (fault.kind === 'rate-limit' || fault.kind === 'server-error')) {
      this.write(res, this.faultResponse(fault.kind, fault.retryAfterMs, request));
      return;
    }
    const response = await this.route(request);
    if (fault?.kind === 'drop-response') {
      req.socket.destroy();
      return;
    }
    this.write(res, response);
  }

  private write(res: ServerResponse, response: EmulatorResponse): void {
    const isText = typeof response.body === 'string';
    const payload =
      response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
    res.writeHead(response.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
      'content-length': Buffer.byteLength(payload),
      ...response.headers,
    });
    res.end(payload);
  }
}

/** Parses a JSON or form-encoded body into a plain object (Slack sends form fields with JSON values). */
export function parseBody(request: EmulatorRequest): Record<string, unknown> {
  const type = String(request.headers['content-type'] ?? '');
  const text = request.rawBody.toString('utf8');
  if (text.length === 0) return Object.fromEntries(request.query);
  if (type.includes('application/json')) {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  }
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

export type { FaultKind };
