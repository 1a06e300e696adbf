import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FerryStore } from '@ferry/core';
import { openSqliteStore } from '@ferry/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportOptions, importFile } from './index.js';

// better-sqlite3 is the store's own dependency; the test reaches it to add a trigger from a second connection.
const requireFromStore = createRequire(new URL('../../../store/package.json', import.meta.url));
const Database = requireFromStore('better-sqlite3') as new (
  path: string,
) => { exec(sql: string): void; close(): void };

let directory: string;
let store: FerryStore;
const AT = Date.UTC(2025, 4, 1);

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ferry-import-'));
  store = openSqliteStore(':memory:', { clock: { now: () => AT } });
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
  return { workspace: directory, defaultCountry: 'BR', clock: { now: () => AT }, ...extra };
}

async function consentCount(): Promise<number> {
  let total = 0;
  for await (const batch of store.contacts.iterateAudience({ consent: 'any' })) {
    for (const contact of batch) total += (await store.consents.listByContact(contact.id)).length;
  }
  return total;
}

describe('importing contacts', () => {
  it('imports a semicolon CSV with a BOM, CRLF and quoted fields', async () => {
    const path = await fileWith(
      'clientes.csv',
      '\uFEFFtelefone;nome;idioma;opt_in\r\n"+55 11 91234-5678";"Silva; João";pt-br;sim\r\n(021) 98765-4321;Maria;pt_BR;nao\r\n',
    );
    const report = await importFile(store, path, options());
    expect(report).toMatchObject({ ok: true, kind: 'contacts-csv' });
    expect(report.counts).toMatchObject({
      read: 2,
      imported: 2,
      created: 2,
      rejected: 0,
      consentsAppended: 1,
    });
    const silva = await store.contacts.findByPhone('+5511912345678');
    expect(silva).toMatchObject({ profileName: 'Silva; João', language: 'pt_BR', country: 'BR' });
    expect((await store.consents.statusOf(silva!.id)).state).toBe('opted-in');
    const maria = await store.contacts.findByPhone('+5521987654321');
    expect((await store.consents.statusOf(maria!.id)).state).toBe('unknown');
  });

  it('imports a tab-separated file with Italian headers and an explicit mapping for the phone column', async () => {
    const path = await fileWith(
      'lista.tsv',
      'Numero principale\tCellulare\tNome\tEtichette\n0000\t333 123 4567\tGiulia\tvip, milano\n',
    );
    const report = await importFile(
      store,
      path,
      options({ defaultCountry: 'IT', mapping: { phone: 'Cellulare' } }),
    );
    expect(report.ok).toBe(true);
    expect(await store.contacts.findByPhone('+393331234567')).toMatchObject({
      profileName: 'Giulia',
      tags: ['milano', 'vip'],
    });
  });

  it('merges one person written three ways into one contact', async () => {
    const path = await fileWith(
      'three-ways.csv',
      'phone,name,opted_in\n+55 11 91234-5678,João,yes\n5511912345678,João S.,yes\n(011) 91234-5678,João Silva,yes\n',
    );
    const report = await importFile(store, path, options());
    expect(report.counts).toMatchObject({ read: 3, imported: 3, created: 1, merged: 2, consentsAppended: 3 });
    expect(await store.contacts.count()).toBe(1);
    expect(await store.contacts.findByPhone('+5511912345678')).toMatchObject({ profileName: 'João Silva' });
  });

  it('rejects invalid phones with line and field, writes them to the rejects file, and imports the rest', async () => {
    const path = await fileWith(
      'mixed.csv',
      'mobile,name\n+39 333 123 4567,Ada\n12345,Bob\n+1 (650) 555-1234,Cid\nnot a number,Dan\n',
    );
    const report = await importFile(store, path, options());
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ read: 4, imported: 2, rejected: 2 });
    const errors = report.issues.filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => [issue.file, issue.line, issue.field])).toEqual([
      ['mixed.csv', 3, 'mobile'],
      ['mixed.csv', 5, 'mobile'],
    ]);
    expect(report.rejectsFile).toBe(join(directory, '.ferry', 'rejects', 'mixed.csv.rejects.jsonl'));
    const rejected = (await readFile(report.rejectsFile!, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; field: string; reason: string });
    expect(rejected.map((row) => [row.line, row.field])).toEqual([
      [3, 'mobile'],
      [5, 'mobile'],
    ]);
    expect(rejected[0]?.reason).toContain('12345');
    expect(await store.contacts.count()).toBe(2);
  });

  it('imports JSON lines, including wa_id and nested profile names', async () => {
    const path = await fileWith(
      'subscribers.jsonl',
      '{"wa_id":"16505551234","profile":{"name":"Kerry"},"opted_in":true,"opt_in_at":"2025-01-02"}\n' +
        '{"phone":"+44 7911 123456","name":"Ben","tags":["uk"]}\n',
    );
    const report = await importFile(store, path, options());
    expect(report).toMatchObject({ ok: true, kind: 'contacts-jsonl' });
    const kerry = await store.contacts.findByPhone('+16505551234');
    expect(kerry).toMatchObject({ waId: '16505551234', profileName: 'Kerry' });
    const events = await store.consents.listByContact(kerry!.id);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'opt-in', at: Date.UTC(2025, 0, 2), evidence: 'subscribers.jsonl:1' }),
    ]);
    expect(await store.contacts.findByPhone('+447911123456')).toMatchObject({ tags: ['uk'] });
  });

  it('records opt-outs so the contact is opted out after an earlier opt-in', async () => {
    const optIns = await fileWith('optins.csv', 'phone,opt_in_at\n+5511912345678,2025-01-01\n');
    const optOuts = await fileWith(
      'optouts.csv',
      'phone,opted_out,opt_out_at\n+5511912345678,yes,2025-02-01\n',
    );
    await importFile(store, optIns, options());
    const report = await importFile(store, optOuts, options());
    expect(report.counts).toMatchObject({ merged: 1, consentsAppended: 1 });
    const contact = await store.contacts.findByPhone('+5511912345678');
    const status = await store.consents.statusOf(contact!.id);
    expect(status).toMatchObject({ state: 'opted-out', since: Date.UTC(2025, 1, 1) });
  });

  it('changes nothing when the same file is imported again', async () => {
    const path = await fileWith(
      'again.csv',
      'phone,name,consent,tags\n+5511912345678,Ana,yes,a\n+393331234567,Bea,yes,b\n+5511912345678,Ana,yes,c\n',
    );
    const first = await importFile(store, path, options());
    const contactsAfterFirst = await store.contacts.count();
    const eventsAfterFirst = await consentCount();
    const ana = await store.contacts.findByPhone('+5511912345678');
    const second = await importFile(store, path, options());
    expect(first.counts).toMatchObject({ created: 2, merged: 1, consentsAppended: 3 });
    expect(second.counts).toMatchObject({ created: 0, merged: 3, consentsAppended: 0, consentsExisting: 3 });
    expect(await store.contacts.count()).toBe(contactsAfterFirst);
    expect(await consentCount()).toBe(eventsAfterFirst);
    expect(await store.contacts.findByPhone('+5511912345678')).toEqual(ana);
  });

  it('writes one audit entry per imported file with its counts', async () => {
    const path = await fileWith('audited.csv', 'phone\n+5511912345678\nbad\n');
    await importFile(store, path, options({ command: 'import contacts' }));
    const [entry] = await store.audit.list({ command: 'import contacts' });
    expect(entry).toMatchObject({
      outcome: 'ok',
      at: AT,
      args: { file: path, kind: 'contacts-csv', defaultCountry: 'BR' },
      counts: expect.objectContaining({ read: 2, imported: 1, rejected: 1 }),
    });
  });

  it('removes a stale rejects file when a corrected file imports cleanly', async () => {
    const path = await fileWith('fixed.csv', 'phone\nbad\n');
    const first = await importFile(store, path, options());
    expect(existsSync(first.rejectsFile!)).toBe(true);
    await writeFile(path, 'phone\n+5511912345678\n');
    const second = await importFile(store, path, options());
    expect(second.rejectsFile).toBeUndefined();
    expect(existsSync(first.rejectsFile!)).toBe(false);
  });
});

