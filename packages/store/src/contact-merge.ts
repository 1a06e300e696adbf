import type { ContactInput } from '@ferry/core';

/** The stored fields of one contact, as both the per-row and the bulk import paths hold them. */
export interface ContactFields {
  readonly waId: string | null;
  readonly phone: string | null;
  readonly bsuid: string | null;
  readonly profileName: string | null;
  readonly language: string | null;
  readonly country: string | null;
  readonly email: string | null;
  /** Sorted, without duplicates. */
  readonly tags: readonly string[];
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
}

/** The fields of a contact first seen in `input`. */
export function newContactFields(input: ContactInput): ContactFields {
  const lastSeenAt = input.lastSeenAt ?? input.firstSeenAt;
  return {
    waId: input.waId ?? null,
    phone: input.phone ?? null,
    bsuid: input.bsuid ?? null,
    profileName: input.profileName ?? null,
    language: input.language ?? null,
    country: input.country ?? null,
    email: emailOf(input) ?? null,
    tags: unionOfTags(NO_TAGS, input.tags),
    firstSeenAt: Math.min(input.firstSeenAt, lastSeenAt),
    lastSeenAt: Math.max(input.firstSeenAt, lastSeenAt),
  };
}

/**
 * Merges a new sighting into a stored contact: `undefined` when an identifier (wa_id, phone, BSUID)
 * contradicts the stored one. Identifiers only fill gaps; profile fields follow the most recent
 * sighting (an older record only fills gaps); tags add up; first seen is the earliest, last seen
 * the latest.
 */
export function mergeContactFields(existing: ContactFields, input: ContactInput): ContactFields | undefined {
  if (
    differs(existing.waId, input.waId) ||
    differs(existing.phone, input.phone) ||
    differs(existing.bsuid, input.bsuid)
  )
    return undefined;
  const lastSeenAt = input.lastSeenAt ?? input.firstSeenAt;
  const newer = lastSeenAt >= existing.lastSeenAt;
  const pick = (stored: string | null, incoming: string | undefined): string | null =>
    incoming !== undefined && (newer || stored === null) ? incoming : stored;
  return {
    waId: existing.waId ?? input.waId ?? null,
    phone: existing.phone ?? input.phone ?? null,
    bsuid: existing.bsuid ?? input.bsuid ?? null,
    profileName: pick(existing.profileName, input.profileName),
    language: pick(existing.language, input.language),
    country: pick(existing.country, input.country),
    email: pick(existing.email, emailOf(input)),
    tags: unionOfTags(existing.tags, input.tags),
    firstSeenAt: Math.min(existing.firstSeenAt, input.firstSeenAt, lastSeenAt),
    lastSeenAt: Math.max(existing.lastSeenAt, input.firstSeenAt, lastSeenAt),
  };
}

/** The input's e-mail as stored. */
function emailOf(input: ContactInput): string | undefined {
  return input.email === undefined ? undefined : storedEmail(input.email);
}

/** An e-mail address as the store keeps and looks it up: trimmed and lower-cased; undefined when blank. */
export function storedEmail(email: string): string | undefined {
  const stored = email.trim().toLowerCase();
  return stored === '' ? undefined : stored;
}

const NO_TAGS: readonly string[] = [];

/** `stored` plus `incoming`, sorted and without duplicates (`stored` itself when nothing is new). */
function unionOfTags(stored: readonly string[], incoming: readonly string[] | undefined): readonly string[] {
  if (incoming === undefined || incoming.length === 0) return stored;
  // Most imported rows bring a new contact's tags already sorted: keep the array, build nothing.
  if (stored.length === 0 && isSortedSet(incoming)) return incoming;
  if (incoming.every((tag) => stored.includes(tag))) return stored;
  return [...new Set([...stored, ...incoming])].sort();
}

/** Strictly ascending in the order of `Array.prototype.sort` (UTF-16 code units), so also unique. */
function isSortedSet(tags: readonly string[]): boolean {
  for (let index = 1; index < tags.length; index += 1) {
    if (!(tags[index - 1]! < tags[index]!)) return false;
  }
  return true;
}

function differs(stored: string | null, incoming: string | undefined): boolean {
  return stored !== null && incoming !== undefined && stored !== incoming;
}
