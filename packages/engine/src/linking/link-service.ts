import {
  type Channel,
  type ChannelName,
  type Clock,
  type Contact,
  type ContactId,
  createLinkToken,
  type FerryStore,
  type InboundEvent,
  LINK_TOKEN_DEFAULT_TTL_MS,
  type LinkedIdentity,
  type LinkMethod,
  type LinkTokenSecret,
  type Message,
  readLinkTokenId,
  type SendOutcome,
  systemClock,
  verifyLinkToken,
} from '@ferry/core';
import type { LinkIssuer } from '../campaign/types.js';
import { DEFAULT_LINK_TEXTS, type LinkTexts } from './texts.js';

/** Options of a {@link LinkService}. */
export interface LinkServiceOptions {
  readonly store: FerryStore;
  /** The operator's signing secret (at least 32 bytes); never stored or logged. */
  readonly secret: LinkTokenSecret;
  /** Target channels, for invite links, replies and the welcome message. */
  readonly channels: Partial<Record<ChannelName, Channel>>;
  readonly clock?: Clock;
  /** Token lifetime (default 30 days). */
  readonly ttlMs?: number;
  /** The welcome message sent on the target after a link (default: `texts.welcome`). */
  readonly welcome?: (target: ChannelName, contact: Contact) => Message;
  readonly texts?: Partial<LinkTexts>;
}

/** A token issued to a contact for a target: give `link` (or `token`) to the user, never log it. */
export interface IssuedLink {
  readonly token: string;
  readonly tokenId: string;
  readonly link: string;
  readonly expiresAt: number;
}

/** Why a link attempt was refused. */
export type LinkRefusal =
  | 'expired'
  | 'reused'
  | 'unknown'
  | 'wrong-channel'
  | 'opted-out'
  | 'conflict'
  | 'not-found'
  /** An e-mail match whose address several contacts share: Ferry never guesses which one. */
  | 'ambiguous';

/** What {@link LinkService.handle} did with one inbound event. */
export type LinkOutcome =
  | {
      readonly status: 'linked' | 'already-linked';
      readonly identity: LinkedIdentity;
      /** The welcome message's outcome (undefined when the channel is not configured). */
      readonly welcome: SendOutcome | undefined;
    }
  | { readonly status: 'refused'; readonly reason: LinkRefusal; readonly reply: SendOutcome | undefined }
  | { readonly status: 'activity'; readonly contactId: ContactId }
  | { readonly status: 'opted-out'; readonly contactId: ContactId }
  | { readonly status: 'ignored' };

/** A rolled-back link: the identity clashed with one already stored. */
class LinkConflict extends Error {}

/**
 * Links WhatsApp contacts to their new accounts: issues one signed, expiring token per contact and
 * target (only its hash is stored), claims it from any channel's `link-claim` event, binds the
 * identity and appends a `link` consent event (token id, claim message, time) in one transaction,
 * then sends the welcome. Shared phone numbers (Telegram) and e-mail matches (Slack, through the
 * store's `findByEmail`: exactly one contact or no link) go through the same path. Expired, reused and unknown tokens get a friendly reply; a contact who opted out
 * is never linked nor messaged.
 * @see PRODUCT.md "links identities with signed, single-use, expiring tokens"
 */
export class LinkService implements LinkIssuer {
  private readonly store: FerryStore;
  private readonly clock: Clock;
  private readonly texts: LinkTexts;

  constructor(private readonly options: LinkServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.texts = { ...DEFAULT_LINK_TEXTS, ...options.texts };
  }

  /** Issues a token for one contact and target; `undefined` when the contact opted out. */
  async issue(contactId: ContactId, target: ChannelName): Promise<IssuedLink | undefined> {
    const status = await this.store.consents.statusOf(contactId);
    if (status.state === 'opted-out') return undefined;
    return (await this.issueMany([contactId], target)).get(contactId);
  }

