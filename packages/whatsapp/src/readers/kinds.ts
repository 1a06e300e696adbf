import type { ArtifactKind } from './types.js';
import { isObject } from './values.js';

/** Which artefact one parsed JSON document looks like, from the keys it carries; undefined when none. */
export function kindOfDocument(value: unknown): ArtifactKind | undefined {
  if (Array.isArray(value)) return value.length > 0 ? kindOfDocument(value[0]) : undefined;
  if (!isObject(value)) return undefined;
  if (value['object'] === 'whatsapp_business_account') return 'webhook-log';
  if (Array.isArray(value['screens'])) return 'flow';
  if (Array.isArray(value['components'])) return 'templates';
  if (Array.isArray(value['data'])) {
    const first = value['data'][0];
    if (isObject(first) && Array.isArray(first['components'])) return 'templates';
  }
  if (value['messaging_product'] === 'whatsapp') {
    if (
      isObject(value['metadata']) &&
      (Array.isArray(value['messages']) || Array.isArray(value['statuses']))
    ) {
      return 'webhook-log';
    }
    // A send request names its recipient (`to`) and a read receipt its `status`; a send response has neither.
    return 'to' in value || 'status' in value ? 'sent-log' : undefined;
  }
  if (['wa_id', 'waId', 'phone', 'phone_number', 'bsuid'].some((key) => key in value))
    return 'contacts-jsonl';
  return undefined;
}

const HOW_TO_IMPORT: Readonly<Record<ArtifactKind, string>> = {
  templates: 'this looks like a WhatsApp message template export, import it as templates',
  flow: 'this looks like a Flow JSON file, import it as a flow',
  'webhook-log': 'this looks like a WhatsApp webhook body, import it as a webhook log',
  'sent-log': 'this looks like a Cloud API message request, import it as a sent log',
  'contacts-csv': 'this looks like a contacts CSV, import it as contacts',
  'contacts-jsonl': 'this looks like a contact record, import it as contacts',
};

/** The "wrong reader" message for a document that looks like another artefact; undefined when it does not. */
export function wrongKindReason(value: unknown, expected: ArtifactKind): string | undefined {
  const kind = kindOfDocument(value);
  if (kind === undefined || kind === expected) return undefined;
  return HOW_TO_IMPORT[kind];
}
