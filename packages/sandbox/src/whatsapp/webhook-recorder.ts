import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook POST as the recorder received it. */
export interface RecordedWebhook {
  readonly headers: IncomingHttpHeaders;
  /** The exact bytes received, for signature checks. */
  readonly rawBody: string;
  readonly body: unknown;
}

/**
 * A stand-in for the app's webhook endpoint on 127.0.0.1: answers Meta's verification GET when
 * the token matches and records every POST without checking it (tests check the signature).
 */
export class WhatsAppWebhookRecorder {
  private server: Server | undefined;
  private readonly records: RecordedWebhook[] = [];
  private status = 200;

  constructor(private readonly verifyToken = 'sandbox-verify-token') {}

  /** Starts listening on a free port; resolves with the webhook URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://recorder');
        if (request.method === 'GET') {
          const ok =
            url.searchParams.get('hub.mode') === 'subscribe' &&
            url.searchParams.get('hub.verify_token') === this.verifyToken;
          response.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
          response.end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'Forbidden');
          return;
        }
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = undefined;
        }
        this.records.push({ headers: request.headers, rawBody, body });
        response.writeHead(this.status);
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The HTTP status to answer POSTs with from now on (e.g. 500 to make deliveries fail). */
  respondWith(status: number): void {
    this.status = status;
  }

  /** Every POST received, oldest first. */
  received(): RecordedWebhook[] {
    return [...this.records];
  }

  clear(): void {
    this.records.length = 0;
  }
}
