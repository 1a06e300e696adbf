import { hmacSha256Hex } from '../shared/signing.js';
import type { StatusDelivery, WebhookDelivery, WebhookEnvelope } from './types.js';

/** Where and how webhooks are POSTed. */
export interface WebhookDispatcherOptions {
  readonly url: () => string | undefined;
  readonly appSecret: string;
  readonly mode: StatusDelivery;
  readonly timeoutMs: number;
}

interface Pending {
  readonly body: WebhookEnvelope;
  readonly rawBody: string;
  readonly signature: string;
  attempts: number;
}

/**
 * POSTs signed webhooks to the app, one at a time and in order. Status webhooks are queued: sent
 * at once in `immediate` mode, on `flush()` in `manual` mode. A delivery the app did not accept
 * with a 2xx is kept and tried again on the next `flush()` (Meta retries for days).
 * @see PLATFORMS.md §1.1 "Signature", "Webhook retries"
 */
export class WebhookDispatcher {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly queue: Pending[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  /** Queues a status webhook; in `immediate` mode it is POSTed right away, after those in flight. */
  enqueue(body: WebhookEnvelope): void {
    const pending = this.prepare(body);
    if (this.options.mode === 'immediate') void this.post(pending);
    else this.queue.push(pending);
  }

  /** POSTs a webhook now (after those in flight), bypassing the manual queue: user actions use this. */
  send(body: WebhookEnvelope): Promise<WebhookDelivery> {
    return this.post(this.prepare(body));
  }

  /** POSTs everything queued (and retries failed deliveries), then waits until nothing is in flight. */
  async flush(): Promise<WebhookDelivery[]> {
    await this.chain;
    const batch = this.queue.splice(0);
    const results: WebhookDelivery[] = [];
    for (const pending of batch) results.push(await this.post(pending));
    return results;
  }

  /** Resolves when no webhook is in flight (queued `manual` ones stay queued). */
  async idle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  /** Webhooks waiting for `flush()` (manual mode, or failed deliveries to retry). */
  pending(): number {
    return this.queue.length;
  }

  /** Every delivery attempt so far, in order. */
  log(): WebhookDelivery[] {
    return [...this.deliveries];
  }

  clear(): void {
    this.queue.length = 0;
    this.deliveries.length = 0;
  }

  private prepare(body: WebhookEnvelope): Pending {
    const rawBody = JSON.stringify(body);
    return {
      body,
      rawBody,
      signature: `sha256=${hmacSha256Hex(this.options.appSecret, rawBody)}`,
      attempts: 0,
    };
  }

  private post(pending: Pending): Promise<WebhookDelivery> {
    const result = this.chain.then(() => this.attempt(pending));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async attempt(pending: Pending): Promise<WebhookDelivery> {
    pending.attempts++;
    const url = this.options.url();
    let status: number | undefined;
    let error: string | undefined;
    if (url === undefined) {
      error = 'no webhook URL';
    } else {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'facebookexternalua',
            'x-hub-signature-256': pending.signature,
          },
          body: pending.rawBody,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
    }
    const delivery: WebhookDelivery = {
      body: pending.body,
      rawBody: pending.rawBody,
      signature: pending.signature,
      attempts: pending.attempts,
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { error }),
    };
    this.deliveries.push(delivery);
    if (status === undefined || status < 200 || status >= 300) this.queue.push(pending);
    return delivery;
  }
}