  /** Issues tokens for many contacts in one commit (the campaign calls this per page). */
  async issueMany(
    contactIds: readonly ContactId[],
    target: ChannelName,
  ): Promise<Map<ContactId, IssuedLink>> {
    const channel = this.options.channels[target];
    const now = this.clock.now();
    const issued = new Map<ContactId, IssuedLink>();
    await this.store.transaction(async () => {
      for (const contactId of contactIds) {
        const created = createLinkToken({
          secret: this.options.secret,
          now,
          ttlMs: this.options.ttlMs ?? LINK_TOKEN_DEFAULT_TTL_MS,
        });
        await this.store.linkTokens.insert({
          tokenId: created.tokenId,
          hash: created.hash,
          contactId,
          channel: target,
          createdAt: now,
          expiresAt: created.expiresAt,
        });
        issued.set(contactId, {
          token: created.token,
          tokenId: created.tokenId,
          expiresAt: created.expiresAt,
          link: channel === undefined ? created.token : channel.inviteLink(created.token),
        });
      }
    });
    return issued;
  }

  /** Handles one inbound event from a target channel: link claims, shared phones, e-mail matches, activity, stop. */
  async handle(event: InboundEvent): Promise<LinkOutcome> {
    switch (event.type) {
      case 'link-claim':
        return this.claimToken(event);
      case 'contact-shared': {
        const contact = await this.store.contacts.findByPhone(event.phone);
        return this.linkMatched(event, contact?.id, 'phone', `contact-shared ${event.eventId}`);
      }
      case 'email-match':
        return this.linkByEmail(event);
      case 'text':
      case 'choice':
      case 'form':
        return this.recordActivity(event);
      case 'stop':
      case 'blocked':
        return this.recordOptOut(event);
    }
  }

  private async claimToken(event: Extract<InboundEvent, { type: 'link-claim' }>): Promise<LinkOutcome> {
    const tokenId = readLinkTokenId(event.token);
    const record = tokenId === undefined ? undefined : await this.store.linkTokens.findByTokenId(tokenId);
    const now = this.clock.now();
    const verdict = verifyLinkToken(event.token, {
      secret: this.options.secret,
      now,
      lookup: () =>
        record === undefined
          ? undefined
          : {
              hash: record.hash,
              expiresAt: record.expiresAt,
              ...(record.claimedAt === undefined ? {} : { claimedAt: record.claimedAt }),
            },
    });
    if (!verdict.ok || record === undefined) {
      const reason = verdict.ok
        ? 'unknown'
        : verdict.reason === 'expired' || verdict.reason === 'reused'
          ? verdict.reason
          : 'unknown';
      return this.refuse(event, reason);
    }
    if (record.channel !== event.channel) return this.refuse(event, 'wrong-channel');
    if ((await this.store.consents.statusOf(record.contactId)).state === 'opted-out')
      return { status: 'refused', reason: 'opted-out', reply: undefined };
    const evidence = `token ${record.tokenId}; ${event.via} ${event.eventId}`;
    try {
      const linked = await this.store.transaction(async () => {
        const claim = await this.store.linkTokens.claim(record.tokenId, {
          claimedBy: event.sender.id,
          at: now,
        });
        if (!claim.claimed)
          return claim.reason === 'already-claimed'
            ? 'reused'
            : claim.reason === 'expired'
              ? 'expired'
              : 'unknown';
        return this.bind(event, record.contactId, 'token', evidence);
      });
      if (typeof linked === 'string') return this.refuse(event, linked);
      return this.welcome(event, linked);
    } catch (error) {
      if (error instanceof LinkConflict) return this.refuse(event, 'conflict');
      throw error;
    }
  }

  /**
   * Links the one contact holding the matched address. The user did not write to us (the operator
   * ran the match), so a refusal is silent: only a successful link sends the welcome.
   */
  private async linkByEmail(event: Extract<InboundEvent, { type: 'email-match' }>): Promise<LinkOutcome> {
    const contacts = await this.store.contacts.findByEmail(event.email);
    if (contacts.length !== 1) {
      return {
        status: 'refused',
        reason: contacts.length === 0 ? 'not-found' : 'ambiguous',
        reply: undefined,
      };
    }
    return this.linkMatched(
      event,
      contacts[0]?.id,
      'email',
      `email-match ${event.eventId} (users.lookupByEmail ${event.email.trim().toLowerCase()})`,
      false,
    );
  }

