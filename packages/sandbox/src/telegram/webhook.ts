import type { TelegramUpdate } from './types.js';
import type { UpdateQueue } from './updates.js';

/** A webhook as set by setWebhook. */
export interface WebhookConfig {
  readonly url: string;
  readonly secretToken: string | undefined;
  readonly maxConnections: number;
}

/** How deliveries are retried. */
export interface TelegramWebhookOptions {
  /** Attempts per update before it is dropped (default 3). */
  readonly maxAttempts?: number;
  /** Wait between attempts in ms (default 1000). */
  readonly retryDelayMs?: number;
  /** Per-attempt timeout in ms (default 10000). */
  readonly timeoutMs?: number;
}

/** One POST the emulator made to the webhook. */
export interface TelegramWebhookAttempt {
  readonly updateId: number;
  readonly status: number | undefined;
  readonly error: string | undefined;
}

/** A method call the bot put in its webhook response body (Telegram executes it). */
export type WebhookReply = (method: string, params: Record<string, unknown>) => Promise<void>;

/** The header Telegram sends the secret in. @see PLATFORMS.md §2.6 */
export const secretTokenHeader = 'X-Telegram-Bot-Api-Secret-Token';

/**
 * Delivers pending updates to the webhook one at a time, in order, with the secret header;
 * non-2xx answers are retried a few times and then the update is dropped, as Telegram does.
 * @see PLATFORMS.md §2.6
 */
export class WebhookDelivery {
  private config: WebhookConfig | undefined;
  private running: Promise<void> | undefined;
  private readonly unsubscribe: () => void;
  private readonly log: TelegramWebhookAttempt[] = [];
  private generation = 0;
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly options: TelegramWebhookOptions,
    private readonly unixNow: () => number,
    private readonly onReply: WebhookReply,
  ) {
    this.unsubscribe = queue.onPush(() => this.kick());
  }

  get current(): WebhookConfig | undefined {
    return this.config;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.generation++;
    this.lastErrorDate = undefined;
    this.lastErrorMessage = undefined;
    this.kick();
  }

  clear(): void {
    this.config = undefined;
    this.generation++;
  }

  /** Every POST made so far. */
  attempts(): readonly TelegramWebhookAttempt[] {
    return this.log;
  }

  /** Resolves once nothing is being delivered (every pending update delivered or dropped). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  dispose(): void {
    this.unsubscribe();
    this.clear();
  }

  reset(): void {
    this.clear();
    this.log.length = 0;
    this.lastErrorDate = undefined;
    this.lastErrorMessage = undefined;
  }

  private kick(): void {
    if (this.config === undefined || this.running !== undefined) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (;;) {
      const config = this.config;
      const generation = this.generation;
      const update = this.queue.read(1)[0];
      if (config === undefined || update === undefined) return;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const delivered = await this.post(config, update);
        if (generation !== this.generation) break;
        if (delivered || attempt === maxAttempts) {
          this.queue.remove(update.update_id);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }

  private async post(config: WebhookConfig, update: TelegramUpdate): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (config.secretToken !== undefined) headers[secretTokenHeader] = config.secretToken;
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const body = await response.text();
      this.log.push({ updateId: update.update_id, status: response.status, error: undefined });
      if (response.ok) {
        await this.runReply(body);
        return true;
      }
      this.fail(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.push({ updateId: update.update_id, status: undefined, error: reason });
      this.fail(`Connection failed: ${reason}`);
    }
    return false;
  }

  private async runReply(body: string): Promise<void> {
    if (body.length === 0) return;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null) return;
      const { method, ...params } = parsed as Record<string, unknown>;
      if (typeof method === 'string') await this.onReply(method, params);
    } catch {
      // A body that is not a method call is ignored, as Telegram does.
    }
  }

  private fail(message: string): void {
    this.lastErrorDate = this.unixNow();
    this.lastErrorMessage = message;
  }
}
