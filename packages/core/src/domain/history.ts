import type { ChannelName } from '../capabilities/types.js';
import type { ContactId } from './contact.js';
import type { StoredJson } from './json.js';

/** One message of a contact's recent conversation, carried over so the assistant keeps its context. */
export interface HistoryEntry {
  readonly id: number;
  readonly contactId: ContactId;
  readonly channel: ChannelName;
  readonly direction: 'inbound' | 'outbound';
  /** The platform's message id; entries with the same (contact, channel, message id) are stored once. */
  readonly messageId?: string;
  readonly text?: string;
  /** The neutral message or the raw payload, for non-text messages. */
  readonly payload?: StoredJson;
  readonly at: number;
}

/** A history entry to append; the store assigns `id`. */
export type HistoryEntryInput = Omit<HistoryEntry, 'id'>;
