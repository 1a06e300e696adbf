import { InputError } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import {
  type CsvSlice,
  guessNewline,
  lastRecordEnd,
  recordSlices,
  type SliceSettings,
  sliceableHeader,
} from './slices.js';

async function slicesOf(
  chunks: readonly (string | Buffer)[],
  settings: Partial<SliceSettings> = {},
): Promise<CsvSlice[]> {
  async function* source(): AsyncGenerator<Buffer> {
    for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
  const all: CsvSlice[] = [];
  const full: SliceSettings = { file: 'x.csv', delimiter: ',', newline: '\n', sliceBytes: 8, ...settings };
  for await (const slice of recordSlices(source(), full)) all.push(slice);
  return all;
}

const COMMA = ','.charCodeAt(0);

describe('record-aligned slices of a CSV stream', () => {
  it('cuts parts of about sliceBytes after a line break outside quotes, with the line each starts on', async () => {
    const slices = await slicesOf(['a,b\n1,"x\ny"\n2,', 'z\n3,w\n']);
    expect(slices.map((slice) => [slice.firstLine, slice.bytes.toString()])).toEqual([
      [1, 'a,b\n'],
      [2, '1,"x\ny"\n'],
      [4, '2,z\n3,w\n'],
    ]);
  });

  it('drops the BOM, even when the first chunk is shorter than it', async () => {
    const slices = await slicesOf([Buffer.from([0xef]), Buffer.from([0xbb, 0xbf]), 'phone\n1\n'], {
      sliceBytes: 1,
    });
    expect(slices.map((slice) => slice.bytes.toString()).join('')).toBe('phone\n1\n');
  });

  it('ends CRLF records only on CRLF, and bare-CR records on CR', () => {
    expect(lastRecordEnd(Buffer.from('a\r\nb\nc'), COMMA, '\r\n')).toBe(3);
    expect(lastRecordEnd(Buffer.from('a\rb\rc'), COMMA, '\r')).toBe(4);
    // In a CR file a CR followed by LF, or at the end of what was read, is no boundary yet.
    expect(lastRecordEnd(Buffer.from('a\rb\r\nc'), COMMA, '\r')).toBe(2);
    expect(lastRecordEnd(Buffer.from('a\rb\r'), COMMA, '\r')).toBe(2);
    // A quote opens a field only at the field's start: the one in `5"` is a literal.
    expect(lastRecordEnd(Buffer.from('5" tall,x\ny'), COMMA, '\n')).toBe(10);
    expect(lastRecordEnd(Buffer.from('"a\nb'), COMMA, '\n')).toBe(-1);
  });

  it('refuses a record that runs on past the limit (an unclosed quote) with the line it starts near', async () => {
    const error = await slicesOf(['a\n"open', ' and on', ' and on', ' and on'], {
      sliceBytes: 4,
      maxRecordBytes: 16,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('line 2');
    expect((error as InputError).hint).toContain('never closed');
  });

  it('guesses the line break the file uses most outside quoted fields', () => {
    expect(guessNewline('a,b\r\n1,2\r\n')).toBe('\r\n');
    expect(guessNewline('a,b\n1,"x\r\ny"\n')).toBe('\n');
    expect(guessNewline('a;b\r1;2\r')).toBe('\r');
    // A CRLF header above LF rows (a header typed in another editor): the rows decide.
    expect(guessNewline('phone,name\r\n1,a\n2,b\n3,c\n')).toBe('\n');
    // Excel: CRLF records, LF inside quoted cells.
    expect(guessNewline('a,b\r\n1,"x\ny\nz"\r\n2,"p\nq\nr"\r\n')).toBe('\r\n');
    expect(guessNewline('phone')).toBe('\n');
  });

  it('repeats a header in front of parts only when its first line is the whole header record', () => {
    expect(sliceableHeader('phone,name\n1,a\n', ',', '\n')).toBe('phone,name\n');
    expect(sliceableHeader('"phone";"full name"\r\n1;a\r\n', ';', '\r\n')).toBe('"phone";"full name"\r\n');
    expect(sliceableHeader('"phone","full\nname"\n1,a\n', ',', '\n')).toBeUndefined();
    expect(sliceableHeader('\nphone\n1\n', ',', '\n')).toBeUndefined();
    expect(sliceableHeader('phone', ',', '\n')).toBeUndefined();
  });
});
