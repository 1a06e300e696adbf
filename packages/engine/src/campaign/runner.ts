import { setMaxListeners } from 'node:events';
import {
  type AudienceQuery,
  type Clock,
  ConfigError,
  type Contact,
  type FerryStore,
  type FidelityNote,
  type JournalState,
  type JournalTransition,
  Pacer,
  type PacingPreset,
  type SendOutcome,
  type StoredJson,
  silentLogger,
  systemClock,
} from '@ferry/core';
import { decideRetry, type RetryPolicy, retryPolicyOf } from '../retry/index.js';
import { RecipientClaims } from './claims.js';
import { GroupCommitter } from './committer.js';
import { preferLeanHeap } from './heap.js';
import {
  canSendTemplates,
  displayNameOf,
  needsLink,
  type Personalisation,
  personaliseMessage,
  personaliseTemplate,
} from './message.js';
import { ProgressMeter } from './progress.js';
import { type AudienceItem, campaignAudience } from './recipients.js';
import { recoverInFlight } from './recovery.js';
import { isInSendWindow } from './send-window.js';
import type { CampaignEvent, CampaignReport, CampaignRunOptions, RecoveryCounts, RunEnd } from './types.js';

/** The tag a contact gets when they blocked the bot on `channel`; later campaigns on it skip them. */
export function blockedTag(channel: string): string {
  return `ferry:blocked:${channel}`;
}

/** The idempotency key and callback data of one send: `<campaignId>:<contactId>`. */
export function sendKeyOf(campaignId: string, contactId: number): string {
  return `${campaignId}:${contactId}`;
}

interface Prepared {
  readonly contact: Contact;
  readonly address: string;
  readonly values: Personalisation;
}

type Halt = 'stop' | 'cancel' | 'limit' | 'error';

const DRY_RUN_TOKEN = 'DRY_RUN_TOKEN';
/** How long a worker may wait for others to share its claim's group commit. */
const CLAIM_LINGER_MS = 50;
/** Link tokens issued per transaction. */
const LINK_ISSUE_CHUNK = 500;

/** Default recipient address: WhatsApp id on WhatsApp, the linked identity elsewhere. */
async function defaultRecipientOf(
  contact: Contact,
  store: FerryStore,
  channel: string,
): Promise<string | undefined> {
  if (channel === 'whatsapp') return contact.waId ?? contact.phone?.replace(/\D/g, '') ?? contact.bsuid;
  const identities = await store.identities.listByContact(contact.id);
  return identities.find((identity) => identity.channel === channel)?.platformUserId;
}

/** A failure's reason category, for `failedByReason` and the journal. */
function reasonOf(outcome: Exclude<SendOutcome, { status: 'sent' }>): { category: string; detail: string } {
  switch (outcome.status) {
    case 'rejected':
      return {
        category: outcome.code === undefined ? 'rejected' : `rejected:${outcome.code}`,
        detail: outcome.reason,
      };
    case 'rate-limited':
      return {
        category: 'rate-limited',
        detail: `retry after ${outcome.retryAfterMs} ms (${outcome.scope})`,
      };
    case 'blocked':
    case 'unknown-recipient':
    case 'transient':
    case 'ambiguous':
      return { category: outcome.status, detail: outcome.reason };
  }
}

function stateOf(outcome: Exclude<SendOutcome, { status: 'sent' }>): JournalState {
  if (outcome.status === 'blocked') return 'blocked';
  if (outcome.status === 'ambiguous') return 'ambiguous';
  return 'failed';
}

/**
 * One run of a campaign: recovers what a crash left `in-flight`, streams the audience from the
 * store, paces sends (core's `Pacer`, `concurrency` on the network at once), journals each
 * recipient `in-flight` in a group commit BEFORE its network call and its outcome in a later
 * group commit, retries by policy, and reports progress. Running it again continues where the
 * last run stopped: nobody is lost and nothing known to be sent is sent again.
 * @see ARCHITECTURE.md "Data that must never be lost"
 */
export class CampaignRun {
  private readonly store: FerryStore;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly pacer: Pacer;
  private readonly committer: GroupCommitter;
  private readonly meter: ProgressMeter;
  private readonly halt = new AbortController();
  private haltReason: Halt | undefined;
  private haltError: unknown;
  private gate: { promise: Promise<void>; release: () => void } | undefined;
  private tried = 0;
  private firstSendAt: number | undefined;
  private readonly audience: AudienceQuery;

