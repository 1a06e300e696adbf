import { fieldPath, IssueCollector } from '../issues.js';
import { parseJsonDocuments } from '../json-documents.js';
import { createFieldLocator } from '../json-locations.js';
import { wrongKindReason } from '../kinds.js';
import type { ReadResult } from '../types.js';
import { arrayOf, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { millisecondsOf, readInboundMessage } from './inbound.js';
import { OPT_OUT_KEYWORDS } from './opt-out.js';
import { readStatus } from './statuses.js';
import type { ContactFact, ReadWebhookLogOptions, WebhookFact } from './types.js';

interface ValueContext {
  readonly issues: IssueCollector;
  readonly line: number;
  readonly keywords: readonly string[];
}

function contactFacts(value: JsonObject): ContactFact[] {
  const messages = arrayOf(value['messages']).filter(isObject);
  const facts: ContactFact[] = [];
  arrayOf(value['contacts']).forEach((contact) => {
    if (!isObject(contact)) return;
    const waId = textOf(contact['wa_id']);
    if (waId === undefined) return;
    // A contact has no time of its own: it is seen when its message was sent.
    const message = messages.find((candidate) => textOf(candidate['from']) === waId) ?? messages[0];
    const at = message === undefined ? undefined : millisecondsOf(message['timestamp']);
    if (at === undefined) return;
    const profile = contact['profile'];
    const profileName = isObject(profile) ? stringOf(profile['name']) : undefined;
    const bsuid = textOf(contact['user_id']);
    facts.push({
      type: 'contact',
      waId,
      ...(profileName === undefined ? {} : { profileName }),
      ...(bsuid === undefined ? {} : { bsuid }),
      at,
    });
  });
  return facts;
}

function readValue(value: JsonObject, path: string, context: ValueContext): WebhookFact[] {
  const facts: WebhookFact[] = [...contactFacts(value)];
  arrayOf(value['messages']).forEach((message, index) => {
    const read = readInboundMessage(message, {
      ...context,
      field: fieldPath(path, 'messages', index),
    });
    if (read.message !== undefined) facts.push(read.message);
    if (read.optOut !== undefined) facts.push(read.optOut);
  });
  arrayOf(value['statuses']).forEach((status, index) => {
    const read = readStatus(status, { ...context, field: fieldPath(path, 'statuses', index) });
    if (read !== undefined) facts.push(read);
  });
  arrayOf(value['errors']).forEach((error, index) => {
    const code = isObject(error) ? textOf(error['code']) : undefined;
    const title = isObject(error) ? stringOf(error['title']) : undefined;
    context.issues.warning(
      `WhatsApp reported an error in this webhook: ${code ?? '?'} ${title ?? ''}`.trim(),
      {
        line: context.line,
        field: fieldPath(path, 'errors', index),
      },
    );
  });
  return facts;
}

/**
 * Reads a log of WhatsApp webhook bodies, one JSON body a line, into facts: contacts seen, inbound
 * messages (for history), opt-outs (STOP-like keywords and opt-out button taps) and delivery statuses.
 * A line that is not a webhook body is an issue with its line number; facts keep file order.
 * @see PLATFORMS.md §1.1 (webhook payload), §1.7 (opt-outs)
 */
export function readWebhookLog(text: string, options: ReadWebhookLogOptions): ReadResult<WebhookFact> {
  const { file } = options;
  const keywords = options.optOutKeywords ?? OPT_OUT_KEYWORDS;
  const parsed = parseJsonDocuments(text, file);
  const issues = new IssueCollector(file);
  issues.addAll(parsed.issues);
  const items: WebhookFact[] = [];
  const ignoredFields = new Set<string>();

  for (const document of parsed.documents) {
    const firstIssue = issues.count;
    try {
      const where = { line: document.line, column: document.column };
      const value = document.value;
      const context: ValueContext = { issues, line: document.line, keywords };
      if (isObject(value) && value['messaging_product'] === 'whatsapp' && isObject(value['metadata'])) {
        // Some loggers keep only `entry[].changes[].value`; it reads the same.
        items.push(...readValue(value, '', context));
        continue;
      }
      if (
        !isObject(value) ||
        value['object'] !== 'whatsapp_business_account' ||
        !Array.isArray(value['entry'])
      ) {
        const wrongKind = wrongKindReason(value, 'webhook-log');
        issues.error(
          `line ${document.line} is not a WhatsApp webhook body (expected object "whatsapp_business_account" with entry[])${wrongKind === undefined ? '' : `: ${wrongKind}`}`,
          where,
        );
        continue;
      }
      value['entry'].forEach((entry, entryIndex) => {
        if (!isObject(entry)) return;
        arrayOf(entry['changes']).forEach((change, changeIndex) => {
          const path = fieldPath('entry', entryIndex, 'changes', changeIndex);
          if (!isObject(change) || !isObject(change['value'])) {
            issues.error('a change needs a value object', { line: document.line, field: path });
            return;
          }
          const field = stringOf(change['field']) ?? 'messages';
          if (field !== 'messages') {
            if (!ignoredFields.has(field)) {
              issues.warning(
                `webhook field "${field}" carries no messages, contacts or statuses; such changes were skipped`,
                {
                  line: document.line,
                  field: fieldPath(path, 'field'),
                },
              );
            }
            ignoredFields.add(field);
            return;
          }
          items.push(...readValue(change['value'], fieldPath(path, 'value'), context));
        });
      });
    } finally {
      issues.locateSince(firstIssue, createFieldLocator(document.text, document));
    }
  }
  return { items, issues: issues.issues };
}
