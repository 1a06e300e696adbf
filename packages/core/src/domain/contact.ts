import type { ChannelName } from '../capabilities/types.js';

/** The store's id for a contact: a positive integer, ascending in creation order (audience pages key on it). */
export type ContactId = number;

/**
 * One WhatsApp user as Ferry knows them. At least one of `waId`, `phone` and `bsuid` is present.
 * @see PLATFORMS.md §1.1 (`contacts[]{profile{name}, wa_id}` in webhooks)
 */
export interface Contact {
  readonly id: ContactId;
  /** WhatsApp id (`wa_id`): for phone-number accounts, the number's digits without `+`. */
  readonly waId?: string;
  /** E.164 phone number with the leading `+`. */
  readonly phone?: string;
  /** Business-scoped user id, when WhatsApp gave one instead of (or besides) the phone number. */
  readonly bsuid?: string;
  readonly profileName?: string;
  /** BCP 47-ish language as WhatsApp spells it (`en_US`, `pt_BR`). */
  readonly language?: string;
  /** ISO 3166-1 alpha-2 country code (`BR`, `IT`). */
  readonly country?: string;
  /** E-mail address, lower-cased and trimmed; several contacts may share one (Slack e-mail matching). */
  readonly email?: string;
  /** Operator tags, sorted, without duplicates. */
  readonly tags: readonly string[];
  /** Milliseconds since the epoch. */
  readonly firstSeenAt: number;
  /** Milliseconds since the epoch. */
  readonly lastSeenAt: number;
}

/**
 * What an import knows about a contact. `upsert` merges it into the contact it names: the same
 * person reached through `waId`, `phone` (or `wa_id` = phone digits) or `bsuid` is one contact.
 */
export interface ContactInput {
  readonly waId?: string;
  readonly phone?: string;
  readonly bsuid?: string;
  readonly profileName?: string;
  readonly language?: string;
  readonly country?: string;
  /** E-mail address, lower-cased and trimmed (a profile field: the newest sighting wins). */
  readonly email?: string;
  readonly tags?: readonly string[];
  /** When this record saw the contact first (ms since epoch). */
  readonly firstSeenAt: number;
  /** When this record saw the contact last; defaults to `firstSeenAt`. */
  readonly lastSeenAt?: number;
}

/**
 * The result of one upsert; a record that names two different stored contacts, or contradicts an
 * id already stored, is a `conflict` value for the import report, never an exception.
 */
export type ContactUpsertResult =
  | { readonly outcome: 'created' | 'updated'; readonly contact: Contact }
  | {
      readonly outcome: 'conflict';
      readonly reason: 'matches-several-contacts' | 'identifier-mismatch';
      readonly contactIds: readonly ContactId[];
    };

/**
 * Which contacts a campaign or report targets. Every filter narrows (AND); omitted filters do not.
 * `consent` defaults to `'opted-in'` so nobody who opted out (or never opted in) is selected by accident.
 */
export interface AudienceQuery {
  /**
   * `'opted-in'`: the derived status is opted-in. `'not-opted-out'`: opted-in or no decisive event yet.
   * `'any'`: no consent filter (reports only; never for sending).
   */
  readonly consent?: 'opted-in' | 'not-opted-out' | 'any';
  /** Only contacts with NO identity on any of these channels (the "has not moved yet" wave). */
  readonly notLinkedTo?: readonly ChannelName[];
  /** Only contacts with an identity on every one of these channels (announcements on the new channel). */
  readonly linkedTo?: readonly ChannelName[];
  /** Only these languages (exact match). */
  readonly languages?: readonly string[];
  /** Only these countries (exact match). */
  readonly countries?: readonly string[];
  /** Contacts carrying at least one of these tags. */
  readonly tagsAny?: readonly string[];
  /** Contacts carrying every one of these tags. */
  readonly tagsAll?: readonly string[];
  /** Contacts carrying none of these tags. */
  readonly tagsNone?: readonly string[];
  /** Contacts to leave out explicitly. */
  readonly excludeContactIds?: readonly ContactId[];
}
