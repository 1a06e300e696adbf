import {
  type AudienceQuery,
  type Contact,
  type FerryStore,
  type InboundEvent,
  InputError,
} from '@ferry/core';
import type { LinkOutcome } from './link-service.js';

/** What one e-mail look-up on the target gave: the `email-match` event, or why there is none. */
export type EmailLookupResult =
  | { readonly status: 'matched'; readonly event: Extract<InboundEvent, { type: 'email-match' }> }
  | { readonly status: 'not-found' }
  | { readonly status: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * A target that can find its users by e-mail: the Slack channel (`matchByEmail`, which paces
 * `users.lookupByEmail` at Tier 3 and pauses itself on a 429).
 * @see PLATFORMS.md §3.1 (`users.lookupByEmail`, Tier 3, `users:read.email`)
 */
export interface EmailMatcher {
  matchByEmail(email: string, signal?: AbortSignal): Promise<EmailLookupResult>;
}

/** Options of {@link matchContactsByEmail}. */
export interface MatchContactsByEmailOptions {
  readonly store: FerryStore;
  /** The Slack channel, created with `emailMatching: true`. */
  readonly channel: EmailMatcher;
  /** Binds, records the consent evidence and welcomes (the {@link LinkService}). */
  readonly linkService: { handle(event: InboundEvent): Promise<LinkOutcome> };
  /**
   * Narrows the contacts walked; contacts already linked on Slack are always left out. `consent`
   * defaults to `'not-opted-out'` and `'any'` is refused: nobody who opted out is ever looked up.
   */
  readonly audience?: AudienceQuery;
  /** Only contacts this returns true for (their routing rule sends them to Slack); all by default. */
  readonly routedHere?: (contact: Contact) => boolean;
  /** Contacts read from the store per page (default 500). */
  readonly pageSize?: number;
  /** How often one address is retried after Slack answered 429 (default 5); the channel waits out each pause. */
  readonly rateLimitRetries?: number;
  /** Stops after the look-up in progress; the report says `stopped`. */
  readonly signal?: AbortSignal;
  /** Called after every contact looked up, with the counts so far. */
  readonly onProgress?: (report: EmailMatchReport) => void;
}

/** What {@link matchContactsByEmail} did, contact by contact. */
export interface EmailMatchReport {
  /** Contacts looked up on Slack. */
  readonly lookedUp: number;
  /** Linked (identity bound, consent event appended, welcome sent). */
  readonly matched: number;
  /** Slack has no member with the address. */
  readonly notFoundOnSlack: number;
  /** Several contacts share the address: none of them is linked (never a guess). */
  readonly ambiguous: number;
  /** The Slack user is already linked to another contact. */
  readonly conflicts: number;
  /** Walked but not looked up: no e-mail, or routed to another target. */
  readonly skipped: number;
  /** The look-up failed (Slack error, or still rate-limited after the retries), by reason. */
  readonly failed: number;
  readonly failedByReason: Readonly<Record<string, number>>;
  /** Welcomes that did not go out although the link was made. */
  readonly welcomesNotSent: number;
  /** True when the signal stopped the walk before its end (run again to continue). */
  readonly stopped: boolean;
}

type MutableReport = { -readonly [K in keyof EmailMatchReport]: EmailMatchReport[K] } & {
  failedByReason: Record<string, number>;
};

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_RATE_LIMIT_RETRIES = 5;

/**
 * Links contacts to Slack by e-mail: walks the contacts not yet linked on Slack (one page at a time,
 * never the whole audience in memory), skips those without an address or routed elsewhere, refuses
 * addresses several contacts share before spending a Tier 3 call, looks the rest up with the
 * channel's paced `matchByEmail`, and hands each match to the link service, which binds the identity,
 * appends the consent event with its evidence and sends the welcome. Opted-out contacts are never
 * looked up, linked nor messaged.
 * @see PLATFORMS.md §3.1 (`users.lookupByEmail`: Tier 3, `users_not_found`)
 */
export async function matchContactsByEmail(options: MatchContactsByEmailOptions): Promise<EmailMatchReport> {
  const audience = options.audience ?? {};
  if (audience.consent === 'any') {
    throw new InputError(
      "E-mail matching never walks contacts with consent 'any': opted-out contacts stay out.",
    );
  }
  const query: AudienceQuery = {
    ...audience,
    consent: audience.consent ?? 'not-opted-out',
    notLinkedTo: [...new Set([...(audience.notLinkedTo ?? []), 'slack' as const])],
  };
  const report: MutableReport = {
    lookedUp: 0,
    matched: 0,
    notFoundOnSlack: 0,
    ambiguous: 0,
    conflicts: 0,
    skipped: 0,
    failed: 0,
    failedByReason: {},
    welcomesNotSent: 0,
    stopped: false,
  };
  const fail = (reason: string): void => {
    report.failed += 1;
    report.failedByReason[reason] = (report.failedByReason[reason] ?? 0) + 1;
  };
  const pages = options.store.contacts.iterateAudience(query, {
    batchSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
  });
  for await (const page of pages) {
    for (const contact of page) {
      if (options.signal?.aborted) {
        report.stopped = true;
        return report;
      }
      if (contact.email === undefined || options.routedHere?.(contact) === false) {
        report.skipped += 1;
        continue;
      }
      if ((await options.store.contacts.findByEmail(contact.email)).length > 1) {
        report.ambiguous += 1;
        continue;
      }
      const lookup = await lookUp(options, contact.email);
      if (lookup === 'stopped') {
        report.stopped = true;
        return report;
      }
      report.lookedUp += 1;
      if (lookup.status === 'not-found') report.notFoundOnSlack += 1;
      else if (lookup.status === 'rate-limited') fail('rate-limited');
      else if (lookup.status === 'failed') fail(lookup.reason);
      else countOutcome(report, await options.linkService.handle(lookup.event), fail);
      options.onProgress?.({ ...report, failedByReason: { ...report.failedByReason } });
    }
  }
  return report;
}

/** One look-up, retried while Slack answers 429 (the channel's pacer waits the pause out first). */
async function lookUp(
  options: MatchContactsByEmailOptions,
  email: string,
): Promise<EmailLookupResult | 'stopped'> {
  const retries = options.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
  let result: EmailLookupResult = { status: 'rate-limited', retryAfterMs: 0 };
  for (let attempt = 0; attempt <= retries && result.status === 'rate-limited'; attempt += 1) {
    try {
      result = await options.channel.matchByEmail(email, options.signal);
    } catch (error) {
      // The pacer rejects a wait with the signal's reason when the operator stops the run.
      if (options.signal?.aborted) return 'stopped';
      throw error;
    }
  }
  return result;
}

function countOutcome(report: MutableReport, outcome: LinkOutcome, fail: (reason: string) => void): void {
  if (outcome.status === 'linked' || outcome.status === 'already-linked') {
    report.matched += 1;
    if (outcome.welcome !== undefined && outcome.welcome.status !== 'sent') report.welcomesNotSent += 1;
    return;
  }
  if (outcome.status !== 'refused') return;
  if (outcome.reason === 'ambiguous') report.ambiguous += 1;
  else if (outcome.reason === 'conflict') report.conflicts += 1;
  else if (outcome.reason === 'opted-out') report.skipped += 1;
  else fail(`link ${outcome.reason}`);
}
