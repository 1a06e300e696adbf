import type { ConsentKind, ContactInput } from '@ferry/core';
import type { ReadIssue } from '../types.js';
import type { ContactBatch, ContactRecord, PendingConsentEvent } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Cell = string | number | readonly string[] | null;

/** A `ContactBatch` in the form it is posted in: counts, issues, and every record's values in one flat array. */
export type EncodedContactBatch = readonly [
  rows: number,
  rejectedRows: number,
  issues: readonly ReadIssue[],
  cells: readonly Cell[],
];

/**
 * A `ContactBatch` as it crosses from a reading worker to the main thread: one flat array (each
 * record's values in a fixed order, `null` for an absent value) instead of nested objects, posted
 * as it is. Structured clone copies a flat array of strings and numbers at about half the cost of
 * JSON.stringify plus JSON.parse, and no object keys cross at all.
 */
export function encodeContactBatch(batch: ContactBatch): EncodedContactBatch {
  const cells: Cell[] = [];
  for (const { line, contact, consents } of batch.records) {
    cells.push(
      line,
      contact.waId ?? null,
      contact.phone ?? null,
      contact.bsuid ?? null,
      contact.profileName ?? null,
      contact.language ?? null,
      contact.country ?? null,
      contact.email ?? null,
      contact.tags ?? null,
      contact.firstSeenAt,
      contact.lastSeenAt ?? null,
      consents.length,
    );
    for (const event of consents) {
      cells.push(
        event.kind,
        event.channel,
        event.source,
        event.text ?? null,
        event.textVersion ?? null,
        event.evidence ?? null,
        event.at,
      );
    }
  }
  return [batch.rows, batch.rejectedRows, batch.issues, cells];
}

/** The batch `encodeContactBatch` encoded. */
export function decodeContactBatch(encoded: EncodedContactBatch): ContactBatch {
  const [rows, rejectedRows, issues, cells] = encoded;
  const records: ContactRecord[] = [];
  let at = 0;
  const next = (): Cell => cells[at++] ?? null;
  const text = (): string | undefined => {
    const value = next();
    return value === null ? undefined : (value as string);
  };
  while (at < cells.length) {
    const line = next() as number;
    // Built field by field, absent fields left out, as the reader builds them.
    const contact: Mutable<ContactInput> = { firstSeenAt: 0 };
    const waId = text();
    const phone = text();
    const bsuid = text();
    const profileName = text();
    const language = text();
    const country = text();
    const email = text();
    const tags = next();
    contact.firstSeenAt = next() as number;
    const lastSeenAt = next();
    if (waId !== undefined) contact.waId = waId;
    if (phone !== undefined) contact.phone = phone;
    if (bsuid !== undefined) contact.bsuid = bsuid;
    if (profileName !== undefined) contact.profileName = profileName;
    if (language !== undefined) contact.language = language;
    if (country !== undefined) contact.country = country;
    if (email !== undefined) contact.email = email;
    if (tags !== null) contact.tags = tags as string[];
    if (lastSeenAt !== null) contact.lastSeenAt = lastSeenAt as number;
    const count = next() as number;
    const consents: PendingConsentEvent[] = [];
    for (let index = 0; index < count; index += 1) {
      const event: Mutable<PendingConsentEvent> = {
        kind: next() as ConsentKind,
        channel: next() as PendingConsentEvent['channel'],
        source: next() as string,
        at: 0,
      };
      const consentText = text();
      const textVersion = text();
      const evidence = text();
      event.at = next() as number;
      if (consentText !== undefined) event.text = consentText;
      if (textVersion !== undefined) event.textVersion = textVersion;
      if (evidence !== undefined) event.evidence = evidence;
      consents.push(event);
    }
    records.push({ line, contact, consents });
  }
  return { records, issues, rows, rejectedRows };
}