describe('importing contacts on a worker thread', () => {
  async function snapshot(target: FerryStore): Promise<unknown[]> {
    const rows: unknown[] = [];
    for await (const batch of target.contacts.iterateAudience({ consent: 'any' })) {
      for (const contact of batch) {
        rows.push({ contact, consents: await target.consents.listByContact(contact.id) });
      }
    }
    return rows;
  }

  it('gives the same report and the same contacts and consents as reading on the main thread', async () => {
    const lines = ['phone,name,opted_in,tags'];
    for (let index = 0; index < 300; index += 1) {
      const digits = String(10_000_000 + (index % 250));
      const phone =
        index % 3 === 0 ? `+55 11 9${digits}` : index % 3 === 1 ? `(011) 9${digits}` : `5511 9${digits}`;
      lines.push(
        index % 17 === 5
          ? `call me,Nobody,yes,`
          : `${phone},Person ${index},${index % 4 ? 'yes' : 'no'},t${index % 3}`,
      );
    }
    const path = await fileWith('optins.csv', `${lines.join('\n')}\n`);
    const other = openSqliteStore(':memory:', { clock: { now: () => AT } });
    try {
      const inWorker = await importFile(store, path, options({ batchSize: 40, readInWorker: true }));
      const onMain = await importFile(other, path, options({ batchSize: 40, readInWorker: false }));
      expect(inWorker.counts).toMatchObject({ read: 300, rejected: 18, created: 238, merged: 44 });
      expect(inWorker).toEqual(onMain);
      expect(await snapshot(store)).toEqual(await snapshot(other));
    } finally {
      await other.close();
    }
  });

  it('keeps nothing of the file when the store fails mid-file while the worker reads ahead', async () => {
    const lines = ['phone,opted_in'];
    for (let index = 0; index < 60; index += 1) lines.push(`+55119${String(10_000_000 + index)},yes`);
    const path = await fileWith('rollback.csv', `${lines.join('\n')}\n`);
    const fileStore = openSqliteStore(join(directory, 'ferry.db'), { clock: { now: () => AT } });
    try {
      // A real SQLite failure on the 41st contact, after four batches of 10 were written.
      const database = new Database(fileStore.path);
      database.exec(`CREATE TRIGGER refuse_41st BEFORE INSERT ON contacts WHEN NEW.phone = '+5511910000040'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      database.close();

      const report = await importFile(fileStore, path, options({ batchSize: 10, readInWorker: true }));

      expect(report.ok).toBe(false);
      expect(report.error).toMatchObject({ code: 'internal' });
      expect(report.error?.message).toContain('injected failure');
      expect(await fileStore.contacts.count()).toBe(0);
      expect(await fileStore.contacts.countAudience({ consent: 'any' })).toBe(0);
    } finally {
      await fileStore.close();
    }
  });

  it('reports an unusable file read on the worker as invalid input and writes nothing', async () => {
    const path = await fileWith('no-phone.csv', 'name,email\nAna,ana@example.com\n');
    const report = await importFile(store, path, options({ readInWorker: true }));
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({ code: 'invalid_input' });
    expect(report.error?.message).toContain('no phone column');
    expect(await store.contacts.count()).toBe(0);
  });
});
