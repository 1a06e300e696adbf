import type { MediaKind, Message } from '@ferry/core';
import { UNSUPPORTED_WHATSAPP_MESSAGE_TYPES } from '@ferry/core';
import { IssueCollector } from '../issues.js';
import { parseJsonDocuments } from '../json-documents.js';
import { createFieldLocator } from '../json-locations.js';
import { wrongKindReason } from '../kinds.js';
import type { ReaderOptions, ReadResult } from '../types.js';
import { arrayOf, asStoredJson, isObject, type JsonObject, numberOf, stringOf, textOf } from '../values.js';
import { contactCardOf, MEDIA_KINDS, mediaOf, type PartContext } from './content.js';
import { readInteractive } from './interactive.js';
import type { SentLogEntry } from './types.js';

const CATALOG_BUTTON_SUB_TYPES = new Set(['catalog', 'mpm', 'spm']);

function templateMessage(value: unknown, context: PartContext): Message | undefined {
  if (!isObject(value)) {
    context.issues.error('the template object is missing', context);
    return undefined;
  }
  const name = stringOf(value['name']);
  if (name === undefined) {
    context.issues.error('a template send needs template.name', { ...context, field: 'template.name' });
    return undefined;
  }
  const languageValue = value['language'];
  const language = isObject(languageValue) ? stringOf(languageValue['code']) : stringOf(languageValue);
  const components = arrayOf(value['components']);
  components.forEach((component, index) => {
    const subType = isObject(component) ? (stringOf(component['sub_type']) ?? '').toLowerCase() : '';
    if (CATALOG_BUTTON_SUB_TYPES.has(subType)) {
      context.issues.warning(
        `the template's ${subType} button cannot be carried: ${UNSUPPORTED_WHATSAPP_MESSAGE_TYPES['catalog_message']}`,
        { ...context, field: `template.components[${index}]` },
      );
    }
  });
  return {
    meta: {
      template: name,
      ...(language === undefined ? {} : { templateLanguage: language }),
      ...(components.length === 0 ? {} : { templateComponents: JSON.stringify(components) }),
    },
  };
}

function locationMessage(value: unknown, context: PartContext): Message | undefined {
  const location = isObject(value) ? value : {};
  const latitude = numberOf(location['latitude']);
  const longitude = numberOf(location['longitude']);
  if (latitude === undefined || longitude === undefined) {
    context.issues.error('a location needs numeric latitude and longitude; the message was skipped', {
      ...context,
      field: 'location',
    });
    return undefined;
  }
  const name = stringOf(location['name']);
  const address = stringOf(location['address']);
  return {
    location: {
      latitude,
      longitude,
      ...(name === undefined ? {} : { name }),
      ...(address === undefined ? {} : { address }),
    },
  };
}

function messageOf(body: JsonObject, type: string, context: PartContext): Message | undefined {
  const content = body[type];
  const at = { ...context, field: type };
  if (type === 'text') {
    const text = isObject(content) ? stringOf(content['body']) : undefined;
    if (text === undefined) context.issues.error('a text message needs text.body', at);
    return text === undefined ? undefined : { text };
  }
  if (MEDIA_KINDS.has(type)) {
    const media = mediaOf(type as MediaKind, content, at);
    return media === undefined ? undefined : { media: [media] };
  }
  if (type === 'location') return locationMessage(content, context);
  if (type === 'contacts') {
    const contacts = arrayOf(content).flatMap((card, index) => {
      const read = contactCardOf(card, { ...context, field: `contacts[${index}]` });
      return read === undefined ? [] : [read];
    });
    return contacts.length === 0 ? undefined : { contacts };
  }
  if (type === 'reaction') {
    const messageId = isObject(content) ? textOf(content['message_id']) : undefined;
    const emoji = isObject(content) ? stringOf(content['emoji']) : undefined;
    if (messageId === undefined) {
      context.issues.error('a reaction needs reaction.message_id', at);
      return undefined;
    }
    if (emoji === undefined) {
      context.issues.warning('a reaction without an emoji removes an earlier one; it was skipped', at);
      return undefined;
    }
    return { reaction: { messageId, emoji } };
  }
  if (type === 'interactive') return readInteractive(content, at);
  if (type === 'template') return templateMessage(content, at);
  const unsupported = UNSUPPORTED_WHATSAPP_MESSAGE_TYPES[type];
  context.issues.warning(
    unsupported === undefined
      ? `message type "${type}" is not known to Ferry; it was skipped`
      : `${type} message skipped: ${unsupported}`,
    { ...context, field: 'type' },
  );
  return undefined;
}

/**
 * Reads a log of Cloud API `/messages` request bodies the bot sent (one JSON body a line) into neutral
 * messages: text, media, location, contacts, reactions, interactive buttons/lists/CTA URL/Flow, and
 * template sends as template references. Types the model cannot hold are issues with the reason.
 * @see PLATFORMS.md §1.2 (outbound messages)
 */
export function readSentLog(text: string, options: ReaderOptions): ReadResult<SentLogEntry> {
  const { file } = options;
  const parsed = parseJsonDocuments(text, file);
  const issues = new IssueCollector(file);
  issues.addAll(parsed.issues);
  const items: SentLogEntry[] = [];

  for (const document of parsed.documents) {
    const firstIssue = issues.count;
    try {
      const where = { line: document.line, column: document.column };
      const body = document.value;
      const wrongKind = wrongKindReason(body, 'sent-log');
      if (wrongKind !== undefined || !isObject(body)) {
        issues.error(
          `line ${document.line} is not a Cloud API message request${wrongKind === undefined ? '' : `: ${wrongKind}`}`,
          where,
        );
        continue;
      }
      if (body['type'] === undefined && body['status'] !== undefined) {
        issues.warning('a read receipt or typing indicator is not a message; it was skipped', where);
        continue;
      }
      const type = stringOf(body['type']) ?? (isObject(body['text']) ? 'text' : undefined);
      if (type === undefined) {
        issues.error(`line ${document.line} is not a Cloud API message request: it has no type`, where);
        continue;
      }
      const message = messageOf(body, type, { issues, line: document.line, field: '' });
      if (message === undefined) continue;
      const context = body['context'];
      const replyTo = isObject(context) ? textOf(context['message_id']) : undefined;
      const to = textOf(body['to']);
      items.push({
        ...(to === undefined ? {} : { to }),
        message: replyTo === undefined ? message : { ...message, replyTo },
        original: asStoredJson(body),
      });
    } finally {
      issues.locateSince(firstIssue, createFieldLocator(document.text, document));
    }
  }
  return { items, issues: issues.issues };
}
