import {
  type AudienceQuery,
  type Campaign,
  type CampaignInput,
  type CampaignRepository,
  type CampaignStatus,
  type ChannelName,
  FerryError,
} from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { fromJson, toJson } from './rows.js';

interface CampaignRow {
  readonly id: string;
  readonly name: string;
  readonly channel: ChannelName;
  readonly audience: string;
  readonly message: string;
  readonly status: CampaignStatus;
  readonly created_at: number;
  readonly updated_at: number;
}

function campaignFromRow(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    audience: JSON.parse(row.audience) as AudienceQuery,
    message: fromJson(row.message),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Campaigns on SQLite. */
export class SqliteCampaignRepository implements CampaignRepository {
  constructor(private readonly connection: SqliteConnection) {}

  create(input: CampaignInput, at: number): Promise<Campaign> {
    return this.connection.run(() => {
      const changes = this.connection.execute(
        `INSERT INTO campaigns (id, name, channel, audience, message, status, created_at, updated_at)
         VALUES (@id, @name, @channel, @audience, @message, @status, @at, @at) ON CONFLICT DO NOTHING`,
        {
          id: input.id,
          name: input.name,
          channel: input.channel,
          audience: toJson(input.audience),
          message: toJson(input.message),
          status: input.status ?? 'draft',
          at,
        },
      );
      if (changes === 0) throw new FerryError('conflict', `A campaign with id "${input.id}" already exists.`);
      return this.select(input.id)!;
    });
  }

  get(id: string): Promise<Campaign | undefined> {
    return this.connection.run(() => this.select(id));
  }

  list(): Promise<readonly Campaign[]> {
    return this.connection.run(() =>
      this.connection
        .many<CampaignRow>('SELECT * FROM campaigns ORDER BY created_at, id')
        .map(campaignFromRow),
    );
  }

  setStatus(id: string, status: CampaignStatus, at: number): Promise<Campaign | undefined> {
    return this.connection.run(() => {
      this.connection.execute('UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ?', [
        status,
        at,
        id,
      ]);
      return this.select(id);
    });
  }

  private select(id: string): Campaign | undefined {
    const row = this.connection.one<CampaignRow>('SELECT * FROM campaigns WHERE id = ?', [id]);
    return row === undefined ? undefined : campaignFromRow(row);
  }
}
