import {
  type ConsentEventInput,
  type ContactId,
  type ContactInput,
  type ContactUpsertResult,
  type FerryStore,
  type HistoryEntryInput,
  type TextContent,
  toPlainText,
} from '@ferry/core';
import {
  type CountryCode,
  createPhoneNormaliser,
  type PhoneNormaliser,
  type ReadIssue,
  readSentLog,
  readWebhookLog,
} from '@ferry/whatsapp';
import { acceptResult, asJson, type DocumentImportContext, readText } from './documents.js';

/** What the log importers need besides the document context. */
export interface LogImportContext extends DocumentImportContext {
  /** Time of sent-log entries, which carry none (the file's modification time by default). */
  readonly defaultTime: number;
  readonly defaultCountry: CountryCode | undefined;
}

/**
 * Imports a webhook log: every user seen becomes (or refreshes) a contact with their profile name
 * and last-seen time; inbound messages go to the history (deduplicated by message id); STOP-like
 * messages and opt-out button taps are opt-out consent events whose evidence is the message id;
 * delivered/read statuses are recorded on the campaign journal entry that sent the message, if any.
 * @see PLATFORMS.md §1.1 (webhook payload), §1.7 (opt-outs must be honoured)
 */
export async function importWebhookLog(store: FerryStore, context: LogImportContext): Promise<void> {
  const facts = await acceptResult(
    readWebhookLog(await readText(context.path), { file: context.file }),
    context,
  );
  const normalise = createPhoneNormaliser(1000);
  const contacts: ContactInput[] = [];
  for (const fact of facts) {
    if (fact.type === 'status') continue;
    contacts.push({
      waId: fact.waId,
      ...phoneOf(fact.waId, normalise),
      ...(fact.type === 'contact' && fact.profileName !== undefined ? { profileName: fact.profileName } : {}),
      ...(fact.type === 'contact' && fact.bsuid !== undefined ? { bsuid: fact.bsuid } : {}),
      firstSeenAt: fact.at,
      lastSeenAt: fact.at,
    });
  }
  const idByWaId = await upsertAll(store, contacts, context);
  const history: HistoryEntryInput[] = [];
  const consents: ConsentEventInput[] = [];
  for (const fact of facts) {
    if (fact.type === 'status') {
      if (fact.status === 'delivered' || fact.status === 'read') {
        if (await store.journal.recordDelivery(fact.messageId, fact.status, fact.at)) {
          context.counts.deliveriesRecorded += 1;
        }
      }
      context.counts.imported += 1;
      continue;
    }
    const contactId = idByWaId.get(fact.waId);
    if (contactId === undefined) continue;
    context.counts.imported += 1;
    if (fact.type === 'message') {
      history.push({
        contactId,
        channel: 'whatsapp',
        direction: 'inbound',
        messageId: fact.messageId,
        ...(fact.text === undefined ? {} : { text: fact.text }),
        payload: fact.raw,
        at: fact.at,
      });
    } else if (fact.type === 'opt-out') {
      consents.push({
        contactId,
        kind: 'opt-out',
        channel: 'whatsapp',
        source: `import:${context.file}`,
        evidence: fact.evidence,
        text: fact.text,
        at: fact.at,
      });
    }
  }
  context.counts.historyAppended += await store.history.append(history);
  if (consents.length > 0) {
    const appended = await store.consents.appendMany(consents);
    context.counts.consentsAppended += appended.appended;
    context.counts.consentsExisting += appended.duplicates;
  }
}

/**
 * Imports a log of sent `/messages` requests as outbound history of each recipient. Request bodies
 * carry no message id and no time, so each entry gets a stable id from the file and its position
 * (`sent-log:<file>#<n>`) and the file's time plus its position: re-importing adds nothing.
 * @see PLATFORMS.md §1.2 (outbound messages)
 */
export async function importSentLog(store: FerryStore, context: LogImportContext): Promise<void> {
  const entries = await acceptResult(
    readSentLog(await readText(context.path), { file: context.file }),
    context,
  );
  const normalise = createPhoneNormaliser(1000);
  const rejected: ReadIssue[] = [];
  const addressed: { contact: ContactInput; position: number }[] = [];
  entries.forEach((entry, position) => {
    const phone = entry.to === undefined ? undefined : normalise(entry.to, context.defaultCountry);
    if (phone === undefined || !phone.ok) {
      rejected.push({
        file: context.file,
        field: 'to',
        reason:
          phone === undefined
            ? `message ${position + 1} names no recipient (to)`
            : `message ${position + 1}: ${phone.reason}`,
        severity: 'error',
      });
      return;
    }
    const at = context.defaultTime + position;
    addressed.push({
      contact: { phone: phone.phone, waId: phone.phone.slice(1), firstSeenAt: at },
      position,
    });
  });
  context.counts.rejected += rejected.length;
  await context.sink.add(rejected);
  const idByWaId = await upsertAll(
    store,
    addressed.map((item) => item.contact),
    context,
  );
  const history: HistoryEntryInput[] = [];
  for (const { contact, position } of addressed) {
    const contactId = contact.waId === undefined ? undefined : idByWaId.get(contact.waId);
    const entry = entries[position]!;
    if (contactId === undefined) continue;
    context.counts.imported += 1;
    const text = entry.message.text === undefined ? undefined : plainText(entry.message.text);
    history.push({
      contactId,
      channel: 'whatsapp',
      direction: 'outbound',
      messageId: `sent-log:${context.file}#${position + 1}`,
      ...(text === undefined || text === '' ? {} : { text }),
      payload: asJson({ message: entry.message, original: entry.original }),
      at: context.defaultTime + position,
    });
  }
  context.counts.historyAppended += await store.history.append(history);
}

function plainText(text: TextContent): string {
  return typeof text === 'string' ? text : toPlainText(text);
}

function phoneOf(waId: string, normalise: PhoneNormaliser): { phone?: string } {
  const phone = normalise(`+${waId}`, undefined);
  return phone.ok ? { phone: phone.phone } : {};
}

/** Upserts in file order; returns contact ids by wa_id. Conflicts are rejected facts, reported once per wa_id. */
async function upsertAll(
  store: FerryStore,
  contacts: readonly ContactInput[],
  context: DocumentImportContext,
): Promise<Map<string, ContactId>> {
  const results: readonly ContactUpsertResult[] =
    contacts.length === 0 ? [] : await store.contacts.upsertMany(contacts);
  const ids = new Map<string, ContactId>();
  const seen = new Set<ContactId>();
  const conflicts: ReadIssue[] = [];
  results.forEach((result, index) => {
    const waId = contacts[index]!.waId!;
    if (result.outcome === 'conflict') {
      if (!ids.has(waId)) {
        conflicts.push({
          file: context.file,
          field: 'wa_id',
          reason: `wa_id ${waId} conflicts with stored contacts ${result.contactIds.join(', ')}`,
          severity: 'error',
        });
      }
      return;
    }
    ids.set(waId, result.contact.id);
    if (seen.has(result.contact.id)) return;
    seen.add(result.contact.id);
    if (result.outcome === 'created') context.counts.created += 1;
    else context.counts.merged += 1;
  });
  context.counts.rejected += conflicts.length;
  await context.sink.add(conflicts);
  return ids;
}
