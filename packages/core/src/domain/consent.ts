import type { ChannelName } from '../capabilities/types.js';
import type { ContactId } from './contact.js';

/**
 * What a consent event records.
 * - `opt-in`: the person agreed to receive messages (form, keyword, checkbox, imported export).
 * - `opt-out`: the person asked to stop (STOP, "Unsubscribe" button, blocked the bot). Applies to every channel.
 * - `link`: the person linked an identity on another channel; evidence only, it never changes the status.
 * - `re-consent`: the person agreed again, explicitly, after an opt-out.
 * @see PLATFORMS.md §1.7 (opt-in must be prior and explicit; opt-outs must be honoured)
 */
export type ConsentKind = 'opt-in' | 'opt-out' | 'link' | 're-consent';

/** One entry of the append-only consent ledger: who, what, where, on which evidence, and when. */
export interface ConsentEvent {
  /** Ascending in insertion order. */
  readonly id: number;
  readonly contactId: ContactId;
  readonly kind: ConsentKind;
  /** The channel the event happened on. */
  readonly channel: ChannelName;
  /** Where Ferry learned it: `import:optins.csv`, `webhook`, `link-claim`, `operator`. */
  readonly source: string;
  /** The consent wording the person saw, when known. */
  readonly text?: string;
  /** Or the version of that wording (`tos-2025-03`), when the text lives elsewhere. */
  readonly textVersion?: string;
  /** What carried it: a message id (`wamid…`), a form submission id, a file and line. */
  readonly evidence?: string;
  /** When it happened (ms since epoch). */
  readonly at: number;
  /** When the store recorded it (ms since epoch). */
  readonly recordedAt: number;
}

/** A consent event to append; the store assigns `id` and `recordedAt`. */
export type ConsentEventInput = Omit<ConsentEvent, 'id' | 'recordedAt'>;

/** A contact's consent as derived from the ledger. */
export type ConsentState = 'opted-in' | 'opted-out' | 'unknown';

/** A derived consent status and the event that decided it (absent when `unknown`). */
export interface ConsentStatus {
  readonly state: ConsentState;
  /** The deciding event's time (ms since epoch). */
  readonly since?: number;
  readonly decidedBy?: ConsentEvent;
}

/** True for the kinds that decide a status (`link` is evidence only). */
export function isDecisiveConsentKind(kind: ConsentKind): boolean {
  return kind !== 'link';
}

/** Opt-outs outrank opt-ins that carry the very same time: when in doubt, do not message. */
function rankOf(kind: ConsentKind): number {
  return kind === 'opt-out' ? 1 : 0;
}

/**
 * Derives a contact's consent from its ledger events (any order). The rule: the LATEST decisive
 * event wins — `opt-in` and `re-consent` mean opted-in, `opt-out` means opted-out, `link` is ignored;
 * "latest" is by `at`, then an opt-out beats an opt-in at the same instant, then the later `id`.
 * No decisive event means `unknown`. The SQL store applies the same rule in its queries.
 */
export function consentStatusOf(events: Iterable<ConsentEvent>): ConsentStatus {
  let winner: ConsentEvent | undefined;
  for (const event of events) {
    if (!isDecisiveConsentKind(event.kind)) continue;
    if (winner === undefined || beats(event, winner)) winner = event;
  }
  if (winner === undefined) return { state: 'unknown' };
  return {
    state: winner.kind === 'opt-out' ? 'opted-out' : 'opted-in',
    since: winner.at,
    decidedBy: winner,
  };
}

function beats(candidate: ConsentEvent, current: ConsentEvent): boolean {
  if (candidate.at !== current.at) return candidate.at > current.at;
  const rankDifference = rankOf(candidate.kind) - rankOf(current.kind);
  if (rankDifference !== 0) return rankDifference > 0;
  return candidate.id > current.id;
}
