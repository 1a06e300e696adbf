import type { AudienceQuery, Contact, ContactId, FerryStore } from '@ferry/core';

/** A journaled recipient the run should try now, or one that left the audience since it was journaled. */
export type AudienceItem =
  | { readonly kind: 'pending'; readonly contact: Contact }
  | { readonly kind: 'left-audience'; readonly contactId: ContactId };

/**
 * Streams a campaign's recipients page by page (keyset pagination, never the whole audience in
 * memory): each audience page is journaled as `pending` (existing entries are left alone), then
 * merged with the journal's pending entries of the same id range. Pending entries whose contact no
 * longer matches the audience (opted out, linked, blocked since) come out as `left-audience`.
 */
export async function* campaignAudience(
  store: FerryStore,
  campaignId: string,
  audience: AudienceQuery,
  options: { readonly pageSize: number; readonly now: () => number },
): AsyncGenerator<readonly AudienceItem[]> {
  let cursor = 0;
  for await (const page of store.contacts.iterateAudience(audience, { batchSize: options.pageSize })) {
    const last = page.at(-1);
    if (last === undefined) continue;
    await store.journal.enqueue(
      campaignId,
      page.map((contact) => contact.id),
      options.now(),
    );
    const byId = new Map(page.map((contact) => [contact.id, contact]));
    const items: AudienceItem[] = [];
    for (;;) {
      const pending = await store.journal.pendingBatch(campaignId, options.pageSize, {
        afterContactId: cursor,
      });
      let beyond = false;
      for (const entry of pending) {
        if (entry.contactId > last.id) {
          beyond = true;
          break;
        }
        const contact = byId.get(entry.contactId);
        items.push(
          contact === undefined
            ? { kind: 'left-audience', contactId: entry.contactId }
            : { kind: 'pending', contact },
        );
        cursor = entry.contactId;
      }
      if (beyond || pending.length < options.pageSize) break;
    }
    cursor = last.id;
    if (items.length > 0) yield items;
  }
  // Pending entries past the last audience contact have all left the audience.
  for (;;) {
    const pending = await store.journal.pendingBatch(campaignId, options.pageSize, {
      afterContactId: cursor,
    });
    if (pending.length === 0) return;
    cursor = pending.at(-1)?.contactId ?? cursor;
    yield pending.map((entry) => ({ kind: 'left-audience', contactId: entry.contactId }) as const);
  }
}
