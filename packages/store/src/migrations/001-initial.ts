import type { Migration } from './types.js';

/** The first schema: every table of the store, the append-only triggers and the look-up indexes. */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id            INTEGER PRIMARY KEY,
        wa_id         TEXT UNIQUE,
        phone         TEXT UNIQUE,
        bsuid         TEXT UNIQUE,
        profile_name  TEXT,
        language      TEXT,
        country       TEXT,
        first_seen_at INTEGER NOT NULL,
        last_seen_at  INTEGER NOT NULL,
        CHECK (wa_id IS NOT NULL OR phone IS NOT NULL OR bsuid IS NOT NULL)
      );
      CREATE INDEX contacts_language ON contacts (language);
      CREATE INDEX contacts_country ON contacts (country);

      CREATE TABLE contact_tags (
        contact_id INTEGER NOT NULL REFERENCES contacts (id),
        tag        TEXT NOT NULL,
        PRIMARY KEY (contact_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);

      CREATE TABLE consent_events (
        id           INTEGER PRIMARY KEY,
        contact_id   INTEGER NOT NULL REFERENCES contacts (id),
        kind         TEXT NOT NULL CHECK (kind IN ('opt-in', 'opt-out', 'link', 're-consent')),
        channel      TEXT NOT NULL,
        source       TEXT NOT NULL,
        text         TEXT,
        text_version TEXT,
        evidence     TEXT,
        at           INTEGER NOT NULL,
        recorded_at  INTEGER NOT NULL
      );
      -- The natural key that makes re-importing the same file a no-op.
      CREATE UNIQUE INDEX consent_events_natural_key
        ON consent_events (contact_id, kind, source, ifnull(evidence, ''), at);
      CREATE INDEX consent_events_by_contact ON consent_events (contact_id, at, id);
      CREATE TRIGGER consent_events_append_only_update BEFORE UPDATE ON consent_events
        BEGIN SELECT RAISE(ABORT, 'consent_events is append-only: UPDATE refused'); END;
      CREATE TRIGGER consent_events_append_only_delete BEFORE DELETE ON consent_events
        BEGIN SELECT RAISE(ABORT, 'consent_events is append-only: DELETE refused'); END;

      CREATE TABLE identities (
        contact_id       INTEGER NOT NULL REFERENCES contacts (id),
        channel          TEXT NOT NULL,
        platform_user_id TEXT NOT NULL,
        method           TEXT NOT NULL CHECK (method IN ('token', 'phone', 'email', 'oauth')),
        linked_at        INTEGER NOT NULL,
        evidence         TEXT,
        PRIMARY KEY (channel, platform_user_id),
        UNIQUE (contact_id, channel)
      ) WITHOUT ROWID;

      CREATE TABLE link_tokens (
        token_id   TEXT PRIMARY KEY,
        hash       TEXT NOT NULL UNIQUE,
        contact_id INTEGER NOT NULL REFERENCES contacts (id),
        channel    TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        claimed_at INTEGER,
        claimed_by TEXT
      );
      CREATE INDEX link_tokens_by_contact ON link_tokens (contact_id);

      CREATE TABLE templates (
        name        TEXT NOT NULL,
        language    TEXT NOT NULL,
        category    TEXT,
        status      TEXT,
        neutral     TEXT NOT NULL,
        original    TEXT NOT NULL,
        source      TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (name, language)
      );

      CREATE TABLE flows (
        name        TEXT PRIMARY KEY,
        flow_id     TEXT,
        neutral     TEXT NOT NULL,
        original    TEXT NOT NULL,
        source      TEXT NOT NULL,
        imported_at INTEGER NOT NULL
      );

      CREATE TABLE history (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id),
        channel    TEXT NOT NULL,
        direction  TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        message_id TEXT,
        text       TEXT,
        payload    TEXT,
        at         INTEGER NOT NULL
      );
      CREATE INDEX history_by_contact ON history (contact_id, at, id);
      CREATE UNIQUE INDEX history_message_once ON history (contact_id, channel, message_id)
        WHERE message_id IS NOT NULL;

      CREATE TABLE campaigns (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        channel    TEXT NOT NULL,
        audience   TEXT NOT NULL,
        message    TEXT NOT NULL,
        status     TEXT NOT NULL
          CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE journal (
        campaign_id         TEXT NOT NULL REFERENCES campaigns (id),
        contact_id          INTEGER NOT NULL REFERENCES contacts (id),
        state               TEXT NOT NULL
          CHECK (state IN ('pending', 'in-flight', 'sent', 'failed', 'blocked', 'skipped', 'ambiguous')),
        reason              TEXT,
        platform_message_id TEXT,
        callback_data       TEXT,
        attempts            INTEGER NOT NULL DEFAULT 0,
        created_at          INTEGER NOT NULL,
        updated_at          INTEGER NOT NULL,
        delivered_at        INTEGER,
        read_at             INTEGER,
        PRIMARY KEY (campaign_id, contact_id)
      ) WITHOUT ROWID;
      CREATE INDEX journal_by_state ON journal (campaign_id, state, contact_id);
      CREATE INDEX journal_by_platform_message ON journal (platform_message_id)
        WHERE platform_message_id IS NOT NULL;
      CREATE INDEX journal_by_callback_data ON journal (callback_data) WHERE callback_data IS NOT NULL;

      CREATE TABLE flow_sessions (
        id         TEXT PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id),
        channel    TEXT NOT NULL,
        flow_name  TEXT NOT NULL,
        screen     TEXT,
        state      TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('active', 'completed', 'abandoned')),
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER
      );
      CREATE INDEX flow_sessions_active ON flow_sessions (contact_id, channel, status, updated_at);

      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        args    TEXT NOT NULL,
        counts  TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
        at      INTEGER NOT NULL
      );
      CREATE INDEX audit_log_by_command ON audit_log (command, id);
      CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
      CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
    `);
  },
};
