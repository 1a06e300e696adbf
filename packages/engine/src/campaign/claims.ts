import type { JournalTransition } from '@ferry/core';
import type { GroupCommitter } from './committer.js';

interface Claimant<T> {
  readonly resolve: (item: T | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/** How the claims are sized: a block of waiting workers, or whoever waited `lingerMs`. */
export interface ClaimOptions {
  /** Claim as soon as this many workers wait for a recipient. */
  readonly block: number;
  /** Claim for fewer workers once the first of them has waited this long. */
  readonly lingerMs: number;
}

/**
 * Hands recipients to send workers in claimed blocks: the recipients of every waiting worker are
 * marked `in-flight` in ONE group commit (with the outcomes queued since, so a slot is reused only
 * once its outcome is durable) before any of them may go on the network. One fsync thus covers a
 * block of sends, and at most one recipient per worker is ever `in-flight` on disk, which bounds
 * what a crash can leave ambiguous.
 * @see ARCHITECTURE.md "Data that must never be lost"
 */
export class RecipientClaims<T> {
  private waiting: Claimant<T>[] = [];
  private claiming = false;
  private exhausted = false;
  private failure: unknown;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly committer: GroupCommitter,
    private readonly markOf: (item: T) => JournalTransition,
    private readonly options: ClaimOptions,
  ) {}

  /** The next recipient, already durably `in-flight`; `undefined` once the source is exhausted. */
  take(): Promise<T | undefined> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.exhausted) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.claiming || this.waiting.length === 0) return;
    if (this.waiting.length >= this.options.block) {
      void this.claim();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.claim();
    }, this.options.lingerMs);
  }

  private async claim(): Promise<void> {
    if (this.claiming || this.waiting.length === 0) return;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.claiming = true;
    const claimants = this.waiting;
    this.waiting = [];
    const items: T[] = [];
    try {
      while (items.length < claimants.length && !this.exhausted) {
        const next = await this.source.next();
        if (next.done === true) this.exhausted = true;
        else items.push(next.value);
      }
      if (items.length > 0) await this.committer.commitAll(items.map(this.markOf));
    } catch (error) {
      this.failure = error;
      for (const claimant of [...claimants, ...this.waiting]) claimant.reject(error);
      this.waiting = [];
      this.claiming = false;
      return;
    }
    for (const [index, claimant] of claimants.entries()) claimant.resolve(items[index]);
    this.claiming = false;
    if (this.exhausted) {
      for (const claimant of this.waiting) claimant.resolve(undefined);
      this.waiting = [];
      return;
    }
    this.schedule();
  }
}
