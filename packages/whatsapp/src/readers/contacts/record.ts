import type { ContactInput } from '@ferry/core';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ReadIssue } from '../types.js';
import { isPhoneCountry, type PhoneNormaliser } from './phone.js';
import type { ContactField, ContactRecord, PendingConsentEvent } from './types.js';
import { memoised, normaliseLanguage, parseTime, parseYesNo, splitTags } from './values.js';

// Shared by every row read in this thread; a tag list is frozen, as several records hold the same one.
const timeOf = memoised(parseTime);
const tagsOf = memoised((text): readonly string[] => Object.freeze(splitTags(text)));
const languageOf = memoised(normaliseLanguage);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What every row of one file shares. */
export interface RowContext {
  readonly file: string;
  readonly defaultCountry: CountryCode | undefined;
  readonly defaultTime: number;
  readonly source: string;
  readonly assumeOptIn: boolean;
  readonly normalisePhone: PhoneNormaliser;
}

/** One row as the builder sees it: a cell per field (undefined when absent or blank) and the header naming it. */
export interface RowCells {
  value(field: ContactField): string | undefined;
  header(field: ContactField): string;
}

/** A usable row, or the error issues that make it unusable; warnings can come with either. */
export interface RowOutcome {
  readonly record?: ContactRecord;
  readonly issues: readonly ReadIssue[];
}

/** A yes/no-or-time consent cell: yes, no, a time (yes, at that time), nothing, or unreadable. */
type ConsentCell = { readonly given: boolean; readonly at?: number } | undefined | 'invalid';

/**
 * Turns one row into a contact and its consent events. Any unreadable identifier, flag or time
 * rejects the whole row (every problem of the row is reported at once); unreadable profile details
 * (language, country, e-mail) are dropped with a warning.
 */
export function buildContactRecord(cells: RowCells, line: number, context: RowContext): RowOutcome {
  const issues: ReadIssue[] = [];
  const error = (field: ContactField, reason: string): void => {
    issues.push({ file: context.file, line, field: cells.header(field), reason, severity: 'error' });
  };
  const warning = (field: ContactField, reason: string): void => {
    issues.push({ file: context.file, line, field: cells.header(field), reason, severity: 'warning' });
  };

  const countryCell = cells.value('country')?.trim().toUpperCase();
  let country: CountryCode | undefined;
  if (countryCell !== undefined) {
    if (isPhoneCountry(countryCell)) country = countryCell;
    else warning('country', `"${countryCell}" is not an ISO 3166 country code; ignored`);
  }

  let phone: string | undefined;
  const phoneCell = cells.value('phone');
  if (phoneCell !== undefined) {
    const normalised = context.normalisePhone(phoneCell, country ?? context.defaultCountry);
    if (normalised.ok) {
      phone = normalised.phone;
      country ??= normalised.country;
    } else error('phone', normalised.reason);
  }
  const waId = cells.value('waId')?.trim().replace(/^\+/, '');
  if (waId !== undefined && !/^\d{6,15}$/.test(waId))
    error('waId', `"${waId}" is not a wa_id (6 to 15 digits)`);
  if (phone === undefined && phoneCell === undefined && waId !== undefined && /^\d{6,15}$/.test(waId)) {
    // A phone account's wa_id is its number's digits: keep the phone too, for linking by phone later.
    const fromWaId = context.normalisePhone(`+${waId}`, undefined);
    if (fromWaId.ok) {
      phone = fromWaId.phone;
      country ??= fromWaId.country;
    }
  }
  const bsuid = cells.value('bsuid')?.trim();
  if (phoneCell === undefined && waId === undefined && bsuid === undefined) {
    error('phone', 'no phone number, wa_id or BSUID on this row');
  }

  const times = readTimes(cells, error);
  const optIn = readConsentCell(cells, 'optedIn', error);
  const optOut = readConsentCell(cells, 'optedOut', error);
  if (issues.some((issue) => issue.severity === 'error')) return { issues };

  const languageCell = cells.value('language');
  const language = languageCell === undefined ? undefined : languageOf(languageCell);
  if (languageCell !== undefined && language === undefined) {
    warning('language', `"${languageCell}" is not a language code; ignored`);
  }
  const emailCell = cells.value('email');
  const email = emailCell === undefined ? undefined : normaliseEmail(emailCell);
  if (emailCell !== undefined && email === undefined) {
    warning('email', `"${emailCell}" is not an e-mail address; ignored`);
  }
  const name = profileName(cells);
  const tagsCell = cells.value('tags');
  const tags = tagsCell === undefined ? [] : tagsOf(tagsCell);
  const firstSeenAt = times.firstSeenAt ?? times.optInAt ?? context.defaultTime;

  // Built field by field: this runs once per row of files with millions of rows.
  const contact: Mutable<ContactInput> = { firstSeenAt };
  if (waId !== undefined) contact.waId = waId;
  if (phone !== undefined) contact.phone = phone;
  if (bsuid !== undefined) contact.bsuid = bsuid;
  if (name !== undefined) contact.profileName = name;
  if (language !== undefined) contact.language = language;
  if (country !== undefined) contact.country = country;
  if (email !== undefined) contact.email = email;
  if (tags.length > 0) contact.tags = tags;
  if (times.lastSeenAt !== undefined) contact.lastSeenAt = times.lastSeenAt;
  const consents = consentEvents(cells, line, context, {
    optIn: optIn as Exclude<ConsentCell, 'invalid'>,
    optOut: optOut as Exclude<ConsentCell, 'invalid'>,
    optInAt: times.optInAt,
    optOutAt: times.optOutAt,
    fallbackAt: times.firstSeenAt ?? context.defaultTime,
  });
  return { record: { line, contact, consents }, issues };
}

