import type { SandboxClock } from './clock.js';

/** A snapshot of an emulator's traffic figures. */
export interface StatsSnapshot {
  readonly requests: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** Highest number of accepted messages in any sliding 1-second window, per scope (`global`, `chat:42`…). */
  readonly maxPerSecond: Readonly<Record<string, number>>;
  readonly faultsInjected: Readonly<Record<string, number>>;
}

/** Counts requests, acceptances, rejections by reason and the peak rate per scope. */
export class Stats {
  private requests = 0;
  private accepted = 0;
  private readonly rejectedByReason = new Map<string, number>();
  private readonly faults = new Map<string, number>();
  private readonly windows = new Map<string, number[]>();
  private readonly peaks = new Map<string, number>();

  constructor(
    private readonly clock: SandboxClock,
    /** Track the sliding-second peak only for scopes that pass this test (per-recipient scopes can be many). */
    private readonly trackScope: (scope: string) => boolean = () => true,
  ) {}

  request(): void {
    this.requests++;
  }

  /** Records one accepted message in each of its scopes (e.g. `global` and `chat:42`). */
  accept(scopes: readonly string[]): void {
    this.accepted++;
    const now = this.clock.now();
    for (const scope of scopes) {
      if (!this.trackScope(scope)) continue;
      let window = this.windows.get(scope);
      if (!window) {
        window = [];
        this.windows.set(scope, window);
      }
      window.push(now);
      let drop = 0;
      while (drop < window.length && (window[drop] ?? 0) <= now - 1000) drop++;
      if (drop > 0) window.splice(0, drop);
      if (window.length > (this.peaks.get(scope) ?? 0)) this.peaks.set(scope, window.length);
    }
  }

  reject(reason: string): void {
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + 1);
  }

  fault(kind: string): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
  }

  /** Highest accepted count in any sliding second for `scope` (0 if never seen). */
  maxPerSecond(scope: string): number {
    return this.peaks.get(scope) ?? 0;
  }

  /** The highest per-second peak among scopes starting with `prefix` (e.g. the busiest chat). */
  maxPerSecondAmong(prefix: string): number {
    let max = 0;
    for (const [scope, peak] of this.peaks) if (scope.startsWith(prefix) && peak > max) max = peak;
    return max;
  }

  snapshot(): StatsSnapshot {
    let rejected = 0;
    for (const count of this.rejectedByReason.values()) rejected += count;
    return {
      requests: this.requests,
      accepted: this.accepted,
      rejected,
      rejectedByReason: Object.fromEntries(this.rejectedByReason),
      maxPerSecond: Object.fromEntries(this.peaks),
      faultsInjected: Object.fromEntries(this.faults),
    };
  }

  reset(): void {
    this.requests = 0;
    this.accepted = 0;
    this.rejectedByReason.clear();
    this.faults.clear();
    this.windows.clear();
    this.peaks.clear();
  }
}
