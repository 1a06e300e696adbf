import type { Contact, ContactInput, FerryStore, JournalTransition } from '@ferry/core';

/** How long queued waiters may linger after a commit ends before the next one starts. */
const MARK_LINGER_MS = 5;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Batches journal transitions into group commits: everything queued while a commit runs goes into
 * the next one, so one fsync covers many recipients. `commit` resolves once the transition is on
 * disk (used for `in-flight` marks, which must precede the network call); `add` does not wait.
 * @see ARCHITECTURE.md "Data that must never be lost"
 */
export class GroupCommitter {
  private queue: JournalTransition[] = [];
  private tags: ContactInput[] = [];
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private immediate = false;
  private urgent = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private failure: unknown;
  /** Commits made so far (for reports and benchmarks). */
  commits = 0;

  /**
   * `lingerMs`: how long outcomes alone may wait to share a commit (an `in-flight` mark that must
   * precede a network call is committed within the same turn, taking the queued outcomes along).
   */
  constructor(
    private readonly store: FerryStore,
    private readonly maxBatch = 2_000,
    private readonly lingerMs = 100,
  ) {}

  /**
   * Queues a transition and resolves once it is committed: within this turn of the event loop, or
   * after up to `lingerMs` when the caller can wait (so more transitions share the commit).
   */
  commit(transition: JournalTransition, lingerMs = 0): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push(transition);
      this.waiters.push({ resolve, reject });
      if (lingerMs <= 0) this.urgent = true;
      this.schedule(lingerMs);
    });
  }

  /** Queues `transitions` and resolves once they are all committed, within this turn of the event loop. */
  commitAll(transitions: readonly JournalTransition[]): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      for (const transition of transitions) this.queue.push(transition);
      this.waiters.push({ resolve, reject });
      this.urgent = true;
      this.schedule(0);
    });
  }

  /** Queues a transition for the next group commit without waiting for it. */
  add(transition: JournalTransition): void {
    if (this.failure !== undefined) throw this.failure;
    this.queue.push(transition);
    this.schedule();
  }

  /** Adds `tag` to a contact in the same commit as the queued transitions (marks a blocked user). */
  tag(contact: Contact, tag: string): void {
    this.tags.push({
      ...(contact.waId === undefined ? {} : { waId: contact.waId }),
      ...(contact.phone === undefined ? {} : { phone: contact.phone }),
      ...(contact.bsuid === undefined ? {} : { bsuid: contact.bsuid }),
      tags: [tag],
      firstSeenAt: contact.firstSeenAt,
      lastSeenAt: contact.lastSeenAt,
    });
    this.schedule();
  }

  /** Commits everything queued so far; rejects if any commit failed. */
  async flush(): Promise<void> {
    while (this.running !== undefined || this.queue.length > 0 || this.tags.length > 0) {
      if (this.running !== undefined) await this.running;
      else await this.run();
    }
    if (this.failure !== undefined) throw this.failure;
  }

  private schedule(lingerMs = this.lingerMs): void {
    if (this.running !== undefined) return;
    if (this.queue.length >= this.maxBatch) {
      void this.run();
      return;
    }
    if (this.urgent) {
      if (this.immediate) return;
      this.immediate = true;
      // One macrotask lets every send that is ready in this turn join the same commit.
      setImmediate(() => {
        this.immediate = false;
        if (this.running === undefined) void this.run();
      });
      return;
    }
    const due = Date.now() + lingerMs;
    if (this.timer !== undefined && this.timerDue <= due) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      if (this.running === undefined) void this.run();
    }, lingerMs);
  }

  private run(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
    }
    this.urgent = false;
    const batch = this.queue;
    const tags = this.tags;
    const waiters = this.waiters;
    this.queue = [];
    this.tags = [];
    this.waiters = [];
    if (batch.length === 0 && tags.length === 0) {
      for (const waiter of waiters) waiter.resolve();
      return Promise.resolve();
    }
    const work = this.write(batch, tags).then(
      () => {
        this.commits++;
        for (const waiter of waiters) waiter.resolve();
      },
      (error: unknown) => {
        this.failure = error;
        for (const waiter of waiters) waiter.reject(error);
      },
    );
    this.running = work.finally(() => {
      this.running = undefined;
      if (this.failure === undefined && (this.queue.length > 0 || this.tags.length > 0))
        this.schedule(this.waiters.length > 0 ? MARK_LINGER_MS : this.lingerMs);
    });
    return this.running;
  }

  private async write(batch: readonly JournalTransition[], tags: readonly ContactInput[]): Promise<void> {
    if (tags.length === 0) {
      await this.store.journal.applyTransitions(batch);
      return;
    }
    await this.store.transaction(async () => {
      await this.store.journal.applyTransitions(batch);
      await this.store.contacts.upsertMany(tags);
    });
  }
}
