import { extname } from 'node:path';
import type { ContactFileFormat } from './types.js';

const JSON_LINES_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/** `csv` or `jsonl` from the file name, else from the first line (`{` means JSON lines). */
export function detectContactsFormat(file: string, firstLine: string): ContactFileFormat {
  const extension = extname(file).toLowerCase();
  if (JSON_LINES_EXTENSIONS.has(extension)) return 'jsonl';
  if (CSV_EXTENSIONS.has(extension)) return 'csv';
  return firstLine.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}
