import type {
  ChannelName,
  ContactId,
  FlowSession,
  FlowSessionRepository,
  FlowSessionStatus,
} from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { fromJson, optional, toJson } from './rows.js';

interface FlowSessionRow {
  readonly id: string;
  readonly contact_id: number;
  readonly channel: ChannelName;
  readonly flow_name: string;
  readonly screen: string | null;
  readonly state: string;
  readonly status: FlowSessionStatus;
  readonly started_at: number;
  readonly updated_at: number;
  readonly expires_at: number | null;
}

function sessionFromRow(row: FlowSessionRow): FlowSession {
  return {
    id: row.id,
    contactId: row.contact_id,
    channel: row.channel,
    flowName: row.flow_name,
    ...optional('screen', row.screen),
    state: fromJson(row.state),
    status: row.status,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    ...optional('expiresAt', row.expires_at),
  };
}

/** Flow sessions on SQLite. */
export class SqliteFlowSessionRepository implements FlowSessionRepository {
  constructor(private readonly connection: SqliteConnection) {}

  put(session: FlowSession): Promise<void> {
    return this.connection.run(() => {
      this.connection.execute(
        `INSERT OR REPLACE INTO flow_sessions
           (id, contact_id, channel, flow_name, screen, state, status, started_at, updated_at, expires_at)
         VALUES (@id, @contactId, @channel, @flowName, @screen, @state, @status, @startedAt, @updatedAt, @expiresAt)`,
        {
          id: session.id,
          contactId: session.contactId,
          channel: session.channel,
          flowName: session.flowName,
          screen: session.screen,
          state: toJson(session.state),
          status: session.status,
          startedAt: session.startedAt,
          updatedAt: session.updatedAt,
          expiresAt: session.expiresAt,
        },
      );
    });
  }

  get(id: string): Promise<FlowSession | undefined> {
    return this.connection.run(() => {
      const row = this.connection.one<FlowSessionRow>('SELECT * FROM flow_sessions WHERE id = ?', [id]);
      return row === undefined ? undefined : sessionFromRow(row);
    });
  }

  findActive(contactId: ContactId, channel: ChannelName): Promise<FlowSession | undefined> {
    return this.connection.run(() => {
      const row = this.connection.one<FlowSessionRow>(
        `SELECT * FROM flow_sessions WHERE contact_id = ? AND channel = ? AND status = 'active'
         ORDER BY updated_at DESC LIMIT 1`,
        [contactId, channel],
      );
      return row === undefined ? undefined : sessionFromRow(row);
    });
  }
}
