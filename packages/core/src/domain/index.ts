export type { AuditEntry, AuditEntryInput } from './audit.js';
export type {
  Campaign,
  CampaignInput,
  CampaignStatus,
  JournalCounts,
  JournalEntry,
  JournalState,
  JournalTransition,
} from './campaign.js';
export { JOURNAL_STATES } from './campaign.js';
export type { StoredFlow, StoredTemplate } from './catalog.js';
export type { ConsentEvent, ConsentEventInput, ConsentKind, ConsentState, ConsentStatus } from './consent.js';
export { consentStatusOf, isDecisiveConsentKind } from './consent.js';
export type { AudienceQuery, Contact, ContactId, ContactInput, ContactUpsertResult } from './contact.js';
export type { FlowSession, FlowSessionStatus } from './flow-session.js';
export type { HistoryEntry, HistoryEntryInput } from './history.js';
export type {
  ClaimResult,
  LinkedIdentity,
  LinkMethod,
  LinkResult,
  LinkTokenRecord,
  NewLinkToken,
} from './identity.js';
export type { StoredJson } from './json.js';
export type {
  AuditRepository,
  CampaignRepository,
  CatalogRepository,
  ConsentRepository,
  ContactRepository,
  FerryStore,
  FlowSessionRepository,
  FlowTokenRepository,
  HistoryRepository,
  IdentityRepository,
  JournalRepository,
  LinkTokenRepository,
} from './ports.js';
