import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ContactBatch, readContacts } from './index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const T0 = Date.UTC(2025, 0, 1);

async function readFixture(name: string) {
  const batches: ContactBatch[] = [];
  for await (const batch of readContacts(join(FIXTURES, name), { defaultTime: T0, defaultCountry: 'BR' }))
    batches.push(batch);
  return {
    records: batches.flatMap((batch) => batch.records),
    issues: batches.flatMap((batch) => batch.issues),
  };
}

describe('readContacts: e-mail addresses', () => {
  it('reads an E-mail column of a CSV, lower-cased and trimmed; an unusable address is a warning and the row stays', async () => {
    const { records, issues } = await readFixture('email.csv');
    expect(records.map((record) => [record.contact.profileName, record.contact.email])).toEqual([
      ['Ana', 'ana.souza@example.com'],
      ['Bia', undefined],
      ['Caio', undefined],
      ['Duda', undefined],
      ['Enzo', undefined],
      ['Fabi', 'fabi@example.org'],
    ]);
    expect(records.every((record) => record.contact.phone !== undefined)).toBe(true);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const rowIssues = issues.filter((issue) => (issue.line ?? 0) > 1);
    expect(rowIssues.map((issue) => [issue.line, issue.field, issue.severity])).toEqual([
      [4, 'E-mail', 'warning'],
      [5, 'E-mail', 'warning'],
      [6, 'E-mail', 'warning'],
    ]);
    expect(rowIssues[0]?.reason).toMatch(/not an e-mail address/);
    expect(records[1]?.contact).not.toHaveProperty('email');
  });

  it('reads e-mail keys of JSON lines through the same header names, nested ones included', async () => {
    const { records, issues } = await readFixture('email.jsonl');
    expect(records.map((record) => [record.contact.profileName, record.contact.email])).toEqual([
      ['Giulia', 'giulia@example.it'],
      ['Luca', 'luca@example.it'],
      ['Marco', undefined],
      ['Nina', undefined],
    ]);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(issues.filter((issue) => (issue.line ?? 0) > 1)).toEqual([
      expect.objectContaining({ line: 3, field: 'email', severity: 'warning' }),
    ]);
  });
});
