import { Readable } from 'node:stream';
import { InputError } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { type ContactBatch, createPhoneNormaliser, type ReadContactsOptions, readContacts } from './index.js';

const T0 = Date.UTC(2025, 0, 1);

async function readAll(
  text: string | Buffer,
  options: Partial<ReadContactsOptions> = {},
): Promise<{
  records: ContactBatch['records'][number][];
  issues: ContactBatch['issues'][number][];
  rows: number;
}> {
  const batches: ContactBatch[] = [];
  for await (const batch of readContacts(
    Readable.from([typeof text === 'string' ? Buffer.from(text) : text]),
    {
      file: 'contacts.csv',
      defaultTime: T0,
      defaultCountry: 'BR',
      ...options,
    },
  )) {
    batches.push(batch);
  }
  return {
    records: batches.flatMap((batch) => batch.records),
    issues: batches.flatMap((batch) => batch.issues),
    rows: batches.reduce((sum, batch) => sum + batch.rows, 0),
  };
}

describe('phone normalisation', () => {
  const normalise = createPhoneNormaliser();

  it('writes the same Brazilian mobile three ways as one E.164 number', () => {
    const results = ['+55 11 91234-5678', '5511912345678', '(011) 91234-5678'].map((raw) =>
      normalise(raw, 'BR'),
    );
    expect(results).toEqual([
      { ok: true, phone: '+5511912345678', country: 'BR' },
      { ok: true, phone: '+5511912345678', country: 'BR' },
      { ok: true, phone: '+5511912345678', country: 'BR' },
    ]);
  });

  it('reads international numbers whatever the default country', () => {
    expect(normalise('+39 333 123 4567', 'BR')).toMatchObject({
      ok: true,
      phone: '+393331234567',
      country: 'IT',
    });
    expect(normalise('0049 151 23456789', undefined)).toMatchObject({ ok: true, phone: '+4915123456789' });
    expect(normalise('16505551234', 'BR')).toMatchObject({ ok: true, phone: '+16505551234', country: 'US' });
  });

  it('drops the legacy Mexican mobile 1', () => {
    expect(normalise('+52 1 55 1234 5678', undefined)).toMatchObject({ ok: true, phone: '+525512345678' });
  });

  it('rejects numbers that do not exist, letters and national numbers without a country', () => {
    expect(normalise('12345', 'BR')).toMatchObject({ ok: false });
    expect(normalise('+55 11 1234', undefined)).toMatchObject({ ok: false });
    expect(normalise('call me', 'BR')).toMatchObject({ ok: false });
    const national = normalise('(650) 555-1234', undefined);
    expect(national.ok).toBe(false);
    expect(national.ok ? '' : national.reason).toContain('no country code');
  });
});

describe('readContacts: CSV dialects', () => {
  it('reads a BOM, semicolons, CRLF and quoted fields with delimiters, quotes and line breaks', async () => {
    const csv =
      '\uFEFFtelefone;nome;etiquetas\r\n' +
      '+55 11 91234-5678;"Silva; João ""Jota""";vip|sp\r\n' +
      '\r\n' +
      '(021) 98765-4321;"Maria\r\nda Penha";\r\n' +
      '21987654320;Ana;rj\r\n';
    const { records, issues, rows } = await readAll(csv);
    expect(rows).toBe(3);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(records.map((record) => [record.line, record.contact.phone, record.contact.profileName])).toEqual([
      [2, '+5511912345678', 'Silva; João "Jota"'],
      [4, '+5521987654321', 'Maria\r\nda Penha'],
      [6, '+5521987654320', 'Ana'],
    ]);
    expect(records[0]?.contact.tags).toEqual(['sp', 'vip']);
  });

  it('reads a last line without a line break whose quoted field is followed by a space', async () => {
    const { records } = await readAll('phone,name\n+5511912345678,"Ana" ');
    expect(records.map((record) => [record.line, record.contact.profileName])).toEqual([[2, 'Ana']]);
  });

  it('detects the delimiter of a file whose lines end in bare CRs from its header line only', async () => {
    const { records } = await readAll('telefone;nome\r+55 11 91234-5678;Silva, João, Jr\r');
    expect(records.map((record) => record.contact.profileName)).toEqual(['Silva, João, Jr']);
  });

  it('detects tab-separated files and English/Italian/Spanish headers', async () => {
    const tsv = 'Cellulare\tNombre\tIdioma\tPaese\n333 123 4567\tGiulia\tit-it\tit\n';
    const { records } = await readAll(tsv);
    expect(records[0]?.contact).toMatchObject({
      phone: '+393331234567',
      profileName: 'Giulia',
      language: 'it_IT',
      country: 'IT',
    });
  });

  it('uses an explicit mapping over header detection', async () => {
    const csv = 'phone,Celular do cliente,Cliente\n+5511900000000,+39 333 123 4567,Rossi\n';
    const { records } = await readAll(csv, { mapping: { phone: 'Celular do cliente', name: 'Cliente' } });
    expect(records[0]?.contact).toMatchObject({ phone: '+393331234567', profileName: 'Rossi' });
  });

  it('rejects a row with an invalid phone with its line and column, and keeps the others', async () => {
    const csv = 'name,mobile\nAda,+39 333 123 4567\nBob,12345\nCid,\n';
    const { records, issues } = await readAll(csv);
    expect(records).toHaveLength(1);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'contacts.csv', line: 3, field: 'mobile', severity: 'error' }),
      expect.objectContaining({ file: 'contacts.csv', line: 4, field: 'mobile', severity: 'error' }),
    ]);
  });

  it('rejects a row whose field count does not match the header', async () => {
    const { records, issues } = await readAll('phone,name\n+5511912345678,Silva, Joao\n');
    const errors = issues.filter((issue) => issue.severity === 'error');
    expect(records).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 2, severity: 'error' })]);
    expect(errors[0]?.reason).toContain('3 fields');
  });

  it('refuses a file without a phone column, an empty file and an unclosed quote', async () => {
    await expect(readAll('name,email\nAda,a@example.com\n')).rejects.toThrow(/no phone column/);
    await expect(readAll('')).rejects.toBeInstanceOf(InputError);
    const unclosed = await readAll(
      'phone,name\n+5511912345678,Bo\n+5511912345679,"Ada\n+5511912345670,Cy\n',
    ).catch((error: unknown) => error);
    expect(unclosed).toBeInstanceOf(InputError);
    expect((unclosed as InputError).message).toBe(
      'contacts.csv: line 3: a quoted field is never closed (column "name").',
    );
    expect((unclosed as InputError).details).toMatchObject({ file: 'contacts.csv', line: 3, field: 'name' });
    await expect(readAll('phone\n1\n', { mapping: { phone: 'Telefone' } })).rejects.toThrow(/Telefone/);
  });
});

