import type { Migration } from './types.js';

/**
 * Adds `flow_tokens`: which form each custom WhatsApp Flow token was sent for, so a completion
 * webhook received by another process (`ferry serve` after `ferry notify`), or after a restart,
 * names the form. The reply carries only the token. Keyed by the token (WITHOUT ROWID: the
 * look-up is by key and rows are small); `sent_at` is indexed for pruning the oldest.
 * @see PLATFORMS.md §1.1 "nfm_reply" (the Flow id is not in the reply)
 */
export const flowTokens: Migration = {
  version: 6,
  name: 'flow-tokens',
  up(db) {
    db.exec(`
      CREATE TABLE flow_tokens (
        token   TEXT PRIMARY KEY,
        form_id TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX flow_tokens_by_sent_at ON flow_tokens (sent_at);
    `);
  },
};
