import type { SandboxClock } from '../shared/index.js';
import type { TelegramUpdate, TelegramUpdateType } from './types.js';

/** How a held getUpdates call ended. */
export type PollOutcome = 'update' | 'timeout' | 'terminated' | 'closed';

/** Update types delivered when `allowed_updates` is empty or was never set. @see PLATFORMS.md §2.6 */
const optInOnly = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
/** Telegram keeps unconfirmed updates for 24 hours. @see PLATFORMS.md §2.6 */
const retentionMs = 24 * 60 * 60 * 1000;

interface StoredUpdate {
  readonly update: TelegramUpdate;
  readonly at: number;
}

interface HeldPoll {
  readonly finish: (outcome: PollOutcome) => void;
}

/**
 * The bot's pending updates: numbered in order, kept until confirmed by a higher getUpdates offset
 * (or delivered to the webhook), filtered by `allowed_updates`, with at most one long poll held.
 * @see PLATFORMS.md §2.6
 */
export class UpdateQueue {
  private pending: StoredUpdate[] = [];
  private nextUpdateId = 1;
  private allowed: ReadonlySet<string> | undefined;
  private held: HeldPoll | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly clock: SandboxClock) {}

  /** Numbers an update and queues it unless its type is filtered out; answers the numbered update. */
  push(body: Omit<TelegramUpdate, 'update_id'>): TelegramUpdate {
    const update = { update_id: this.nextUpdateId++, ...body } as TelegramUpdate;
    const type = Object.keys(body)[0] ?? '';
    if (!this.isAllowed(type)) return update;
    this.prune();
    this.pending.push({ update, at: this.clock.now() });
    this.held?.finish('update');
    for (const listener of this.listeners) listener();
    return update;
  }

  /** Replaces the `allowed_updates` setting (`[]` restores the default). */
  setAllowed(types: readonly string[] | undefined): void {
    if (types === undefined) return;
    this.allowed = types.length === 0 ? undefined : new Set(types);
  }

  /** The current `allowed_updates` setting, undefined for the default. */
  allowedUpdates(): TelegramUpdateType[] | undefined {
    return this.allowed === undefined ? undefined : ([...this.allowed] as TelegramUpdateType[]);
  }

  /** Forgets updates below `offset`; a negative offset keeps only the last `-offset` updates. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) this.pending = this.pending.slice(Math.max(0, this.pending.length + offset));
    else this.pending = this.pending.filter((stored) => stored.update.update_id >= offset);
  }

  /** Removes one update (delivered to, or dropped after failing at, the webhook). */
  remove(updateId: number): void {
    this.pending = this.pending.filter((stored) => stored.update.update_id !== updateId);
  }

  /** Up to `limit` unconfirmed updates, oldest first. */
  read(limit: number): TelegramUpdate[] {
    this.prune();
    return this.pending.slice(0, limit).map((stored) => stored.update);
  }

  get size(): number {
    this.prune();
    return this.pending.length;
  }

  /** Drops every pending update (`drop_pending_updates`). */
  dropAll(): void {
    this.pending = [];
  }

  /**
   * Holds a getUpdates call until an update arrives or `timeoutMs` passes; a newer call
   * terminates the held one, as Telegram does when two pollers run.
   */
  hold(timeoutMs: number): Promise<PollOutcome> {
    this.held?.finish('terminated');
    return new Promise((resolve) => {
      const timer = setTimeout(() => poll.finish('timeout'), timeoutMs);
      const poll: HeldPoll = {
        finish: (outcome) => {
          clearTimeout(timer);
          if (this.held === poll) this.held = undefined;
          resolve(outcome);
        },
      };
      this.held = poll;
    });
  }

  /** Whether a getUpdates call is being held right now. */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /** Ends a held poll with `outcome` (a webhook was set, or the emulator stops). */
  release(outcome: 'terminated' | 'closed'): void {
    this.held?.finish(outcome);
  }

  /** Calls `listener` whenever an update is queued; answers an unsubscribe function. */
  onPush(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reset(): void {
    this.release('closed');
    this.pending = [];
    this.allowed = undefined;
  }

  private isAllowed(type: string): boolean {
    return this.allowed === undefined ? !optInOnly.has(type) : this.allowed.has(type);
  }

  private prune(): void {
    const oldest = this.clock.now() - retentionMs;
    if (this.pending[0] !== undefined && this.pending[0].at < oldest)
      this.pending = this.pending.filter((stored) => stored.at >= oldest);
  }
}
