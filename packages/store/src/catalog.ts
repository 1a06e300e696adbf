import type { CatalogRepository, StoredFlow, StoredTemplate } from '@ferry/core';
import type { SqliteConnection } from './connection.js';
import { fromJson, optional, toJson } from './rows.js';

interface TemplateRow {
  readonly name: string;
  readonly language: string;
  readonly category: string | null;
  readonly status: string | null;
  readonly neutral: string;
  readonly original: string;
  readonly source: string;
  readonly imported_at: number;
}

interface FlowRow {
  readonly name: string;
  readonly flow_id: string | null;
  readonly neutral: string;
  readonly original: string;
  readonly source: string;
  readonly imported_at: number;
}

function templateFromRow(row: TemplateRow): StoredTemplate {
  return {
    name: row.name,
    language: row.language,
    ...optional('category', row.category),
    ...optional('status', row.status),
    neutral: fromJson(row.neutral),
    original: fromJson(row.original),
    source: row.source,
    importedAt: row.imported_at,
  };
}

function flowFromRow(row: FlowRow): StoredFlow {
  return {
    name: row.name,
    ...optional('flowId', row.flow_id),
    neutral: fromJson(row.neutral),
    original: fromJson(row.original),
    source: row.source,
    importedAt: row.imported_at,
  };
}

/** Imported templates (keyed by name and language) and flows (keyed by name) on SQLite. */
export class SqliteCatalogRepository implements CatalogRepository {
  constructor(private readonly connection: SqliteConnection) {}

  putTemplate(template: StoredTemplate): Promise<void> {
    return this.connection.run(() => {
      this.connection.execute(
        `INSERT OR REPLACE INTO templates (name, language, category, status, neutral, original, source, imported_at)
         VALUES (@name, @language, @category, @status, @neutral, @original, @source, @importedAt)`,
        {
          name: template.name,
          language: template.language,
          category: template.category,
          status: template.status,
          neutral: toJson(template.neutral),
          original: toJson(template.original),
          source: template.source,
          importedAt: template.importedAt,
        },
      );
    });
  }

  getTemplate(name: string, language: string): Promise<StoredTemplate | undefined> {
    return this.connection.run(() => {
      const row = this.connection.one<TemplateRow>(
        'SELECT * FROM templates WHERE name = ? AND language = ?',
        [name, language],
      );
      return row === undefined ? undefined : templateFromRow(row);
    });
  }

  listTemplates(): Promise<readonly StoredTemplate[]> {
    return this.connection.run(() =>
      this.connection
        .many<TemplateRow>('SELECT * FROM templates ORDER BY name, language')
        .map(templateFromRow),
    );
  }

  putFlow(flow: StoredFlow): Promise<void> {
    return this.connection.run(() => {
      this.connection.execute(
        `INSERT OR REPLACE INTO flows (name, flow_id, neutral, original, source, imported_at)
         VALUES (@name, @flowId, @neutral, @original, @source, @importedAt)`,
        {
          name: flow.name,
          flowId: flow.flowId,
          neutral: toJson(flow.neutral),
          original: toJson(flow.original),
          source: flow.source,
          importedAt: flow.importedAt,
        },
      );
    });
  }

  getFlow(name: string): Promise<StoredFlow | undefined> {
    return this.connection.run(() => {
      const row = this.connection.one<FlowRow>('SELECT * FROM flows WHERE name = ?', [name]);
      return row === undefined ? undefined : flowFromRow(row);
    });
  }

  listFlows(): Promise<readonly StoredFlow[]> {
    return this.connection.run(() =>
      this.connection.many<FlowRow>('SELECT * FROM flows ORDER BY name').map(flowFromRow),
    );
  }
}
