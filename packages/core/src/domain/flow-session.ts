import type { ChannelName } from '../capabilities/types.js';
import type { ContactId } from './contact.js';
import type { StoredJson } from './json.js';

/** Where a conversation flow run stands. */
export type FlowSessionStatus = 'active' | 'completed' | 'abandoned';

/** One contact's run through a flow on one channel: current screen and the answers so far. */
export interface FlowSession {
  /** Chosen by the caller (the flow runner), unique. */
  readonly id: string;
  readonly contactId: ContactId;
  readonly channel: ChannelName;
  readonly flowName: string;
  readonly screen?: string;
  /** The interpreter's state (answers, navigation stack). */
  readonly state: StoredJson;
  readonly status: FlowSessionStatus;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly expiresAt?: number;
}
