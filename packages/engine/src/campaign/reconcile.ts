import type { FerryStore, JournalTransition } from '@ferry/core';

/**
 * One WhatsApp delivery status, as the Cloud API channel reads it from `statuses[]`.
 * @see PLATFORMS.md §1.1 (`statuses[]`: id, status, timestamp, errors) and §1.2 (`biz_opaque_callback_data`)
 */
export interface DeliveryStatus {
  /** The `wamid…` of the message. */
  readonly messageId: string;
  readonly status: 'sent' | 'delivered' | 'read' | 'failed';
  /** The `biz_opaque_callback_data` the send carried (`<campaignId>:<contactId>`). */
  readonly callbackData?: string;
  /** Ms since the epoch. */
  readonly at: number;
  /** For `failed`: the first error's code and title. */
  readonly error?: { readonly code?: number | string; readonly title?: string };
}

/** What {@link applyDeliveryStatus} did. */
export type DeliveryStatusResult = 'reconciled' | 'failed' | 'recorded' | 'unknown';

/**
 * Applies a WhatsApp status webhook to the journal: a send left `in-flight` or `ambiguous` by a
 * crash or a lost answer is found by its callback data and becomes `sent` (or `failed`), so it is
 * never resent; `delivered` and `read` are recorded for the funnel.
 */
export async function applyDeliveryStatus(
  store: FerryStore,
  status: DeliveryStatus,
): Promise<DeliveryStatusResult> {
  let result: DeliveryStatusResult = 'unknown';
  const entry =
    status.callbackData === undefined
      ? await store.journal.findByPlatformMessageId(status.messageId)
      : await store.journal.findByCallbackData(status.callbackData);
  if (entry !== undefined) {
    const failed = status.status === 'failed';
    const transition: JournalTransition = {
      campaignId: entry.campaignId,
      contactId: entry.contactId,
      to: failed ? 'failed' : 'sent',
      from: failed ? ['in-flight', 'ambiguous', 'sent'] : ['in-flight', 'ambiguous'],
      platformMessageId: status.messageId,
      ...(failed
        ? { reason: `rejected:${status.error?.code ?? 'unknown'}: ${status.error?.title ?? 'failed status'}` }
        : {}),
      at: status.at,
    };
    const { applied } = await store.journal.applyTransitions([transition]);
    if (applied > 0) result = failed ? 'failed' : 'reconciled';
  }
  if (status.status === 'delivered' || status.status === 'read') {
    if (await store.journal.recordDelivery(status.messageId, status.status, status.at)) result = 'recorded';
  }
  return result;
}

/**
 * Puts back to `pending` the ambiguous sends no status webhook confirmed since `before` (WhatsApp
 * reports every accepted message, so silence after a grace period means it never went out).
 */
export async function requeueUnconfirmed(
  store: FerryStore,
  campaignId: string,
  options: { readonly before: number; readonly at: number },
): Promise<number> {
  let cursor = 0;
  let requeued = 0;
  for (;;) {
    const entries = await store.journal.listByState(campaignId, 'ambiguous', {
      limit: 1000,
      afterContactId: cursor,
    });
    if (entries.length === 0) return requeued;
    cursor = entries.at(-1)?.contactId ?? cursor;
    const stale = entries.filter((entry) => entry.updatedAt < options.before);
    const { applied } = await store.journal.applyTransitions(
      stale.map((entry) => ({
        campaignId,
        contactId: entry.contactId,
        from: ['ambiguous'],
        to: 'pending',
        reason: 'resend: no status webhook confirmed the earlier attempt',
        at: options.at,
      })),
    );
    requeued += applied;
  }
}