describe('readContacts: consent', () => {
  it('turns opt-in flags, times, text and version into opt-in events with file:line evidence', async () => {
    const csv =
      'phone,opted_in,opt_in_at,consent_text,consent_version,source\n' +
      '+5511912345678,sim,2025-03-01T10:00:00-03:00,Aceito receber mensagens,tos-2025-03,site\n' +
      '+5511912345679,no,,,,\n' +
      '+5511912345670,2025-02-01,,,,\n';
    const { records } = await readAll(csv, { file: 'optins.csv' });
    expect(records[0]?.consents).toEqual([
      {
        kind: 'opt-in',
        channel: 'whatsapp',
        source: 'import:optins.csv',
        evidence: 'optins.csv:2 (site)',
        at: Date.UTC(2025, 2, 1, 13),
        text: 'Aceito receber mensagens',
        textVersion: 'tos-2025-03',
      },
    ]);
    expect(records[1]?.consents).toEqual([]);
    expect(records[2]?.consents).toEqual([
      expect.objectContaining({ kind: 'opt-in', at: Date.UTC(2025, 1, 1) }),
    ]);
    expect(records[0]?.contact.firstSeenAt).toBe(Date.UTC(2025, 2, 1, 13));
  });

  it('turns opt-out flags into opt-out events and rejects unreadable flags and dates', async () => {
    const csv =
      'phone,opted_out,opt_out_at\n+5511912345678,yes,1740787200\n+5511912345679,maybe,\n+5511912345670,,31/02/2025\n';
    const { records, issues } = await readAll(csv);
    expect(records).toHaveLength(1);
    expect(records[0]?.consents).toEqual([
      expect.objectContaining({ kind: 'opt-out', at: 1_740_787_200_000, evidence: 'contacts.csv:2' }),
    ]);
    expect(
      issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.line, issue.field]),
    ).toEqual([
      [3, 'opted_out'],
      [4, 'opt_out_at'],
    ]);
  });

  it('gives rows without a time the caller default, so reading twice gives the same events', async () => {
    const csv = 'phone,consent\n+5511912345678,true\n';
    const first = await readAll(csv, { file: 'a.csv' });
    const second = await readAll(csv, { file: 'a.csv' });
    expect(first.records).toEqual(second.records);
    expect(first.records[0]?.consents[0]?.at).toBe(T0);
  });
});

describe('readContacts: JSON lines', () => {
  it('reads objects, nested profile names, wa_id and booleans, and rejects bad lines', async () => {
    const jsonl =
      '{"wa_id":"5511912345678","profile":{"name":"Ada"},"opted_in":true,"tags":["a","b"]}\n' +
      'not json\n' +
      '\n' +
      '{"phone":"+44 7911 123456","name":"Ben","opted_out":true}\n' +
      '{"name":"nobody"}\n';
    const { records, issues } = await readAll(jsonl, { file: 'contacts.jsonl' });
    expect(records.map((record) => [record.line, record.contact.waId ?? record.contact.phone])).toEqual([
      [1, '5511912345678'],
      [4, '+447911123456'],
    ]);
    expect(records[0]?.contact).toMatchObject({ profileName: 'Ada', tags: ['a', 'b'] });
    expect(records[1]?.consents.map((event) => event.kind)).toEqual(['opt-out']);
    expect(issues.filter((issue) => issue.severity === 'error').map((issue) => issue.line)).toEqual([2, 5]);
  });

  it('refuses a file whose first line is not a JSON object', async () => {
    await expect(readAll('[{"phone": "+5511912345678"}', { file: 'x.jsonl' })).rejects.toThrow(
      /not JSON lines/,
    );
  });
});

describe('readContacts: batches', () => {
  it('splits a long file into batches that together hold every row once', async () => {
    const lines = ['phone'];
    for (let index = 0; index < 2500; index += 1) lines.push(`+55119${String(10_000_000 + index)}`);
    lines.push('bad');
    const batches: ContactBatch[] = [];
    for await (const batch of readContacts(Readable.from([lines.join('\n')]), {
      file: 'big.csv',
      defaultTime: T0,
      batchSize: 1000,
    })) {
      batches.push(batch);
    }
    expect(batches.map((batch) => batch.rows)).toEqual([1000, 1000, 501]);
    expect(batches.reduce((sum, batch) => sum + batch.records.length, 0)).toBe(2500);
    expect(batches.at(-1)?.rejectedRows).toBe(1);
  });
});
