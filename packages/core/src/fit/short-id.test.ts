import { describe, expect, it } from 'vitest';
import { ShortIdTable } from './short-id.js';

describe('ShortIdTable', () => {
  it('passes ids within the limit through and shortens the rest to ASCII within the limit', () => {
    const table = new ShortIdTable();
    expect(table.shorten('yes', 64)).toBe('yes');
    const long = 'x'.repeat(65);
    const shortId = table.shorten(long, 64);
    expect(shortId).toMatch(/^~[A-Za-z0-9_-]{16}$/);
    expect(table.restore(shortId)).toBe(long);
    expect(table.restore('yes')).toBe('yes');
    expect(table.size).toBe(1);
  });

  it('is deterministic: the same id maps to the same short id in every table', () => {
    const id = 'ü'.repeat(100);
    expect(new ShortIdTable().shorten(id, 64)).toBe(new ShortIdTable().shorten(id, 100));
    const table = new ShortIdTable();
    expect(table.shorten(id, 64)).toBe(table.shorten(id, 64));
    expect(table.size).toBe(1);
  });

  it('maps empty ids and ids that look short, and fits tiny limits', () => {
    const table = new ShortIdTable();
    const empty = table.shorten('', 64);
    expect(empty).not.toBe('');
    expect(table.restore(empty)).toBe('');
    const lookalike = table.shorten('~abc', 64);
    expect(lookalike).not.toBe('~abc');
    expect(table.restore(lookalike)).toBe('~abc');
    expect(table.shorten('long id', 4)).toHaveLength(4);
    expect(() => table.shorten('long id', 1)).toThrow(RangeError);
  });

  it('gives duplicates distinct aliases that restore to the same id', () => {
    const table = new ShortIdTable();
    const alias = table.alias('same', 2, 64);
    expect(alias).not.toBe('same');
    expect(table.alias('same', 2, 64)).toBe(alias);
    expect(table.alias('same', 3, 64)).not.toBe(alias);
    expect(table.restore(alias)).toBe('same');
  });

  it('survives a JSON round trip; unknown short ids restore to undefined', () => {
    const table = new ShortIdTable();
    const shortId = table.shorten('y'.repeat(300), 100);
    const copy = ShortIdTable.fromJSON(JSON.parse(JSON.stringify(table)));
    expect(copy.restore(shortId)).toBe('y'.repeat(300));
    expect(copy.restore('~unknown')).toBeUndefined();
  });
});
