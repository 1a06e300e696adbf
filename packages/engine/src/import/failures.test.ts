import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '@ferry/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportOptions, importFile } from './index.js';

// better-sqlite3 is the store's own dependency; the test reaches it to add a trigger from a second connection.
const requireFromStore = createRequire(new URL('../../../store/package.json', import.meta.url));
const Database = requireFromStore('better-sqlite3') as new (
  path: string,
) => { exec(sql: string): void; close(): void };

let directory: string;
let store: SqliteStore;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ferry-import-failures-'));
  store = openSqliteStore(join(directory, 'ferry.db'));
});

afterEach(async () => {
  await store.close();
  await rm(directory, { recursive: true, force: true });
});

async function fileWith(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

function options(extra: Partial<ImportOptions> = {}): ImportOptions {
  return { workspace: directory, defaultCountry: 'BR', ...extra };
}

async function nothingWritten(): Promise<void> {
  expect(await store.contacts.count()).toBe(0);
  expect(await store.contacts.countAudience({ consent: 'any' })).toBe(0);
}

describe('import failures', () => {
  it('rolls back the whole file when the store fails mid-file', async () => {
    const rows = ['phone,opted_in'];
    for (let index = 0; index < 12; index += 1) rows.push(`+55119${String(10_000_000 + index)},yes,`);
    rows.push('bad,yes');
    const path = await fileWith('rollback.csv', `${rows.join('\n')}\n`);
    // A real SQLite failure on the 11th contact, after two batches of 5 were already written.
    const other = new Database(store.path);
    other.exec(`CREATE TRIGGER refuse_eleventh BEFORE INSERT ON contacts WHEN NEW.phone = '+5511910000010'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    other.close();

    const report = await importFile(store, path, options({ batchSize: 5 }));

    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe('internal');
    expect(report.error?.message).toContain('injected failure');
    expect(report.error?.message).not.toMatch(/\n\s+at /);
    expect(report.counts.imported).toBe(0);
    await nothingWritten();
    expect(existsSync(join(directory, '.ferry', 'rejects', 'rollback.csv.rejects.jsonl'))).toBe(false);
    const [audit] = await store.audit.list();
    expect(audit).toMatchObject({ outcome: 'failed', args: { file: path } });
  });

  it('reports an empty file as a clear input error and writes nothing', async () => {
    const report = await importFile(store, await fileWith('empty.csv', ''), options());
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { file: 'empty.csv' } },
    });
    expect(report.error?.message).toContain('empty');
    await nothingWritten();
  });

  it('reports a CSV without a phone column with the header line and a hint', async () => {
    const report = await importFile(
      store,
      await fileWith('people.csv', 'name,email\nAda,ada@example.com\n'),
      options(),
    );
    expect(report.error).toMatchObject({ code: 'invalid_input', details: { line: 1, field: 'phone' } });
    expect(report.error?.hint).toContain('mapping');
    await nothingWritten();
  });

  it('reports a file that is not JSON lines when contacts JSON lines were asked for', async () => {
    const path = await fileWith('contacts.jsonl', '[{"phone": "+5511912345678"},\n{"phone": oops}]\n');
    const report = await importFile(store, path, options({ kind: 'contacts-jsonl' }));
    expect(report.error).toMatchObject({ code: 'invalid_input', details: { line: 1 } });
    expect(report.error?.message).toContain('not JSON lines');
    await nothingWritten();
  });

  it('reports a file of the wrong kind (a template given as a contacts CSV)', async () => {
    const path = await fileWith('template.json', '{"name":"hello","language":"en_US","components":[]}');
    const report = await importFile(store, path, options({ kind: 'contacts-csv' }));
    expect(report).toMatchObject({ ok: false, kind: 'contacts-csv', error: { code: 'invalid_input' } });
    await nothingWritten();
  });

  it('reports a missing file without throwing', async () => {
    const report = await importFile(store, join(directory, 'nope.csv'), options());
    expect(report).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
