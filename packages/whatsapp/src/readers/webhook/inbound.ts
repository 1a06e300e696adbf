import { UNSUPPORTED_WHATSAPP_MESSAGE_TYPES } from '@ferry/core';
import type { IssueCollector } from '../issues.js';
import { asStoredJson, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { isOptOutButton, isOptOutKeyword } from './opt-out.js';
import type { InboundMessageFact, OptOutFact } from './types.js';

/** Where the message being read sits, and the file's issues. */
export interface InboundContext {
  readonly issues: IssueCollector;
  readonly line: number;
  readonly field: string;
  readonly keywords: readonly string[];
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** Unix seconds as WhatsApp sends them (a string of digits) in milliseconds; undefined when not a time. */
export function millisecondsOf(timestamp: unknown): number | undefined {
  const text = textOf(timestamp);
  return text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) * 1000 : undefined;
}

interface Reading {
  text?: string;
  choiceId?: string;
  formResponse?: Readonly<Record<string, unknown>>;
  tapped?: boolean;
}

function readInteractive(interactive: JsonObject, context: InboundContext): Reading {
  const type = stringOf(interactive['type']);
  const reply = type === undefined ? undefined : interactive[type];
  if ((type === 'button_reply' || type === 'list_reply') && isObject(reply)) {
    const text = stringOf(reply['title']);
    const choiceId = textOf(reply['id']);
    return {
      ...(text === undefined ? {} : { text }),
      ...(choiceId === undefined ? {} : { choiceId }),
      tapped: true,
    };
  }
  if (type === 'nfm_reply' && isObject(reply)) {
    const name = stringOf(reply['name']);
    if (name === 'address_message') {
      context.issues.warning(
        `address message: ${UNSUPPORTED_WHATSAPP_MESSAGE_TYPES['address_message']}`,
        context,
      );
    }
    const body = stringOf(reply['body']);
    const json = stringOf(reply['response_json']);
    let formResponse: Readonly<Record<string, unknown>> | undefined;
    if (json !== undefined) {
      try {
        const parsed: unknown = JSON.parse(json);
        if (isObject(parsed)) formResponse = parsed;
      } catch {
        // Reported below: the answers cannot be read, the message is still history.
      }
      if (formResponse === undefined) {
        context.issues.warning(
          'the Flow answer (nfm_reply.response_json) is not a JSON object; the answers were not read',
          {
            ...context,
            field: `${context.field}.interactive.nfm_reply.response_json`,
          },
        );
      }
    }
    return {
      ...(body === undefined ? {} : { text: body }),
      ...(formResponse === undefined ? {} : { formResponse }),
    };
  }
  context.issues.warning(
    `interactive reply type "${type ?? '(none)'}" is not known to Ferry; only the raw message is kept`,
    context,
  );
  return {};
}

function readContent(message: JsonObject, kind: string, context: InboundContext): Reading {
  const content = message[kind];
  if (kind === 'text')
    return isObject(content) && stringOf(content['body']) !== undefined
      ? { text: String(content['body']) }
      : {};
  if (kind === 'button' && isObject(content)) {
    const text = stringOf(content['text']);
    const choiceId = textOf(content['payload']);
    return {
      ...(text === undefined ? {} : { text }),
      ...(choiceId === undefined ? {} : { choiceId }),
      tapped: true,
    };
  }
  if (kind === 'interactive' && isObject(content)) return readInteractive(content, context);
  if (MEDIA_TYPES.has(kind)) {
    const caption = isObject(content) ? stringOf(content['caption']) : undefined;
    return caption === undefined ? {} : { text: caption };
  }
  if (['location', 'contacts', 'reaction'].includes(kind)) return {};
  const unsupported = UNSUPPORTED_WHATSAPP_MESSAGE_TYPES[kind];
  context.issues.warning(
    unsupported === undefined
      ? `message type "${kind}" is not known to Ferry; only the raw message is kept`
      : `${kind} message kept only as raw history: ${unsupported}`,
    context,
  );
  return {};
}

/**
 * Reads one `messages[]` item into a history fact, plus an opt-out fact when it is a stop keyword or a
 * tap on an opt-out button. System messages (number changes) are reported and give no fact.
 * @see PLATFORMS.md §1.1 (message types)
 */
export function readInboundMessage(
  message: unknown,
  context: InboundContext,
): { message?: InboundMessageFact; optOut?: OptOutFact } {
  if (!isObject(message)) {
    context.issues.error('a message must be an object', context);
    return {};
  }
  const kind = stringOf(message['type']) ?? (isObject(message['text']) ? 'text' : 'unknown');
  if (kind === 'system') {
    context.issues.warning(
      `system message skipped: ${UNSUPPORTED_WHATSAPP_MESSAGE_TYPES['system']}`,
      context,
    );
    return {};
  }
  const waId = textOf(message['from']);
  const messageId = textOf(message['id']);
  const at = millisecondsOf(message['timestamp']);
  if (waId === undefined || messageId === undefined) {
    context.issues.error('a message needs from and id; it was skipped', context);
    return {};
  }
  if (at === undefined) {
    context.issues.error(
      `timestamp ${JSON.stringify(message['timestamp'])} is not a unix time in seconds; the message was skipped`,
      { ...context, field: `${context.field}.timestamp` },
    );
    return {};
  }
  const reading = readContent(message, kind, context);
  const contextObject = message['context'];
  const replyTo = isObject(contextObject) ? textOf(contextObject['id']) : undefined;
  const fact: InboundMessageFact = {
    type: 'message',
    waId,
    messageId,
    at,
    direction: 'inbound',
    kind,
    ...(reading.text === undefined ? {} : { text: reading.text }),
    ...(reading.choiceId === undefined ? {} : { choiceId: reading.choiceId }),
    ...(reading.formResponse === undefined ? {} : { formResponse: reading.formResponse }),
    ...(replyTo === undefined ? {} : { replyTo }),
    raw: asStoredJson(message),
  };

  let optOut: OptOutFact | undefined;
  if (reading.tapped === true) {
    const label = [reading.choiceId, reading.text].find(
      (candidate) => candidate !== undefined && isOptOutButton(candidate, context.keywords),
    );
    if (label !== undefined)
      optOut = { type: 'opt-out', waId, at, evidence: messageId, via: 'button', text: reading.text ?? label };
  } else if (
    kind === 'text' &&
    reading.text !== undefined &&
    isOptOutKeyword(reading.text, context.keywords)
  ) {
    optOut = { type: 'opt-out', waId, at, evidence: messageId, via: 'keyword', text: reading.text };
  }
  return { message: fact, ...(optOut === undefined ? {} : { optOut }) };
}
