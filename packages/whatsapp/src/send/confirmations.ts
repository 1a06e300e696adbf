import type { Clock } from '@ferry/core';
import type { WhatsAppStatus } from '../channel/types.js';

/** How many statuses of not-yet-awaited messages are kept (they can beat the send's HTTP answer). */
const EARLY_STATUSES = 1_000;

/**
 * Pairs status webhooks with sends waiting for their first status, so `send` can report a
 * `failed` status (131026, 131047…) as its outcome when `confirmDelivery` is set.
 * @see PLATFORMS.md §1.6 (failures also arrive asynchronously as `statuses[]`)
 */
export class DeliveryConfirmations {
  private readonly waiting = new Map<string, (status: WhatsAppStatus) => void>();
  private readonly early = new Map<string, WhatsAppStatus>();

  constructor(private readonly clock: Clock) {}

  /** Records a status from a webhook. */
  observe(status: WhatsAppStatus): void {
    const waiter = this.waiting.get(status.messageId);
    if (waiter !== undefined) {
      this.waiting.delete(status.messageId);
      waiter(status);
      return;
    }
    if (this.early.has(status.messageId)) return;
    this.early.set(status.messageId, status);
    if (this.early.size > EARLY_STATUSES) {
      const oldest = this.early.keys().next().value;
      if (oldest !== undefined) this.early.delete(oldest);
    }
  }

  /** The first status of `messageId`, or `undefined` when none came within `timeoutMs` of the clock. */
  async first(messageId: string, timeoutMs: number): Promise<WhatsAppStatus | undefined> {
    const seen = this.early.get(messageId);
    if (seen !== undefined) {
      this.early.delete(messageId);
      return seen;
    }
    const stop = new AbortController();
    const status = new Promise<WhatsAppStatus>((resolve) => this.waiting.set(messageId, resolve));
    const timeout = this.clock.sleep(timeoutMs, stop.signal).then(
      () => undefined,
      () => undefined,
    );
    const result = await Promise.race([status, timeout]);
    stop.abort();
    this.waiting.delete(messageId);
    return result;
  }
}
