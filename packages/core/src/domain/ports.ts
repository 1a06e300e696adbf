import type { ChannelName } from '../capabilities/types.js';
import type { AuditEntry, AuditEntryInput } from './audit.js';
import type {
  Campaign,
  CampaignInput,
  CampaignStatus,
  JournalCounts,
  JournalEntry,
  JournalState,
  JournalTransition,
} from './campaign.js';
import type { StoredFlow, StoredTemplate } from './catalog.js';
import type { ConsentEvent, ConsentEventInput, ConsentStatus } from './consent.js';
import type { AudienceQuery, Contact, ContactId, ContactInput, ContactUpsertResult } from './contact.js';
import type { FlowSession } from './flow-session.js';
import type { HistoryEntry, HistoryEntryInput } from './history.js';
import type { ClaimResult, LinkedIdentity, LinkResult, LinkTokenRecord, NewLinkToken } from './identity.js';

// Every method is async so a PostgreSQL (network) store can implement the same ports unchanged.

/** Contacts: merge-on-upsert, look-ups, and a streaming audience for campaigns. */
export interface ContactRepository {
  /** Creates or merges one contact (tags union, first seen min, last seen max, newer profile fields win). */
  upsert(input: ContactInput): Promise<ContactUpsertResult>;
  /** `upsert` for many records in one transaction; results are in input order. */
  upsertMany(inputs: readonly ContactInput[]): Promise<readonly ContactUpsertResult[]>;
  /**
   * Bulk import of many rows in one transaction with the same merge rules and results as
   * `upsertMany` followed by `consents.appendMany` (idempotent on the consent natural key), but
   * without returning the contacts: one look-up for the whole batch and no re-reads.
   */
  importBatch(
    rows: readonly {
      readonly contact: ContactInput;
      readonly consents: readonly Omit<ConsentEventInput, 'contactId'>[];
    }[],
  ): Promise<{
    /** Per row, in input order: the contact it became or merged into, or why it could not. */
    readonly results: readonly (
      | { readonly outcome: 'created' | 'updated'; readonly contactId: ContactId }
      | Extract<ContactUpsertResult, { outcome: 'conflict' }>
    )[];
    readonly consentsAppended: number;
    readonly consentsExisting: number;
  }>;
  get(id: ContactId): Promise<Contact | undefined>;
  findByWaId(waId: string): Promise<Contact | undefined>;
  findByPhone(phone: string): Promise<Contact | undefined>;
  findByBsuid(bsuid: string): Promise<Contact | undefined>;
  /** Every contact with this e-mail address (compared lower-cased and trimmed), ascending by id; several may share one. */
  findByEmail(email: string): Promise<readonly Contact[]>;
  count(): Promise<number>;
  countAudience(query: AudienceQuery): Promise<number>;
  /**
   * Yields the audience in batches of at most `batchSize` (default 1000), ascending by id, fetching
   * one page at a time (keyset pagination), so memory stays flat however large the audience.
   */
  iterateAudience(
    query: AudienceQuery,
    options?: { readonly batchSize?: number; readonly afterId?: ContactId },
  ): AsyncIterable<readonly Contact[]>;
}

/** The consent ledger: append-only, idempotent on (contact, kind, source, evidence, at). */
export interface ConsentRepository {
  /** Appends one event; `appended: false` (and the stored event) when the same event is already there. */
  append(input: ConsentEventInput): Promise<{ readonly appended: boolean; readonly event: ConsentEvent }>;
  /** Appends many events in one transaction; re-appending the same file changes nothing. */
  appendMany(
    inputs: readonly ConsentEventInput[],
  ): Promise<{ readonly appended: number; readonly duplicates: number }>;
  /** A contact's events in ledger order (time, then insertion). */
  listByContact(contactId: ContactId): Promise<readonly ConsentEvent[]>;
  /** The status derived from the ledger by `consentStatusOf`'s rule. */
  statusOf(contactId: ContactId): Promise<ConsentStatus>;
}

/** Contacts' accounts on the target channels. */
export interface IdentityRepository {
  link(identity: LinkedIdentity): Promise<LinkResult>;
  findByPlatformUser(channel: ChannelName, platformUserId: string): Promise<LinkedIdentity | undefined>;
  listByContact(contactId: ContactId): Promise<readonly LinkedIdentity[]>;
}

/** Link tokens, hashed; claimed at most once. */
export interface LinkTokenRepository {
  /** Stores a token's hash; a record carrying a raw `token` field is refused. */
  insert(token: NewLinkToken): Promise<void>;
  findByTokenId(tokenId: string): Promise<LinkTokenRecord | undefined>;
  findByHash(hash: string): Promise<LinkTokenRecord | undefined>;
  listByContact(contactId: ContactId): Promise<readonly LinkTokenRecord[]>;
  /** Atomically claims an unclaimed, unexpired token; exactly one concurrent caller wins. */
  claim(tokenId: string, claim: { readonly claimedBy: string; readonly at: number }): Promise<ClaimResult>;
}

/** Imported templates and flows (neutral form plus original JSON); `put` replaces by key. */
export interface CatalogRepository {
  putTemplate(template: StoredTemplate): Promise<void>;
  getTemplate(name: string, language: string): Promise<StoredTemplate | undefined>;
  listTemplates(): Promise<readonly StoredTemplate[]>;
  putFlow(flow: StoredFlow): Promise<void>;
  getFlow(name: string): Promise<StoredFlow | undefined>;
  listFlows(): Promise<readonly StoredFlow[]>;
}

