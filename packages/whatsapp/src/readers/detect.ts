import { parseJsonDocuments } from './json-documents.js';
import { kindOfDocument } from './kinds.js';
import type { ArtifactKind, DetectedArtifact } from './types.js';

/** Header columns that show a CSV lists WhatsApp contacts. */
const CONTACT_COLUMNS =
  /(^|[,;\t"])\s*(wa_?id|phone|phone_?number|msisdn|mobile|number|bsuid|telefone|telefono)\s*("|[,;\t]|$)/i;

/** Key patterns for a head cut off mid-document, where the JSON cannot be parsed whole. */
const SIGNATURES: readonly (readonly [RegExp, ArtifactKind])[] = [
  [/"object"\s*:\s*"whatsapp_business_account"/, 'webhook-log'],
  [/"screens"\s*:\s*\[/, 'flow'],
  [/"components"\s*:\s*\[/, 'templates'],
  [/"messaging_product"\s*:\s*"whatsapp"/, 'sent-log'],
  [/"(wa_id|waId|phone|phone_number|bsuid)"\s*:/, 'contacts-jsonl'],
];

function byExtension(fileName: string): DetectedArtifact {
  const lower = fileName.toLowerCase();
  const base = lower.split(/[\\/]/).pop() ?? lower;
  if (base.endsWith('.csv') || base.endsWith('.tsv')) return { kind: 'contacts-csv' };
  if (/flow/.test(base) && base.endsWith('.json')) return { kind: 'flow' };
  if (/template/.test(base)) return { kind: 'templates' };
  if (/webhook/.test(base)) return { kind: 'webhook-log' };
  if (/(sent|outbound|outgoing)/.test(base)) return { kind: 'sent-log' };
  if (/contact|opt-?in|subscriber|user/.test(base) && /\.(jsonl|ndjson)$/.test(base))
    return { kind: 'contacts-jsonl' };
  return {
    kind: 'unknown',
    reason: `cannot tell what ${base} holds from its content or its name; import it naming the kind (templates, flow, webhook log, sent log, contacts)`,
  };
}

function firstLineOf(text: string): string {
  const index = text.indexOf('\n');
  return (index === -1 ? text : text.slice(0, index)).trim();
}

/**
 * Tells which WhatsApp artefact a file holds, from its content first (keys of the JSON, header of a
 * CSV) and its name second. `head` is the start of the file (a few kilobytes are plenty).
 */
export function detectArtifactKind(fileName: string, head: string): DetectedArtifact {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  const trimmed = text.trimStart();
  if (trimmed === '') return byExtension(fileName);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJsonDocuments(trimmed, fileName).documents[0];
    const kind = parsed === undefined ? undefined : kindOfDocument(parsed.value);
    if (kind !== undefined) return { kind };
    const window = trimmed.slice(0, 64 * 1024);
    const signature = SIGNATURES.find(([pattern]) => pattern.test(window));
    if (signature !== undefined) return { kind: signature[1] };
    return byExtension(fileName);
  }
  const header = firstLineOf(trimmed);
  if (/[,;\t]/.test(header) || CONTACT_COLUMNS.test(header)) {
    if (CONTACT_COLUMNS.test(header)) return { kind: 'contacts-csv' };
    const fromName = byExtension(fileName);
    return fromName.kind === 'contacts-csv'
      ? fromName
      : {
          kind: 'unknown',
          reason: 'a CSV file without a phone or wa_id column is not a contact export Ferry knows',
        };
  }
  return byExtension(fileName);
}
