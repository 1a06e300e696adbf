import type {
  AudienceQuery,
  Channel,
  ChannelName,
  Clock,
  Contact,
  FerryStore,
  FidelityNote,
  JournalCounts,
  Logger,
  PacingPreset,
} from '@ferry/core';
import type { RetryPolicy, RetryPresetName } from '../retry/index.js';
import type { CampaignMessage } from './message.js';
import type { SendWindow } from './send-window.js';

/** A campaign as the plan describes it: whom, what, on which channel. */
export interface CampaignDefinition {
  /** Unique; the journal and the idempotency keys (`<id>:<contactId>`) are keyed by it. */
  readonly id: string;
  readonly name?: string;
  readonly audience: AudienceQuery;
  readonly message: CampaignMessage;
}

/** Issues recipients' personal links in one commit (the link service does this). */
export interface LinkIssuer {
  issueMany(
    contactIds: readonly number[],
    target: ChannelName,
  ): Promise<ReadonlyMap<number, { readonly token: string; readonly link: string }>>;
}

/** Options of {@link runCampaign}. */
export interface CampaignRunOptions {
  readonly store: FerryStore;
  readonly channel: Channel;
  readonly campaign: CampaignDefinition;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Pacing limits (e.g. `PACING_PRESETS.whatsapp1000`); default from the channel's capabilities. */
  readonly pacing?: PacingPreset;
  /**
   * Share of each rate the engine's pacer holds back (default 0: it paces AT the limit and never
   * above it in any window, and the channel's own pacer, which keeps core's 2.5% margin, is then
   * always busy; two pacers both below the limit would lose every slot that timer jitter skips).
   */
  readonly pacingMargin?: number;
  /** How many sends may be on the network at once (default 16). */
  readonly concurrency?: number;
  /** Retry policy or preset name (default `standard`). */
  readonly retry?: RetryPolicy | RetryPresetName;
  /** Render and count every recipient, send and journal nothing. */
  readonly dryRun?: boolean;
  /** Issues personal links when the message uses `{{link}}` / `{{token}}`. */
  readonly links?: { readonly issuer: LinkIssuer; readonly target: ChannelName };
  /**
   * The address to send to; default: WhatsApp `wa_id` (or phone digits, or BSUID) on WhatsApp,
   * the linked identity's user id on the other channels. `undefined` skips the recipient.
   */
  readonly recipientOf?: (contact: Contact, store: FerryStore) => Promise<string | undefined>;
  /** Only send when it is within these hours in the recipient's local time; others stay pending. */
  readonly sendWindow?: SendWindow;
  /** Stop after this many recipients were tried in this run (a wave, or the messaging tier's budget). */
  readonly limit?: number;
  /**
   * Keep the process's V8 heap small for this long-running job (`--optimize-for-size`, set for the
   * whole process; default true). Turn off when embedding the engine in a process that must not change.
   */
  readonly leanHeap?: boolean;
  /** Contacts read from the store per page (default 1000). */
  readonly pageSize?: number;
  /** Minimum time between `progress` events (default 500 ms of the clock). */
  readonly progressIntervalMs?: number;
  readonly onEvent?: (event: CampaignEvent) => void;
  readonly logger?: Logger;
  /** Source of randomness for backoff jitter (default `Math.random`). */
  readonly random?: () => number;
}

/** Counts of this run's outcomes. */
export interface RunCounts {
  readonly sent: number;
  readonly failed: number;
  readonly blocked: number;
  readonly skipped: number;
  readonly ambiguous: number;
  /** Left pending because the recipient's local time was outside the send window. */
  readonly deferred: number;
  /** Extra attempts after a rate limit, transient failure or idempotent ambiguity. */
  readonly retries: number;
  readonly rateLimited: number;
}

/** What crash recovery did with the `in-flight` entries a previous run left behind. */
export interface RecoveryCounts {
  /** Marked ambiguous (may have been sent; not resent by default). */
  readonly ambiguous: number;
  /** Put back to pending: the channel de-duplicates (Discord nonce) or the policy says resend. */
  readonly requeued: number;
}

/** Progress as the CLI shows it. */
export interface CampaignProgress {
  readonly campaignId: string;
  readonly counts: RunCounts;
  /** Failures by reason category (`rejected:131026`, `unknown-recipient`, `rate-limited`…). */
  readonly failedByReason: Readonly<Record<string, number>>;
  readonly inFlight: number;
  /** Sends per second over the last few seconds. */
  readonly ratePerSecond: number;
  /** Recipients still to send in this run, when known. */
  readonly remaining: number | undefined;
  /** Estimated time to finish at the current rate, in ms, when it can be estimated. */
  readonly etaMs: number | undefined;
  readonly at: number;
}

/** Events a run emits for the CLI. */
export type CampaignEvent =
  | {
      readonly type: 'started';
      readonly campaignId: string;
      readonly dryRun: boolean;
      readonly resumed: boolean;
      readonly recovered: RecoveryCounts;
      readonly pending: number | undefined;
      readonly at: number;
    }
  | ({ readonly type: 'progress' } & CampaignProgress)
  | { readonly type: 'paused' | 'resumed'; readonly campaignId: string; readonly at: number }
  | { readonly type: 'finished'; readonly report: CampaignReport };

/** How a run ended. */
export type RunEnd =
  | 'completed'
  | 'paused'
  | 'cancelled'
  | 'limit-reached'
  | 'waiting-for-window'
  | 'dry-run';

/** The result of {@link runCampaign}. */
export interface CampaignReport {
  readonly campaignId: string;
  readonly end: RunEnd;
  readonly run: RunCounts;
  readonly failedByReason: Readonly<Record<string, number>>;
  readonly recovered: RecoveryCounts;
  /** The journal after the run (all runs of this campaign); zeros in a dry run. */
  readonly journal: JournalCounts;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** When the first network send of this run started (undefined when nothing was sent). */
  readonly firstSendAt?: number;
  /** Group commits made by this run. */
  readonly commits: number;
  /** Dry run only: messages rendered, and the distinct fidelity notes seen. */
  readonly rendered?: number;
  readonly notes?: readonly FidelityNote[];
}