/** Recent conversation history per contact. */
export interface HistoryRepository {
  /** Appends entries in one transaction, skipping ones already stored; returns how many were new. */
  append(entries: readonly HistoryEntryInput[]): Promise<number>;
  /** The contact's last `limit` entries, oldest first. */
  recent(contactId: ContactId, limit: number): Promise<readonly HistoryEntry[]>;
}

/** Campaigns. */
export interface CampaignRepository {
  /** Creates a campaign; throws a `conflict` FerryError when the id is taken. */
  create(input: CampaignInput, at: number): Promise<Campaign>;
  get(id: string): Promise<Campaign | undefined>;
  list(): Promise<readonly Campaign[]>;
  setStatus(id: string, status: CampaignStatus, at: number): Promise<Campaign | undefined>;
}

/** A campaign's delivery journal: one entry per recipient, changed in group commits. */
export interface JournalRepository {
  /** Adds these contacts as `pending` (one transaction); those already journaled are left alone. Returns how many were added. */
  enqueue(campaignId: string, contactIds: readonly ContactId[], at: number): Promise<number>;
  /** Adds the whole audience as `pending` without loading it into memory. Returns how many were added. */
  enqueueAudience(campaignId: string, query: AudienceQuery, at: number): Promise<number>;
  /** Applies many transitions in ONE commit; `skipped` counts those whose entry was missing or not in `from`. */
  applyTransitions(
    transitions: readonly JournalTransition[],
  ): Promise<{ readonly applied: number; readonly skipped: number }>;
  get(campaignId: string, contactId: ContactId): Promise<JournalEntry | undefined>;
  /** The next `limit` pending entries by contact id (what a resumed run sends next). */
  pendingBatch(
    campaignId: string,
    limit: number,
    options?: { readonly afterContactId?: ContactId },
  ): Promise<readonly JournalEntry[]>;
  /** Entries in `state`, by contact id (for example the `in-flight` ones a crash left behind). */
  listByState(
    campaignId: string,
    state: JournalState,
    options?: { readonly limit?: number; readonly afterContactId?: ContactId },
  ): Promise<readonly JournalEntry[]>;
  counts(campaignId: string): Promise<JournalCounts>;
  findByPlatformMessageId(platformMessageId: string): Promise<JournalEntry | undefined>;
  findByCallbackData(callbackData: string): Promise<JournalEntry | undefined>;
  /** Records a delivery status from a webhook; false when no entry carries that message id. */
  recordDelivery(platformMessageId: string, status: 'delivered' | 'read', at: number): Promise<boolean>;
}

/** Flow runs in progress. */
export interface FlowSessionRepository {
  /** Creates or replaces the session with this id. */
  put(session: FlowSession): Promise<void>;
  get(id: string): Promise<FlowSession | undefined>;
  /** The contact's most recently updated active session on this channel. */
  findActive(contactId: ContactId, channel: ChannelName): Promise<FlowSession | undefined>;
}

/**
 * Which form each custom WhatsApp Flow token was sent for, shared by every process on the store:
 * the completion webhook carries only the token, and `ferry serve` receives what `ferry notify`
 * sent. Kept bounded by `prune`. @see PLATFORMS.md §1.1 "nfm_reply" (the Flow id is not in the reply)
 */
export interface FlowTokenRepository {
  /**
   * Records that `token` was sent for `formId` at `at` (ms): a token re-sent for another form names
   * the latest; a token equal to its form id keeps no row (and drops an older one).
   */
  remember(token: string, formId: string, at: number): Promise<void>;
  /** The form id `token` was last sent for, or `undefined` when it was never remembered (or was pruned). */
  formIdOf(token: string): Promise<string | undefined>;
  /** Forgets tokens sent before `sentBefore` and all but about the newest `keepNewest`; returns how many it forgot. */
  prune(bounds: { readonly sentBefore: number; readonly keepNewest: number }): Promise<number>;
  /** How many tokens are remembered. */
  count(): Promise<number>;
}

/** The audit log (append-only). */
export interface AuditRepository {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first. */
  list(options?: { readonly limit?: number; readonly command?: string }): Promise<readonly AuditEntry[]>;
}

/**
 * Everything Ferry stores, behind one interface: the engine and CLI talk to these repositories and
 * never write SQL. SQLite implements it today (`@ferry/store`); PostgreSQL can implement it later.
 */
export interface FerryStore {
  readonly contacts: ContactRepository;
  readonly consents: ConsentRepository;
  readonly identities: IdentityRepository;
  readonly linkTokens: LinkTokenRepository;
  readonly catalog: CatalogRepository;
  readonly history: HistoryRepository;
  readonly campaigns: CampaignRepository;
  readonly journal: JournalRepository;
  readonly flowSessions: FlowSessionRepository;
  readonly flowTokens: FlowTokenRepository;
  readonly audit: AuditRepository;
  /**
   * Runs `work` as one transaction: every repository call made from within `work` (its async
   * context) commits together or not at all; calls from elsewhere wait until it ends. Nested calls
   * become savepoints. Keep network calls out of `work`: it holds the store's write lock.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Closes the store; later calls fail. */
  close(): Promise<void>;
}
