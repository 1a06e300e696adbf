import type { FerryStore, JournalTransition } from '@ferry/core';
import type { RecoveryCounts } from './types.js';

const PAGE = 1000;

/**
 * Settles what an interrupted run left `in-flight`: on a channel that de-duplicates resends
 * (Discord nonce from the `<campaign>:<contact>` key) they go back to `pending`; elsewhere they
 * become `ambiguous` (the platform may have them) and are not resent unless the policy says
 * `resend` — WhatsApp sends are later reconciled from status webhooks by their callback data.
 */
export async function recoverInFlight(
  store: FerryStore,
  campaignId: string,
  options: { readonly idempotent: boolean; readonly resendAmbiguous: boolean; readonly at: number },
): Promise<RecoveryCounts> {
  let ambiguous = 0;
  let requeued = 0;
  const requeue = options.idempotent || options.resendAmbiguous;
  const states = options.resendAmbiguous ? (['in-flight', 'ambiguous'] as const) : (['in-flight'] as const);
  for (const state of states) {
    let cursor = 0;
    for (;;) {
      const entries = await store.journal.listByState(campaignId, state, {
        limit: PAGE,
        afterContactId: cursor,
      });
      if (entries.length === 0) break;
      cursor = entries.at(-1)?.contactId ?? cursor;
      const transitions: JournalTransition[] = entries.map((entry) => ({
        campaignId,
        contactId: entry.contactId,
        from: [state],
        to: requeue ? 'pending' : 'ambiguous',
        reason: requeue
          ? `resend after interruption (${options.idempotent ? 'idempotent channel' : 'operator policy'})`
          : 'ambiguous: interrupted during the send; it may have been delivered',
        at: options.at,
      }));
      const { applied } = await store.journal.applyTransitions(transitions);
      if (requeue) requeued += applied;
      else ambiguous += applied;
    }
  }
  return { ambiguous, requeued };
}
