import type { Clock } from '@ferry/core';
import type { CampaignEvent, RunCounts } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** How far back the rate is measured. */
const RATE_WINDOW_MS = 5_000;

/** Counts a run's outcomes and turns them into throttled `progress` events with rate and ETA. */
export class ProgressMeter {
  readonly counts: Mutable<RunCounts> = {
    sent: 0,
    failed: 0,
    blocked: 0,
    skipped: 0,
    ambiguous: 0,
    deferred: 0,
    retries: 0,
    rateLimited: 0,
  };
  readonly failedByReason: Record<string, number> = {};
  inFlight = 0;
  private total: number | undefined;
  private lastEmit = Number.NEGATIVE_INFINITY;
  private readonly samples: { at: number; done: number }[] = [];

  constructor(
    private readonly campaignId: string,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly emit: (event: CampaignEvent) => void,
  ) {}

  /** Sets how many recipients this run has to go through (for the ETA). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Counts one recipient's outcome; `category` feeds `failedByReason` for failures. */
  record(
    kind: 'sent' | 'failed' | 'blocked' | 'skipped' | 'ambiguous' | 'deferred',
    category?: string,
  ): void {
    this.counts[kind]++;
    if (kind === 'failed' && category !== undefined)
      this.failedByReason[category] = (this.failedByReason[category] ?? 0) + 1;
    this.maybeEmit();
  }

  /** Counts one retry (and whether a rate limit caused it). */
  retried(rateLimited: boolean): void {
    this.counts.retries++;
    if (rateLimited) this.counts.rateLimited++;
  }

  /** Emits a progress event now. */
  flush(): void {
    this.lastEmit = Number.NEGATIVE_INFINITY;
    this.maybeEmit();
  }

  private done(): number {
    const { sent, failed, blocked, skipped, ambiguous, deferred } = this.counts;
    return sent + failed + blocked + skipped + ambiguous + deferred;
  }

  private maybeEmit(): void {
    const now = this.clock.now();
    if (now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    const done = this.done();
    this.samples.push({ at: now, done });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - RATE_WINDOW_MS)
      this.samples.shift();
    const oldest = this.samples[0];
    const elapsed = oldest === undefined ? 0 : now - oldest.at;
    const ratePerSecond = elapsed > 0 && oldest !== undefined ? ((done - oldest.done) * 1000) / elapsed : 0;
    const remaining = this.total === undefined ? undefined : Math.max(0, this.total - done);
    const etaMs =
      remaining === undefined
        ? undefined
        : remaining === 0
          ? 0
          : ratePerSecond > 0
            ? (remaining * 1000) / ratePerSecond
            : undefined;
    this.emit({
      type: 'progress',
      campaignId: this.campaignId,
      counts: { ...this.counts },
      failedByReason: { ...this.failedByReason },
      inFlight: this.inFlight,
      ratePerSecond,
      remaining,
      etaMs,
      at: now,
    });
  }
}
