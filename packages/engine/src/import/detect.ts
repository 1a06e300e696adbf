import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '@ferry/core';
import { detectArtifactKind } from '@ferry/whatsapp';
import type { ImportKind } from './types.js';

const HEAD_BYTES = 64 * 1024;

/** The first 64 KiB of a file as text (enough to see a CSV header or a JSON document's keys). */
export async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Tells what a file holds from its content and name: the WhatsApp readers' detection first, then
 * any other delimited text is taken for a contacts CSV (its reader then says whether a phone column
 * is there). Throws `InputError` when neither can tell.
 */
export function detectImportKind(file: string, head: string): ImportKind {
  const detected = detectArtifactKind(file, head);
  if (detected.kind !== 'unknown') return detected.kind;
  return detectContactsKind(file, head, detected.reason);
}

function detectContactsKind(file: string, head: string, reason: string): ImportKind {
  const extension = extname(file).toLowerCase();
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (extension === '.csv' || extension === '.tsv') return 'contacts-csv';
  if (
    (extension === '.jsonl' || extension === '.ndjson') &&
    /"(wa_?id|phone\w*|bsuid|msisdn|mobile)"\s*:/i.test(text)
  ) {
    return 'contacts-jsonl';
  }
  if (text !== '' && !text.startsWith('{') && !text.startsWith('[')) return 'contacts-csv';
  throw new InputError(`Cannot tell what ${file} holds: ${reason}.`, {
    details: { file },
    hint: 'Name the kind: templates, flow, webhook-log, sent-log, contacts-csv or contacts-jsonl.',
  });
}
