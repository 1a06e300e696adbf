import type { WhatsAppEmulator } from '@ferry/sandbox';
import type { SqliteStore } from '@ferry/store';
import { createWhatsAppChannel, type WhatsAppChannel } from '@ferry/whatsapp';
import { applyDeliveryStatus } from '../src/campaign/index.js';

type Json = Record<string, unknown>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** The `biz_opaque_callback_data` of every status in a webhook envelope (`undefined` when one has none). */
function callbackDataOf(envelope: unknown): (string | undefined)[] {
  const statuses = asArray((envelope as Json).entry)
    .flatMap((entry) => asArray(entry.changes))
    .flatMap((change) => asArray((change.value as Json | undefined)?.statuses));
  return statuses.map((status) => {
    const data = status.biz_opaque_callback_data;
    return typeof data === 'string' ? data : undefined;
  });
}

/**
 * Plays `ferry serve` for the crash test's WhatsApp status webhooks: the emulator has no webhook
 * URL, so each signed status webhook is logged as an undelivered attempt (Meta keeps those and
 * retries them); this hands the logged bytes and signature to the channel's `handleWebhook`,
 * whose status handler is `applyDeliveryStatus` on the test's own store connection, while the
 * campaign runs.
 *
 * Statuses of sends the journal already has as `sent` cannot change it (reconciliation only moves
 * `in-flight` and `ambiguous` entries), so they are not handed over: at 1000 messages/s two
 * webhooks per message through the handler would take more CPU than the campaign itself.
 */
export class StatusWebhooks {
  private cursor = 0;
  private loop: Promise<void> | undefined;
  private stopped = false;
  /** Webhooks handed to the channel, and entries they reconciled (in-flight or ambiguous to sent). */
  handed = 0;
  reconciled = 0;
  /** Of those, entries a restart had already marked `ambiguous` (the send's answer died with its process). */
  reconciledAmbiguous = 0;
  /** Non-200 answers of the handler (must stay 0). */
  refused = 0;
  private readonly receiver: WhatsAppChannel;

  constructor(
    private readonly whatsapp: WhatsAppEmulator,
    private readonly store: SqliteStore,
  ) {
    const credentials = whatsapp.credentials();
    this.receiver = createWhatsAppChannel({
      accessToken: credentials.accessToken,
      phoneNumberId: credentials.phoneNumberId,
      appSecret: credentials.appSecret,
      graphBaseUrl: credentials.graphBaseUrl,
      version: credentials.version,
      statusHandler: async (status) => {
        const before =
          status.callbackData === undefined
            ? undefined
            : await this.store.journal.findByCallbackData(status.callbackData);
        const result = await applyDeliveryStatus(this.store, {
          messageId: status.messageId,
          status: status.status,
          at: status.at,
          ...(status.callbackData === undefined ? {} : { callbackData: status.callbackData }),
        });
        if (result === 'reconciled') this.reconciled++;
        if (result === 'reconciled' && before?.state === 'ambiguous') this.reconciledAmbiguous++;
      },
    });
  }

  /** Hands over the logged webhooks from where the last pass stopped up to index `upTo` (default: all). */
  async drain(upTo = Number.POSITIVE_INFINITY): Promise<void> {
    const log = this.whatsapp.webhookLog();
    for (; this.cursor < Math.min(upTo, log.length); this.cursor++) {
      const delivery = log[this.cursor];
      if (delivery === undefined || (await this.settled(delivery.body))) continue;
      this.handed++;
      const answer = await this.receiver.handleWebhook(
        new Request('http://127.0.0.1/whatsapp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': delivery.signature },
          body: delivery.rawBody,
        }),
        () => {},
      );
      if (answer.status !== 200) this.refused++;
    }
  }

  /**
   * Every `intervalMs` until `stop()`, hands over the webhooks logged at least `lagMs` earlier:
   * statuses trail the API's answers, so those of the sends in flight at a kill mostly arrive
   * after the restart has marked them `ambiguous` (the case reconciliation is for).
   */
  start(intervalMs = 100, lagMs = 1_000): void {
    this.stopped = false;
    const marks: { readonly at: number; readonly length: number }[] = [];
    this.loop = (async () => {
      while (!this.stopped) {
        const now = Date.now();
        marks.push({ at: now, length: this.whatsapp.webhookLog().length });
        let upTo = this.cursor;
        while ((marks[0]?.at ?? now) <= now - lagMs) upTo = marks.shift()?.length ?? upTo;
        await this.drain(upTo);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
  }

  /** Stops the loop after its current pass. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Stops the loop, then hands over everything the emulator has emitted. */
  async stop(): Promise<void> {
    await this.close();
    await this.whatsapp.idle();
    await this.drain();
  }

  private async settled(envelope: unknown): Promise<boolean> {
    for (const callbackData of callbackDataOf(envelope)) {
      if (callbackData === undefined) return false;
      const entry = await this.store.journal.findByCallbackData(callbackData);
      if (entry?.state !== 'sent') return false;
    }
    return true;
  }
}