  constructor(private readonly options: CampaignRunOptions) {
    const { channel, campaign } = options;
    if ((campaign.audience.consent ?? 'opted-in') === 'any')
      throw new ConfigError('A campaign audience must filter on consent: use "opted-in" or "not-opted-out".');
    if (campaign.message.kind === 'template' && !canSendTemplates(channel))
      throw new ConfigError(`The ${channel.name} channel cannot send WhatsApp templates.`);
    if (needsLink(campaign.message) && options.links === undefined && options.dryRun !== true)
      throw new ConfigError('The message uses {{link}} or {{token}}: give the campaign a link issuer.');
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.policy = retryPolicyOf(options.retry);
    const pacing: PacingPreset = options.pacing ?? {
      global: { perSecond: channel.capabilities.rate.globalPerSecond },
      perKey: { perSecond: channel.capabilities.rate.perRecipientPerSecond },
    };
    this.pacer = new Pacer({ clock: this.clock, margin: options.pacingMargin ?? 0, ...pacing });
    this.committer = new GroupCommitter(this.store);
    // Every waiting send listens on the halt signal.
    setMaxListeners(0, this.halt.signal);
    this.meter = new ProgressMeter(campaign.id, this.clock, options.progressIntervalMs ?? 500, (event) =>
      this.emit(event),
    );
    const blocked = blockedTag(channel.name);
    this.audience = {
      ...campaign.audience,
      tagsNone: [...(campaign.audience.tagsNone ?? []), blocked],
    };
  }

  /** Holds new sends (those on the network finish) until `resume()`; the campaign shows `paused`. */
  pause(): void {
    if (this.gate !== undefined || this.haltReason !== undefined) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.gate = { promise, release };
    this.store.campaigns.setStatus(this.options.campaign.id, 'paused', this.clock.now()).catch(() => {});
    this.emit({ type: 'paused', campaignId: this.options.campaign.id, at: this.clock.now() });
  }

  /** Lets a paused run go on. */
  resume(): void {
    const gate = this.gate;
    if (gate === undefined) return;
    this.gate = undefined;
    gate.release();
    this.store.campaigns.setStatus(this.options.campaign.id, 'running', this.clock.now()).catch(() => {});
    this.emit({ type: 'resumed', campaignId: this.options.campaign.id, at: this.clock.now() });
  }

  /** Ends the run after the sends on the network finish; the campaign stays resumable (`paused`). */
  stop(): void {
    this.stopWith('stop');
  }

  /** Ends the run and the campaign: later runs send nothing more. */
  cancel(): void {
    this.stopWith('cancel');
  }

  /** Runs until the audience is exhausted, the run is stopped, cancelled or reaches its limit. */
  async run(): Promise<CampaignReport> {
    const startedAt = this.clock.now();
    if (this.options.dryRun === true) return this.dryRun(startedAt);
    const { campaign, channel } = this.options;
    if (this.options.leanHeap !== false) preferLeanHeap();
    const existing = await this.store.campaigns.get(campaign.id);
    if (existing?.status === 'cancelled') {
      return this.report(startedAt, 'cancelled', { ambiguous: 0, requeued: 0 });
    }
    if (existing === undefined) {
      await this.store.campaigns.create(
        {
          id: campaign.id,
          name: campaign.name ?? campaign.id,
          channel: channel.name,
          audience: this.audience,
          message: JSON.parse(JSON.stringify(campaign.message)) as StoredJson,
        },
        startedAt,
      );
    }
    await this.store.campaigns.setStatus(campaign.id, 'running', startedAt);
    const recovered = await recoverInFlight(this.store, campaign.id, {
      idempotent: channel.capabilities.idempotentSend,
      resendAmbiguous: this.policy.ambiguous === 'resend',
      at: startedAt,
    });
    this.emit({
      type: 'started',
      campaignId: campaign.id,
      dryRun: false,
      resumed: existing !== undefined,
      recovered,
      pending: undefined,
      at: startedAt,
    });

    const items = this.prepared();
    const concurrency = Math.max(1, this.options.concurrency ?? 16);
    // Half the workers share one claim: the other half keeps the pacer busy while it commits.
    const claims = new RecipientClaims(items, this.committer, (recipient) => this.markOf(recipient), {
      block: Math.ceil(concurrency / 2),
      lingerMs: CLAIM_LINGER_MS,
    });
    const workers = Array.from({ length: concurrency }, () => this.worker(claims));
    await Promise.all(workers);
    await items.return(undefined);
    try {
      await this.committer.flush();
    } finally {
      this.pacer.close();
    }
    if (this.haltReason === 'error') {
      await this.store.campaigns.setStatus(campaign.id, 'paused', this.clock.now());
      throw this.haltError;
    }
    const end: RunEnd =
      this.haltReason === 'cancel'
        ? 'cancelled'
        : this.haltReason === 'stop'
          ? 'paused'
          : this.haltReason === 'limit'
            ? 'limit-reached'
            : this.meter.counts.deferred > 0
              ? 'waiting-for-window'
              : 'completed';
    const status =
      end === 'cancelled'
        ? 'cancelled'
        : end === 'completed'
          ? 'completed'
          : end === 'waiting-for-window'
            ? 'scheduled'
            : 'paused';
    await this.store.campaigns.setStatus(campaign.id, status, this.clock.now());
    return this.report(startedAt, end, recovered);
  }

