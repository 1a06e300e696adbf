import type { ChannelName } from '../capabilities/types.js';
import type { AudienceQuery, ContactId } from './contact.js';
import type { StoredJson } from './json.js';

/** Where a campaign is in its life. */
export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';

/** A broadcast: whom (an audience query), what (the message spec), on which channel. */
export interface Campaign {
  /** Chosen by the caller (the plan file names campaigns), unique. */
  readonly id: string;
  readonly name: string;
  readonly channel: ChannelName;
  readonly audience: AudienceQuery;
  /** The neutral message or template reference to send, as the plan describes it. */
  readonly message: StoredJson;
  readonly status: CampaignStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A campaign to create; the store stamps the times. */
export type CampaignInput = Omit<Campaign, 'createdAt' | 'updatedAt' | 'status'> & {
  readonly status?: CampaignStatus;
};

/**
 * A recipient's state in a campaign's delivery journal.
 * - `pending`: not tried yet. `in-flight`: written BEFORE the network call.
 * - `sent`: the platform accepted it. `failed`: refused or out of retries.
 * - `blocked`: the user blocked the bot or is unreachable. `skipped`: deliberately not sent (opted out since).
 * - `ambiguous`: the call may or may not have delivered (crash or lost response); reconcile before resending.
 */
export type JournalState = 'pending' | 'in-flight' | 'sent' | 'failed' | 'blocked' | 'skipped' | 'ambiguous';

/** Every journal state, in lifecycle order. */
export const JOURNAL_STATES: readonly JournalState[] = [
  'pending',
  'in-flight',
  'sent',
  'failed',
  'blocked',
  'skipped',
  'ambiguous',
];

/** One recipient of one campaign; (campaignId, contactId) is unique, so nobody is journaled twice. */
export interface JournalEntry {
  readonly campaignId: string;
  readonly contactId: ContactId;
  readonly state: JournalState;
  /** Why it failed, was blocked, skipped or is ambiguous. */
  readonly reason?: string;
  /** The platform's id for the sent message (WhatsApp `wamid…`). */
  readonly platformMessageId?: string;
  /** Opaque data echoed in delivery statuses (WhatsApp `biz_opaque_callback_data`), for reconciliation. */
  readonly callbackData?: string;
  /** Network attempts so far. */
  readonly attempts: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the platform reported delivery / read (ms since epoch). */
  readonly deliveredAt?: number;
  readonly readAt?: number;
}

/**
 * One state change, applied with many others in a single commit. When `from` is given the change
 * applies only if the entry is currently in one of those states (a late or duplicate update is skipped).
 */
export interface JournalTransition {
  readonly campaignId: string;
  readonly contactId: ContactId;
  readonly to: JournalState;
  readonly from?: readonly JournalState[];
  readonly reason?: string;
  readonly platformMessageId?: string;
  readonly callbackData?: string;
  /** Count one more network attempt (set when moving to `in-flight`). */
  readonly countAttempt?: boolean;
  readonly at: number;
}

/** How many entries of a campaign are in each state. */
export type JournalCounts = Readonly<Record<JournalState, number>>;