/** One `@` with text on both sides and no spaces, once trimmed; lower-cased (Slack matches addresses case-blind). */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The cell as an e-mail address (trimmed, lower-cased), or undefined when it is not one. */
function normaliseEmail(cell: string): string | undefined {
  const email = cell.trim().toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

interface RowTimes {
  readonly optInAt?: number;
  readonly optOutAt?: number;
  readonly firstSeenAt?: number;
  readonly lastSeenAt?: number;
}

const TIME_FIELDS = ['optInAt', 'optOutAt', 'firstSeenAt', 'lastSeenAt'] as const;

function readTimes(cells: RowCells, error: (field: ContactField, reason: string) => void): RowTimes {
  let times: Mutable<RowTimes> | undefined;
  for (const field of TIME_FIELDS) {
    const cell = cells.value(field);
    if (cell === undefined) continue;
    const at = timeOf(cell);
    if (at === undefined) error(field, `"${cell}" is not a date (use YYYY-MM-DD, ISO 8601 or Unix time)`);
    else {
      times ??= {};
      times[field] = at;
    }
  }
  return times ?? NO_TIMES;
}

const NO_TIMES: RowTimes = {};

function readConsentCell(
  cells: RowCells,
  field: 'optedIn' | 'optedOut',
  error: (field: ContactField, reason: string) => void,
): ConsentCell {
  const cell = cells.value(field);
  if (cell === undefined) return undefined;
  const flag = parseYesNo(cell);
  if (flag !== 'invalid') return flag === undefined ? undefined : { given: flag };
  const at = timeOf(cell);
  if (at !== undefined) return { given: true, at };
  error(field, `"${cell}" is neither yes/no nor a date`);
  return 'invalid';
}

function profileName(cells: RowCells): string | undefined {
  const full = cells.value('name')?.trim();
  if (full !== undefined && full !== '') return full;
  const parts = [cells.value('firstName')?.trim(), cells.value('lastName')?.trim()].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  return parts.length === 0 ? undefined : parts.join(' ');
}

interface ConsentFacts {
  readonly optIn: Exclude<ConsentCell, 'invalid'>;
  readonly optOut: Exclude<ConsentCell, 'invalid'>;
  readonly optInAt: number | undefined;
  readonly optOutAt: number | undefined;
  readonly fallbackAt: number;
}

/**
 * The row's consent events. Source and evidence come from the file name and line and the time from
 * the row (or the caller's stable default), so re-reading the same file yields the same events.
 */
function consentEvents(
  cells: RowCells,
  line: number,
  context: RowContext,
  facts: ConsentFacts,
): PendingConsentEvent[] {
  const origin = cells.value('consentSource')?.trim();
  const evidence = `${context.file}:${line}${origin === undefined ? '' : ` (${origin})`}`;
  const events: PendingConsentEvent[] = [];
  const optedIn =
    facts.optIn === undefined ? facts.optInAt !== undefined || context.assumeOptIn : facts.optIn.given;
  if (optedIn) {
    const event: Mutable<PendingConsentEvent> = {
      kind: 'opt-in',
      channel: 'whatsapp',
      source: context.source,
      evidence,
      at: facts.optInAt ?? facts.optIn?.at ?? facts.fallbackAt,
    };
    const text = cells.value('consentText')?.trim();
    const textVersion = cells.value('consentVersion')?.trim();
    if (text !== undefined) event.text = text;
    if (textVersion !== undefined) event.textVersion = textVersion;
    events.push(event);
  }
  const optedOut = facts.optOut === undefined ? facts.optOutAt !== undefined : facts.optOut.given;
  if (optedOut) {
    events.push({
      kind: 'opt-out',
      channel: 'whatsapp',
      source: context.source,
      evidence,
      at: facts.optOutAt ?? facts.optOut?.at ?? facts.fallbackAt,
    });
  }
  return events;
}
