import { describe, expect, it } from 'vitest';
import { decodeContactBatch, encodeContactBatch } from './batch-codec.js';
import type { ContactBatch } from './types.js';

const full: ContactBatch = {
  rows: 4,
  rejectedRows: 1,
  issues: [
    { file: 'c.csv', line: 3, field: 'phone', reason: '"12" is not a valid phone number', severity: 'error' },
    { file: 'c.csv', line: 4, field: 'language', reason: '"xx-1" ignored', severity: 'warning' },
  ],
  records: [
    {
      line: 2,
      contact: {
        waId: '5511912345678',
        phone: '+5511912345678',
        bsuid: 'BR.1a2b',
        profileName: 'Ana "Aninha" Souza\nSP',
        language: 'pt_BR',
        country: 'BR',
        email: 'ana@example.com',
        tags: ['vip', 'wave-1'],
        firstSeenAt: 1_740_000_000_000,
        lastSeenAt: 1_741_000_000_000,
      },
      consents: [
        {
          kind: 'opt-in',
          channel: 'whatsapp',
          source: 'import:c.csv',
          text: 'Yes, message me',
          textVersion: 'tos-3',
          evidence: 'c.csv:2 (form)',
          at: 1_740_000_000_000,
        },
        { kind: 'opt-out', channel: 'whatsapp', source: 'import:c.csv', at: 1_741_000_000_000 },
      ],
    },
    { line: 4, contact: { phone: '+393312345678', firstSeenAt: 0 }, consents: [] },
  ],
};

describe('the batch encoding between a reading worker and the main thread', () => {
  it('gives back every record, consent event and issue with the same values', () => {
    expect(decodeContactBatch(structuredClone(encodeContactBatch(full)))).toEqual(full);
  });

  it('leaves absent fields absent (not undefined, not null), as the reader built them', () => {
    const decoded = decodeContactBatch(structuredClone(encodeContactBatch(full)));
    expect(Object.keys(decoded.records[1]!.contact)).toEqual(['firstSeenAt', 'phone']);
    expect(Object.keys(decoded.records[0]!.consents[1]!).sort()).toEqual(['at', 'channel', 'kind', 'source']);
  });

  it('carries an empty batch (rows that were all rejected)', () => {
    const empty: ContactBatch = { rows: 2, rejectedRows: 2, issues: full.issues, records: [] };
    expect(decodeContactBatch(structuredClone(encodeContactBatch(empty)))).toEqual(empty);
  });
});
