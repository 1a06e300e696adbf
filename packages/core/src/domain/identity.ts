import type { ChannelName } from '../capabilities/types.js';
import type { ContactId } from './contact.js';

/**
 * How an identity was linked: a single-use link token, a shared phone number (Telegram
 * `request_contact`), an e-mail match (Slack `users.lookupByEmail`) or an OAuth flow.
 * @see PLATFORMS.md §2.2 (contact sharing)
 */
export type LinkMethod = 'token' | 'phone' | 'email' | 'oauth';

/** A contact's account on a target channel, and how and when Ferry learned it is theirs. */
export interface LinkedIdentity {
  readonly contactId: ContactId;
  readonly channel: ChannelName;
  /** Telegram user id, Slack user id or Discord user id, as a string. */
  readonly platformUserId: string;
  readonly method: LinkMethod;
  /** Ms since epoch. */
  readonly linkedAt: number;
  /** What proved it (token id, event id); never the raw token. */
  readonly evidence?: string;
}

/**
 * The result of linking. One platform account belongs to one contact and one contact has one
 * account per channel; a clash is a `conflict` value naming the identity already stored.
 */
export type LinkResult =
  | { readonly outcome: 'linked' | 'already-linked'; readonly identity: LinkedIdentity }
  | {
      readonly outcome: 'conflict';
      readonly reason: 'platform-user-linked-elsewhere' | 'contact-linked-to-other-user';
      readonly existing: LinkedIdentity;
    };

/**
 * A stored link token: only its hash is kept, so a leaked database cannot be used to claim anyone.
 * @see ARCHITECTURE.md "Data that must never be lost"
 */
export interface LinkTokenRecord {
  /** The token's public id (looked up first, then the hash is compared). */
  readonly tokenId: string;
  /** Hash of the secret part (hex or base64url, as core's token module produces). */
  readonly hash: string;
  readonly contactId: ContactId;
  /** The channel the token links to. */
  readonly channel: ChannelName;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly claimedAt?: number;
  /** The platform user id that claimed it. */
  readonly claimedBy?: string;
}

/** A token to store; there is deliberately no field for the raw token. */
export type NewLinkToken = Omit<LinkTokenRecord, 'claimedAt' | 'claimedBy'>;

/** The result of a claim: only the one call that flips `claimedAt` gets `claimed: true`. */
export type ClaimResult =
  | { readonly claimed: true; readonly record: LinkTokenRecord }
  | { readonly claimed: false; readonly reason: 'not-found' }
  | {
      readonly claimed: false;
      readonly reason: 'already-claimed' | 'expired';
      readonly record: LinkTokenRecord;
    };
