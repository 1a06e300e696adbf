import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@ferry/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContactBatch, type ReadContactsOptions, readContacts, readContactsInWorker } from './index.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ferry-contacts-worker-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function collect(batches: AsyncIterable<ContactBatch>): Promise<ContactBatch[]> {
  const all: ContactBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

/** Records and issues in order, whatever the batch cuts. */
function flatten(batches: readonly ContactBatch[]) {
  return {
    records: batches.flatMap((batch) => batch.records),
    issues: batches.flatMap((batch) => batch.issues),
    rows: batches.reduce((sum, batch) => sum + batch.rows, 0),
    rejectedRows: batches.reduce((sum, batch) => sum + batch.rejectedRows, 0),
  };
}

describe('readContactsInWorker on several workers', () => {
  it('reads a CSV split into many parts exactly as one stream reads it: line numbers, quoted line breaks, CRLF, literal quotes', async () => {
    const lines = ['\uFEFFphone;name;notes;opted_in;unknown_column'];
    for (let index = 0; index < 400; index += 1) {
      const phone = index % 13 === 5 ? 'call me' : `(011) 9${String(1000_0000 + index)}`;
      const notes =
        index % 7 === 0
          ? `"line one;\r\nline ""two""\nline three"`
          : index % 11 === 0
            ? `says 5" tall`
            : `plain ${index}`;
      lines.push(`${phone};"Person; ${index}";${notes};${index % 3 === 0 ? 'maybe' : 'yes'};x`);
    }
    const path = join(directory, 'split.csv');
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    const options: ReadContactsOptions = { defaultTime: 0, defaultCountry: 'BR', batchSize: 64 };

    const split = flatten(await collect(readContactsInWorker(path, options, { workers: 3, partBytes: 700 })));
    const streamed = flatten(await collect(readContacts(path, options)));

    expect(split.rows).toBe(400);
    expect(split.records.length).toBeGreaterThan(200);
    // The header's warnings (two unknown columns) come once, not once per part.
    expect(split.issues.filter((issue) => issue.severity === 'warning')).toHaveLength(2);
    expect(split.records.at(-1)?.line).toBe(streamed.records.at(-1)?.line);
    expect(split).toEqual(streamed);
  });

  it('splits as Papa Parse reads quotes: escaped quotes, a quote inside an unquoted field, a part starting with a long quoted field, bare CRs inside quotes', async () => {
    const lines = ['phone,name,notes'];
    for (let index = 0; index < 300; index += 1) {
      const phone = `(011) 9${String(1000_0000 + index)}`;
      const notes =
        index % 5 === 0
          ? `"${'long line\n'.repeat(40)}end"`
          : index % 5 === 1
            ? `"""Big"" Joe ${index}"`
            : index % 5 === 2
              ? `"carriage\rreturn"`
              : `5" tall ${index}`;
      // Every fifth row starts with its quoted field, so parts often begin with a quote.
      lines.push(index % 5 === 0 ? `${notes},${phone},Person ${index}` : `${phone},Person ${index},${notes}`);
    }
    const path = join(directory, 'quotes.csv');
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    const options: ReadContactsOptions = { defaultTime: 0, defaultCountry: 'BR', batchSize: 50 };

    const split = flatten(await collect(readContactsInWorker(path, options, { workers: 2, partBytes: 300 })));
    const streamed = flatten(await collect(readContacts(path, options)));

    expect(split.rows).toBe(300);
    // The rows that start with their notes have no phone where the header says: rejected, not misread.
    expect(split.records).toHaveLength(240);
    // Row 1 is on line 43: row 0's quoted field holds 40 line breaks.
    expect(split.records[0]).toMatchObject({ line: 43, contact: { profileName: 'Person 1' } });
    expect(split).toEqual(streamed);
  });

  it('splits an export that quotes every field, its header included', async () => {
    const lines = ['"Phone Number";"Full Name";"Opted In"'];
    for (let index = 0; index < 240; index += 1)
      lines.push(
        `"+55 11 9${String(1000_0000 + index)}";"Silva; ${index}";"${index % 4 === 0 ? 'no' : 'yes'}"`,
      );
    const path = join(directory, 'all-quoted.csv');
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    const options: ReadContactsOptions = { defaultTime: 0, batchSize: 30 };

    const split = await collect(readContactsInWorker(path, options, { workers: 2, partBytes: 400 }));
    const streamed = flatten(await collect(readContacts(path, options)));

    // More batches than one worker streaming the file would give: it was read in parts.
    expect(split.length).toBeGreaterThan(Math.ceil(240 / 30));
    expect(flatten(split).records).toHaveLength(240);
    expect(flatten(split).records[1]?.contact).toMatchObject({
      phone: '+5511910000001',
      profileName: 'Silva; 1',
    });
    expect(flatten(split)).toEqual(streamed);
  });

  it('keeps line numbers exact past the first streamed slices (256 KB) and equal to the split reading', async () => {
    const lines = ['phone,name'];
    for (let index = 0; index < 24_000; index += 1)
      lines.push(`+55119${String(1000_0000 + index)},Person ${index}`);
    lines.push('not a phone,Last');
    const path = join(directory, 'long.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    const options: ReadContactsOptions = { defaultTime: 0 };

    const streamed = flatten(await collect(readContacts(path, options)));
    const split = flatten(await collect(readContactsInWorker(path, options, { workers: 2 })));

    expect(streamed.records.at(-1)).toMatchObject({ line: 24_001, contact: { profileName: 'Person 23999' } });
    expect(streamed.issues.filter((issue) => issue.severity === 'error')).toEqual([
      expect.objectContaining({ line: 24_002, field: 'phone' }),
    ]);
    expect(split).toEqual(streamed);
  });

  it('counts a stray CRLF in an LF file, and a CRLF header above LF rows, as one line break each', async () => {
    const rows = Array.from({ length: 60 }, (_, index) => `+55119${String(1000_0000 + index)},P${index}`);
    const path = join(directory, 'mixed.csv');
    // A CRLF header (typed in another editor) above LF rows, one of which ends in CRLF too.
    await writeFile(path, `phone,name\r\n${rows.slice(0, 30).join('\n')}\r\n${rows.slice(30).join('\n')}\n`);
    const options: ReadContactsOptions = { defaultTime: 0 };

    const streamed = flatten(await collect(readContacts(path, options)));
    const split = flatten(await collect(readContactsInWorker(path, options, { workers: 2, partBytes: 128 })));

    expect(streamed.records.map((record) => record.line)).toEqual(rows.map((_, index) => index + 2));
    expect(streamed.records[29]?.contact.profileName).toBe('P29');
    expect(split).toEqual(streamed);
  });

  it('reads a file whose lines end in bare CRs in parts, as one stream reads it', async () => {
    const lines = ['phone;name'];
    for (let index = 0; index < 200; index += 1)
      lines.push(`+55119${String(1000_0000 + index)};${index % 9 === 0 ? '"Two\rlines"' : `P${index}`}`);
    const path = join(directory, 'mac.csv');
    await writeFile(path, `${lines.join('\r')}\r`);
    const options: ReadContactsOptions = { defaultTime: 0, batchSize: 40 };

    const split = flatten(await collect(readContactsInWorker(path, options, { workers: 2, partBytes: 256 })));
    const streamed = flatten(await collect(readContacts(path, options)));

    expect(split.records).toHaveLength(200);
    expect(split.records.slice(0, 3).map((record) => [record.line, record.contact.profileName])).toEqual([
      [2, 'Two\rlines'],
      [4, 'P1'],
      [5, 'P2'],
    ]);
    expect(split).toEqual(streamed);
  });

  it('refuses a quoted field with text after its closing quote at its line, split or streamed', async () => {
    const lines = ['phone,name,notes'];
    for (let index = 0; index < 200; index += 1)
      lines.push(`+55119${String(1000_0000 + index)},P${index},ok`);
    lines.push('+5511912345678,"Big" Joe,x');
    for (let index = 0; index < 50; index += 1) lines.push(`+55219${String(1000_0000 + index)},Q${index},ok`);
    const path = join(directory, 'stray-quote.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    const options: ReadContactsOptions = { defaultTime: 0 };

    const split = await collect(readContactsInWorker(path, options, { workers: 2, partBytes: 512 })).catch(
      (error: unknown) => error,
    );
    const streamed = await collect(readContacts(path, options)).catch((error: unknown) => error);

    expect(split).toBeInstanceOf(InputError);
    expect((split as InputError).message).toBe(
      'stray-quote.csv: line 202: a quoted field has text after its closing quote.',
    );
    expect((split as InputError).hint).toContain('""');
    expect((streamed as InputError).message).toBe((split as InputError).message);
    expect((streamed as InputError).details).toEqual((split as InputError).details);
  });

  it('refuses a reading worker count that is not a whole number of at least one', async () => {
    const path = join(directory, 'one.csv');
    await writeFile(path, 'phone\n+5511912345678\n');
    await expect(collect(readContactsInWorker(path, { defaultTime: 0 }, { workers: 1.5 }))).rejects.toThrow(
      'whole number',
    );
    await expect(
      collect(readContactsInWorker(path, { defaultTime: 0 }, { workers: Number.NaN })),
    ).rejects.toThrow('whole number');
  });

  it('throws the InputError of a bad row in the middle of a split file at that row', async () => {
    const lines = ['phone,name'];
    for (let index = 0; index < 300; index += 1) lines.push(`+55119${String(1000_0000 + index)},P${index}`);
    lines.push('+5511912345678,"never closed');
    const path = join(directory, 'unclosed.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    const split = await collect(
      readContactsInWorker(path, { defaultTime: 0 }, { workers: 2, partBytes: 512 }),
    ).catch((error: unknown) => error);
    const streamed = await collect(readContacts(path, { defaultTime: 0 })).catch((error: unknown) => error);
    expect(split).toBeInstanceOf(InputError);
    expect((split as InputError).message).toContain('unclosed.csv');
    expect((split as InputError).message).toBe((streamed as InputError).message);
    expect((split as InputError).details).toEqual((streamed as InputError).details);
  });
});

describe('readContactsInWorker', () => {
  it('yields the same batches as readContacts, in order, with issues and rejected rows', async () => {
    const lines = ['phone,name,opted_in,opt_in_at'];
    for (let index = 0; index < 230; index += 1) {
      lines.push(
        index % 10 === 3
          ? `not a phone,Bad ${index},yes,2025-03-01`
          : `(011) 9${String(1000_0000 + index)},Person ${index},${index % 4 === 0 ? 'no' : 'yes'},2025-03-0${1 + (index % 9)}`,
      );
    }
    const path = join(directory, 'optins.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    const options: ReadContactsOptions = { defaultTime: 0, defaultCountry: 'BR', batchSize: 50 };

    const inWorker = await collect(readContactsInWorker(path, options, { ahead: 1 }));

    expect(inWorker).toHaveLength(5);
    expect(inWorker.reduce((sum, batch) => sum + batch.rejectedRows, 0)).toBe(23);
    expect(inWorker).toEqual(await collect(readContacts(path, options)));
  });

  it('throws the InputError a file without a phone column gets', async () => {
    const path = join(directory, 'no-phone.csv');
    await writeFile(path, 'name,email\nAna,ana@example.com\n');
    const failure = collect(readContactsInWorker(path, { defaultTime: 0 }));
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(collect(readContactsInWorker(path, { defaultTime: 0 }))).rejects.toThrow('no phone column');
  });

  it('streams a JSON lines file through one worker in batches of at most 500 rows by default', async () => {
    const lines: string[] = [];
    for (let index = 0; index < 1200; index += 1)
      lines.push(JSON.stringify({ phone: `+55119${String(1000_0000 + index)}`, name: `P${index}` }));
    const path = join(directory, 'people.jsonl');
    await writeFile(path, `${lines.join('\n')}\n`);

    const batches = await collect(readContactsInWorker(path, { defaultTime: 0 }));

    expect(batches.map((batch) => batch.rows)).toEqual([500, 500, 200]);
    expect(flatten(batches).records.at(-1)).toMatchObject({ line: 1200, contact: { profileName: 'P1199' } });
  });

  it('stops the worker when the consumer stops early', async () => {
    const lines = ['phone'];
    for (let index = 0; index < 500; index += 1) lines.push(`+55119${String(1000_0000 + index)}`);
    const path = join(directory, 'many.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    let seen = 0;
    for await (const batch of readContactsInWorker(path, { defaultTime: 0, batchSize: 10 })) {
      seen += batch.rows;
      if (seen >= 20) break;
    }
    expect(seen).toBe(20);
  });
});