  private stopWith(reason: Halt, error?: unknown): void {
    if (this.haltReason !== undefined) return;
    this.haltReason = reason;
    this.haltError = error;
    this.halt.abort(new Error(`The campaign run was halted (${reason}).`));
    const gate = this.gate;
    this.gate = undefined;
    gate?.release();
  }

  private emit(event: CampaignEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      (this.options.logger ?? silentLogger).log('warn', 'a campaign event handler threw', {
        error: String(error),
      });
    }
  }

  private async estimateRemaining(): Promise<void> {
    try {
      const [total, journal] = await Promise.all([
        this.store.contacts.countAudience(this.audience),
        this.store.journal.counts(this.options.campaign.id),
      ]);
      // In-flight entries are this run's first claims (recovery settled older ones): still to go.
      const done =
        Object.values(journal).reduce((sum, count) => sum + count, 0) -
        journal.pending -
        journal['in-flight'];
      this.meter.setTotal(Math.max(0, total - done));
    } catch {
      // An estimate only feeds the ETA; the run goes on without it.
    }
  }

  /**
   * Pending recipients with their address and personal values, page by page; skips are journaled
   * at once. The next page is prepared while the current one is being sent, so sends never wait
   * for the store between pages.
   */
  private async *prepared(): AsyncGenerator<Prepared> {
    const pages = campaignAudience(this.store, this.options.campaign.id, this.audience, {
      pageSize: this.options.pageSize ?? 1000,
      now: () => this.clock.now(),
    })[Symbol.asyncIterator]();
    const prepare = async (): Promise<readonly Prepared[] | undefined> => {
      const page = await pages.next();
      return page.done === true ? undefined : this.preparePage(page.value);
    };
    let upcoming = prepare();
    try {
      for (;;) {
        const current = await upcoming;
        if (current === undefined || this.haltReason !== undefined) return;
        upcoming = prepare();
        // A rejection of the prefetch surfaces when it is awaited; until then it must not go unhandled.
        upcoming.catch(() => {});
        for (const recipient of current) {
          if (this.haltReason !== undefined) return;
          if (this.options.limit !== undefined && this.tried >= this.options.limit) {
            this.stopWith('limit');
            return;
          }
          this.tried++;
          yield recipient;
        }
      }
    } finally {
      await upcoming.catch(() => undefined);
      await pages.return?.(undefined);
    }
  }

  private async preparePage(page: readonly AudienceItem[]): Promise<readonly Prepared[]> {
    const { campaign, links } = this.options;
    const ready: { contact: Contact; address: string }[] = [];
    for (const item of page) {
      const screened = await this.screen(item, this.options.recipientOf);
      if ('skip' in screened) {
        this.committer.add(this.transition(item, 'skipped', screened.skip, ['pending']));
        this.meter.record('skipped', screened.skip);
      } else if ('deferred' in screened) {
        this.meter.record('deferred');
      } else ready.push(screened);
    }
    const issued = new Map<number, { readonly token: string; readonly link: string }>();
    if (needsLink(campaign.message) && links !== undefined) {
      // Small transactions, so the journal's group commits are never held up for long.
      for (let from = 0; from < ready.length; from += LINK_ISSUE_CHUNK) {
        const chunk = ready.slice(from, from + LINK_ISSUE_CHUNK).map((recipient) => recipient.contact.id);
        for (const [contactId, link] of await links.issuer.issueMany(chunk, links.target))
          issued.set(contactId, link);
      }
    }
    return ready.map((recipient) => {
      const personal = issued.get(recipient.contact.id);
      return {
        ...recipient,
        values: {
          name: displayNameOf(recipient.contact),
          token: personal?.token ?? '',
          link: personal?.link ?? '',
        },
      };
    });
  }

  /** A reason to skip, `deferred`, or the recipient with their address. */
  private async screen(
    item: AudienceItem,
    recipientOf: CampaignRunOptions['recipientOf'],
  ): Promise<{ skip: string } | { deferred: true } | { contact: Contact; address: string }> {
    if (item.kind === 'left-audience') return { skip: 'left-audience' };
    const contact = item.contact;
    const address =
      recipientOf === undefined
        ? await defaultRecipientOf(contact, this.store, this.options.channel.name)
        : await recipientOf(contact, this.store);
    if (address === undefined) return { skip: 'no-address' };
    const window = this.options.sendWindow;
    if (window !== undefined && !isInSendWindow(window, contact, this.clock.now())) return { deferred: true };
    return { contact, address };
  }

  private transition(
    item: AudienceItem | Prepared,
    to: JournalState,
    reason: string | undefined,
    from: readonly JournalState[],
    extra: Partial<Pick<JournalTransition, 'platformMessageId' | 'callbackData' | 'countAttempt'>> = {},
  ): JournalTransition {
    const contactId = 'contact' in item ? item.contact.id : item.contactId;
    return {
      campaignId: this.options.campaign.id,
      contactId,
      to,
      from,
      ...(reason === undefined ? {} : { reason }),
      ...extra,
      at: this.clock.now(),
    };
  }

  /** The `in-flight` mark a claim commits before the recipient's first network call. */
  private markOf(recipient: Prepared): JournalTransition {
    return this.transition(recipient, 'in-flight', undefined, ['pending'], {
      countAttempt: true,
      callbackData: sendKeyOf(this.options.campaign.id, recipient.contact.id),
    });
  }

  private async worker(claims: RecipientClaims<Prepared>): Promise<void> {
    for (;;) {
      if (this.gate !== undefined) await this.gate.promise;
      if (this.haltReason !== undefined) return;
      let next: Prepared | undefined;
      try {
        next = await claims.take();
      } catch (error) {
        this.stopWith('error', error);
        return;
      }
      if (next === undefined) return;
      try {
        await this.deliver(next);
      } catch (error) {
        this.stopWith('error', error);
        return;
      }
    }
  }

  private async deliver(recipient: Prepared): Promise<void> {
    const { campaign, channel } = this.options;
    const key = sendKeyOf(campaign.id, recipient.contact.id);
    let attempt = 0;
    // The claim marked the recipient in flight; retries reuse that mark.
    for (;;) {
      if (this.gate !== undefined) await this.gate.promise;
      try {
        await this.pacer.acquire(recipient.address, this.halt.signal);
      } catch {
        this.committer.add(this.transition(recipient, 'pending', 'interrupted', ['in-flight']));
        return;
      }
      attempt++;
      if (this.firstSendAt === undefined) {
        this.firstSendAt = this.clock.now();
        // Counting a large audience holds the store for a moment: not before the first send.
        setImmediate(() => void this.estimateRemaining());
      }
      this.meter.inFlight++;
      let outcome: SendOutcome;
      try {
        outcome = await this.send(recipient, key);
      } catch (error) {
        // A thrown error is a configuration or credentials fault: the request was refused, not sent.
        this.meter.inFlight--;
        this.committer.add(this.transition(recipient, 'pending', 'interrupted', ['in-flight']));
        throw error;
      }
      this.meter.inFlight--;
      if (outcome.status === 'sent') {
        this.committer.add(
          this.transition(recipient, 'sent', undefined, ['in-flight'], { platformMessageId: outcome.id }),
        );
        this.meter.record('sent');
        return;
      }
      const decision = decideRetry(this.policy, outcome, attempt, {
        idempotent: channel.capabilities.idempotentSend,
        ...(this.options.random === undefined ? {} : { random: this.options.random }),
      });
      if (decision.retry) {
        this.meter.retried(outcome.status === 'rate-limited');
        if (decision.pause !== undefined) {
          if (decision.pause.scope === 'global') this.pacer.pause(decision.pause.ms);
          else this.pacer.pause(decision.pause.ms, recipient.address);
        }
        if (decision.delayMs > 0) {
          try {
            await this.clock.sleep(decision.delayMs, this.halt.signal);
          } catch {
            this.committer.add(this.transition(recipient, 'pending', 'interrupted', ['in-flight']));
            return;
          }
        }
        continue;
      }
      const { category, detail } = reasonOf(outcome);
      const state = stateOf(outcome);
      this.committer.add(
        this.transition(recipient, state, `${category}: ${detail}`.slice(0, 500), ['in-flight']),
      );
      if (state === 'blocked') this.committer.tag(recipient.contact, blockedTag(channel.name));
      this.meter.record(
        state === 'failed' ? 'failed' : state === 'blocked' ? 'blocked' : 'ambiguous',
        category,
      );
      return;
    }
  }

  private send(recipient: Prepared, key: string): Promise<SendOutcome> {
    const { campaign, channel } = this.options;
    const sendOptions = { idempotencyKey: key, callbackData: key };
    if (campaign.message.kind === 'template') {
      if (!canSendTemplates(channel))
        throw new ConfigError(`The ${channel.name} channel cannot send templates.`);
      return channel.sendTemplate(
        recipient.address,
        personaliseTemplate(campaign.message.template, recipient.values),
        sendOptions,
      );
    }
    return channel.send(
      recipient.address,
      personaliseMessage(campaign.message.message, recipient.values),
      sendOptions,
    );
  }

  private async dryRun(startedAt: number): Promise<CampaignReport> {
    const { campaign, channel } = this.options;
    const recipientOf = this.options.recipientOf;
    const notes = new Map<string, FidelityNote>();
    let rendered = 0;
    for await (const page of this.store.contacts.iterateAudience(this.audience, {
      batchSize: this.options.pageSize ?? 1000,
    })) {
      for (const contact of page) {
        if (this.options.limit !== undefined && rendered >= this.options.limit) break;
        const screened = await this.screen({ kind: 'pending', contact }, recipientOf);
        if ('skip' in screened) {
          this.meter.record('skipped', screened.skip);
          continue;
        }
        if ('deferred' in screened) {
          this.meter.record('deferred');
          continue;
        }
        const values: Personalisation = {
          name: displayNameOf(contact),
          token: DRY_RUN_TOKEN,
          link: channel.inviteLink(DRY_RUN_TOKEN),
        };
        if (campaign.message.kind === 'template') personaliseTemplate(campaign.message.template, values);
        else {
          for (const note of channel.render(personaliseMessage(campaign.message.message, values)).notes)
            notes.set(JSON.stringify(note), note);
        }
        rendered++;
      }
    }
    const report = {
      ...(await this.report(startedAt, 'dry-run', { ambiguous: 0, requeued: 0 }, false)),
      rendered,
      notes: [...notes.values()],
    };
    this.emit({ type: 'finished', report });
    return report;
  }

  private async report(
    startedAt: number,
    end: RunEnd,
    recovered: RecoveryCounts,
    announce = true,
  ): Promise<CampaignReport> {
    const journal =
      end === 'dry-run'
        ? { pending: 0, 'in-flight': 0, sent: 0, failed: 0, blocked: 0, skipped: 0, ambiguous: 0 }
        : await this.store.journal.counts(this.options.campaign.id);
    this.meter.flush();
    const report: CampaignReport = {
      campaignId: this.options.campaign.id,
      end,
      run: { ...this.meter.counts },
      failedByReason: { ...this.meter.failedByReason },
      recovered,
      journal,
      startedAt,
      finishedAt: this.clock.now(),
      ...(this.firstSendAt === undefined ? {} : { firstSendAt: this.firstSendAt }),
      commits: this.committer.commits,
    };
    if (announce) this.emit({ type: 'finished', report });
    return report;
  }
}

/** Runs a campaign once (see {@link CampaignRun}); keep the `CampaignRun` to pause, stop or cancel it. */
export function runCampaign(options: CampaignRunOptions): Promise<CampaignReport> {
  return new CampaignRun(options).run();
}
