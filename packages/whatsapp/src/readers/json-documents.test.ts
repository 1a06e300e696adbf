import { describe, expect, test } from 'vitest';
import { parseJsonDocuments, parseSingleJsonDocument } from './json-documents.js';
import { findJsonSyntaxError, lineAndColumnOf } from './json-syntax.js';

describe('JSON documents', () => {
  test('a syntax error gives the line and column where the text stops being JSON', () => {
    const text = '{\n  "name": "promo",\n  "language": "en_US"\n  "components": []\n}';
    const { documents, issues } = parseSingleJsonDocument(text, 'templates.json');
    expect(documents).toEqual([]);
    expect(issues).toEqual([
      {
        file: 'templates.json',
        line: 4,
        column: 3,
        reason: "invalid JSON: expected ',' or '}' after a property value (line 4, column 3)",
        severity: 'error',
      },
    ]);
  });

  test('trailing commas, bad literals and early ends are each named', () => {
    expect(findJsonSyntaxError('{"a": 1,}')?.reason).toBe('trailing comma before }');
    expect(findJsonSyntaxError('[1, 2,]')?.reason).toBe('trailing comma before ]');
    expect(findJsonSyntaxError('{"a": tru}')).toEqual({ offset: 6, reason: 'unexpected character "t"' });
    expect(findJsonSyntaxError('{"a": [1, 2')?.reason).toBe('the file ends too early (missing ])');
    expect(findJsonSyntaxError('{"a": "x\ny"}')?.reason).toContain('raw line break');
    expect(findJsonSyntaxError('{"a": 1} {"b": 2}')?.reason).toBe(
      'more text after the end of the JSON value',
    );
    expect(findJsonSyntaxError('{"a": [1, {"b": null}], "c": -1.5e3}')).toBeUndefined();
  });

  test('an empty or blank file is an error, a byte-order mark is not', () => {
    expect(parseJsonDocuments('  \n\n', 'log.jsonl').issues).toEqual([
      { file: 'log.jsonl', line: 1, reason: 'the file is empty', severity: 'error' },
    ]);
    expect(parseSingleJsonDocument('\uFEFF{"a":1}', 'flow.json').documents[0]?.value).toEqual({ a: 1 });
  });

  test('JSON lines: every good line is read and every bad line is reported with its number', () => {
    const text = '{"n":1}\n\n{"n":2}\n{"n":\n{"n":4}\r\n';
    const { documents, issues } = parseJsonDocuments(text, 'log.jsonl');
    expect(documents.map((document) => [document.line, document.value])).toEqual([
      [1, { n: 1 }],
      [3, { n: 2 }],
      [5, { n: 4 }],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, column: 6, severity: 'error' });
  });

  test('pretty-printed documents one after another are read with their starting lines', () => {
    const text = '{\n  "page": 1\n}\n{\n  "page": 2\n}\n';
    const { documents, issues } = parseJsonDocuments(text, 'pages.json');
    expect(issues).toEqual([]);
    expect(documents.map((document) => [document.line, document.value])).toEqual([
      [1, { page: 1 }],
      [4, { page: 2 }],
    ]);
  });

  test('line and column are 1-based', () => {
    expect(lineAndColumnOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumnOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