  private async linkMatched(
    event: Extract<InboundEvent, { type: 'contact-shared' | 'email-match' }>,
    contactId: ContactId | undefined,
    method: LinkMethod,
    evidence: string,
    replyOnRefusal = true,
  ): Promise<LinkOutcome> {
    const refuse = (reason: LinkRefusal): Promise<LinkOutcome> | LinkOutcome =>
      replyOnRefusal ? this.refuse(event, reason) : { status: 'refused', reason, reply: undefined };
    if (contactId === undefined) return refuse('not-found');
    if ((await this.store.consents.statusOf(contactId)).state === 'opted-out')
      return { status: 'refused', reason: 'opted-out', reply: undefined };
    try {
      const linked = await this.store.transaction(() => this.bind(event, contactId, method, evidence));
      return this.welcome(event, linked);
    } catch (error) {
      if (error instanceof LinkConflict) return refuse('conflict');
      throw error;
    }
  }

  /** Links the identity and appends the consent evidence; throws {@link LinkConflict} to roll back. */
  private async bind(
    event: InboundEvent,
    contactId: ContactId,
    method: LinkMethod,
    evidence: string,
  ): Promise<{ identity: LinkedIdentity; fresh: boolean }> {
    const result = await this.store.identities.link({
      contactId,
      channel: event.channel,
      platformUserId: event.sender.id,
      method,
      linkedAt: event.at,
      evidence,
    });
    if (result.outcome === 'conflict') throw new LinkConflict(result.reason);
    await this.store.consents.append({
      contactId,
      kind: 'link',
      channel: event.channel,
      source: 'link-claim',
      evidence,
      at: event.at,
    });
    return { identity: result.identity, fresh: result.outcome === 'linked' };
  }

  private async welcome(
    event: InboundEvent,
    linked: { identity: LinkedIdentity; fresh: boolean },
  ): Promise<LinkOutcome> {
    const contact = await this.store.contacts.get(linked.identity.contactId);
    const message =
      this.options.welcome !== undefined && contact !== undefined
        ? this.options.welcome(event.channel, contact)
        : { text: this.texts.welcome };
    const welcome = await this.reply(event, message);
    return { status: linked.fresh ? 'linked' : 'already-linked', identity: linked.identity, welcome };
  }

  private async refuse(event: InboundEvent, reason: LinkRefusal): Promise<LinkOutcome> {
    const text =
      reason === 'expired'
        ? this.texts.expired
        : reason === 'reused'
          ? this.texts.reused
          : reason === 'conflict'
            ? this.texts.conflict
            : reason === 'not-found'
              ? this.texts.notFound
              : this.texts.unknown;
    return { status: 'refused', reason, reply: await this.reply(event, { text }) };
  }

  private async reply(event: InboundEvent, message: Message): Promise<SendOutcome | undefined> {
    const channel = this.options.channels[event.channel];
    if (channel === undefined) return undefined;
    return channel.send(event.sender.conversationId ?? event.sender.id, message);
  }

  private async recordActivity(
    event: Extract<InboundEvent, { type: 'text' | 'choice' | 'form' }>,
  ): Promise<LinkOutcome> {
    const identity = await this.store.identities.findByPlatformUser(event.channel, event.sender.id);
    if (identity === undefined) return { status: 'ignored' };
    await this.store.history.append([
      {
        contactId: identity.contactId,
        channel: event.channel,
        direction: 'inbound',
        messageId: event.eventId,
        ...(event.type === 'text' ? { text: event.text } : {}),
        at: event.at,
      },
    ]);
    return { status: 'activity', contactId: identity.contactId };
  }

  private async recordOptOut(
    event: Extract<InboundEvent, { type: 'stop' | 'blocked' }>,
  ): Promise<LinkOutcome> {
    const identity = await this.store.identities.findByPlatformUser(event.channel, event.sender.id);
    if (identity === undefined) return { status: 'ignored' };
    await this.store.consents.append({
      contactId: identity.contactId,
      kind: 'opt-out',
      channel: event.channel,
      source: 'webhook',
      evidence: `${event.type} ${event.eventId}`,
      ...(event.type === 'stop' && event.text !== undefined ? { text: event.text } : {}),
      at: event.at,
    });
    return { status: 'opted-out', contactId: identity.contactId };
  }
}
