import type { FlowTokenRepository } from '@ferry/core';
import type { SqliteConnection } from './connection.js';

/** How long and how many custom Flow tokens the store keeps, and how often `remember` prunes. */
export interface FlowTokenRetention {
  /** Tokens sent longer ago than this (ms) are forgotten. */
  readonly maxAgeMs: number;
  /** At most this many tokens are kept, the most recently sent. */
  readonly maxTokens: number;
  /** `remember` prunes on its first call in a process and then every this many calls. */
  readonly pruneEvery: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 30 days and a million tokens. A Flow completion normally comes back within the customer-service
 * window (24 h) the Flow message was sent in, and Meta retries an undelivered webhook for up to
 * 7 days; a template's Flow button can be opened later, so the age bound leaves a wide margin.
 * The count bound caps the file (a row is a few dozen bytes) when every recipient gets a token of
 * their own. Pruning every 1,000 writes keeps its index walk out of most sends.
 * @see PLATFORMS.md §1.1 (webhook retries, "nfm_reply"), §1.7 (the 24-hour window)
 */
export const FLOW_TOKEN_RETENTION: FlowTokenRetention = {
  maxAgeMs: 30 * DAY_MS,
  maxTokens: 1_000_000,
  pruneEvery: 1_000,
};

/**
 * Custom WhatsApp Flow tokens on SQLite: one upsert per `remember`, a key look-up per `formIdOf`,
 * pruned by age and count as `retention` says.
 */
export class SqliteFlowTokenRepository implements FlowTokenRepository {
  #remembered = 0;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly retention: FlowTokenRetention = FLOW_TOKEN_RETENTION,
  ) {}

  remember(token: string, formId: string, at: number): Promise<void> {
    return this.connection.run(() => {
      if (token === formId) this.connection.execute('DELETE FROM flow_tokens WHERE token = ?', [token]);
      else
        this.connection.execute(
          `INSERT INTO flow_tokens (token, form_id, sent_at) VALUES (@token, @formId, @at)
           ON CONFLICT (token) DO UPDATE SET form_id = excluded.form_id, sent_at = excluded.sent_at`,
          { token, formId, at },
        );
      if (this.#remembered++ % this.retention.pruneEvery === 0)
        this.pruneNow(at - this.retention.maxAgeMs, this.retention.maxTokens);
    }, true);
  }

  formIdOf(token: string): Promise<string | undefined> {
    return this.connection.run(
      () =>
        this.connection.one<{ readonly form_id: string }>('SELECT form_id FROM flow_tokens WHERE token = ?', [
          token,
        ])?.form_id,
    );
  }

  prune(bounds: { readonly sentBefore: number; readonly keepNewest: number }): Promise<number> {
    return this.connection.run(() => this.pruneNow(bounds.sentBefore, bounds.keepNewest), true);
  }

  count(): Promise<number> {
    return this.connection.run(
      () => this.connection.one<{ readonly n: number }>('SELECT count(*) AS n FROM flow_tokens')?.n ?? 0,
    );
  }

  private pruneNow(sentBefore: number, keepNewest: number): number {
    let forgotten = this.connection.execute('DELETE FROM flow_tokens WHERE sent_at < ?', [sentBefore]);
    const cut = this.connection.one<{ readonly sent_at: number }>(
      'SELECT sent_at FROM flow_tokens ORDER BY sent_at DESC LIMIT 1 OFFSET ?',
      [Math.max(0, Math.floor(keepNewest))],
    );
    // Tokens sent in the same millisecond as the first one past the bound go too: the bound is strict.
    if (cut !== undefined)
      forgotten += this.connection.execute('DELETE FROM flow_tokens WHERE sent_at <= ?', [cut.sent_at]);
    return forgotten;
  }
}
