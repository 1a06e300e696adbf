import type { InboundEvent, SendOutcome, ShortIdTable } from '@ferry/core';
import type { WhatsAppStatus, WhatsAppStatusError } from '../channel/types.js';
import { linkClaimToken } from '../link/invite.js';
import { isOptOutButton, isOptOutKeyword } from '../readers/index.js';
import type { FlowTokenNames } from '../render/flow-tokens.js';
import { outcomeOfGraphError } from '../send/outcomes.js';

/** What one webhook body holds: neutral events and delivery statuses, in body order. */
export interface ParsedWebhook {
  readonly events: InboundEvent[];
  readonly statuses: WhatsAppStatus[];
}

/** How parsing restores ids and spots opt-outs. */
export interface ParseOptions {
  readonly ids: ShortIdTable;
  /** Custom Flow tokens sent (a `FlowTokenTable`, or names resolved by `flowTokensOf`), to name the form of a Flow reply. */
  readonly flowTokens?: FlowTokenNames;
  readonly optOutKeywords?: readonly string[];
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(object).filter((item): item is Json => item !== undefined) : [];
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `timestamp` is a string of unix seconds. @see PLATFORMS.md §1.1 */
function millis(value: unknown, fallback: number): number {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallback;
}

function statusErrors(value: unknown): WhatsAppStatusError[] {
  return array(value).flatMap((error) => {
    const code = error['code'];
    if (typeof code !== 'number') return [];
    const title = string(error['title']);
    const message = string(error['message']);
    const details = string(object(error['error_data'])?.['details']);
    return [
      {
        code,
        ...(title === undefined ? {} : { title }),
        ...(message === undefined ? {} : { message }),
        ...(details === undefined ? {} : { details }),
      },
    ];
  });
}

/** A failed status's meaning through the same mapping as synchronous errors. */
function failedOutcome(errors: readonly WhatsAppStatusError[]): SendOutcome {
  const first = errors[0];
  if (first === undefined) return { status: 'rejected', reason: 'The message failed without an error code.' };
  try {
    return outcomeOfGraphError(
      {
        code: first.code,
        message: first.message ?? first.title ?? `Error ${first.code}`,
        ...(first.details === undefined ? {} : { error_data: { details: first.details } }),
      },
      400,
    );
  } catch {
    return { status: 'rejected', reason: `Failed with Graph error ${first.code}.`, code: 'auth' };
  }
}

function statusOf(item: Json, now: number): WhatsAppStatus | undefined {
  const messageId = string(item['id']);
  const recipientId = string(item['recipient_id']);
  const status = string(item['status']);
  if (messageId === undefined || recipientId === undefined) return undefined;
  if (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed')
    return undefined;
  const errors = statusErrors(item['errors']);
  const callbackData = string(item['biz_opaque_callback_data']);
  return {
    messageId,
    recipientId,
    status,
    at: millis(item['timestamp'], now),
    ...(errors.length === 0 ? {} : { errors }),
    ...(callbackData === undefined ? {} : { callbackData }),
    ...(status === 'failed' ? { outcome: failedOutcome(errors) } : {}),
  };
}

function textEvent(base: Base, text: string, keywords: readonly string[] | undefined): InboundEvent {
  const token = linkClaimToken(text);
  if (token !== undefined) return { ...base, type: 'link-claim', token, via: 'deep-link' };
  if (isOptOutKeyword(text, keywords)) return { ...base, type: 'stop', text };
  return { ...base, type: 'text', text };
}

type Base = Pick<InboundEvent, 'channel' | 'sender' | 'eventId' | 'at'>;

function choice(
  base: Base,
  id: string,
  title: string | undefined,
  context: string | undefined,
  options: ParseOptions,
): InboundEvent {
  const label = title ?? id;
  if (isOptOutButton(label, options.optOutKeywords) || isOptOutButton(id, options.optOutKeywords))
    return { ...base, type: 'stop', text: label };
  return {
    ...base,
    type: 'choice',
    id: options.ids.restore(id) ?? id,
    ...(title === undefined ? {} : { title }),
    ...(context === undefined ? {} : { messageId: context }),
  };
}

/** The parsed `response_json` of an `nfm_reply`, or `undefined` when it is not a JSON object. */
function flowResponse(reply: Json): Json | undefined {
  try {
    return object(JSON.parse(string(reply['response_json']) ?? ''));
  } catch {
    return undefined;
  }
}

function interactiveEvent(base: Base, item: Json, context: string | undefined, options: ParseOptions) {
  const interactive = object(item['interactive']);
  const type = string(interactive?.['type']);
  const reply = object(interactive?.[type ?? '']);
  if ((type === 'button_reply' || type === 'list_reply') && reply !== undefined) {
    const id = string(reply['id']);
    return id === undefined ? undefined : choice(base, id, string(reply['title']), context, options);
  }
  if (type === 'nfm_reply' && reply !== undefined) {
    const json = flowResponse(reply);
    if (json === undefined) return undefined;
    // The Flow id is not in the reply: Ferry sends the form id as `flow_token`, or a custom token
    // it remembered when sending; a token it never saw stays the form id (see FlowTokenTable).
    const token = string(json['flow_token']) ?? 'unused';
    const formId = options.flowTokens?.formIdOf(token) ?? options.ids.restore(token) ?? token;
    return { ...base, type: 'form' as const, formId, response: json };
  }
  return undefined;
}

function messageEvent(item: Json, names: Map<string, string>, now: number, options: ParseOptions) {
  const from = string(item['from']);
  const id = string(item['id']);
  if (from === undefined || id === undefined) return undefined;
  const name = names.get(from);
  const base: Base = {
    channel: 'whatsapp',
    sender: { id: from, conversationId: from, ...(name === undefined ? {} : { name }) },
    eventId: id,
    at: millis(item['timestamp'], now),
  };
  const context = string(object(item['context'])?.['id']);
  switch (string(item['type'])) {
    case 'text': {
      const body = string(object(item['text'])?.['body']);
      return body === undefined ? undefined : textEvent(base, body, options.optOutKeywords);
    }
    case 'button': {
      const button = object(item['button']);
      const text = string(button?.['text']);
      const payload = string(button?.['payload']) ?? text;
      return payload === undefined ? undefined : choice(base, payload, text, context, options);
    }
    case 'interactive':
      return interactiveEvent(base, item, context, options);
    default:
      return undefined;
  }
}

/** The `value` of each `messages` change of a webhook body. */
function messageValues(body: unknown): Json[] {
  return array(object(body)?.['entry']).flatMap((entry) =>
    array(entry['changes']).flatMap((change) => {
      const value = object(change['value']);
      return change['field'] === 'messages' && value !== undefined ? [value] : [];
    }),
  );
}

/**
 * The distinct `flow_token`s of a body's Flow replies (`nfm_reply`), so a caller can look them up
 * in a persistent table before the synchronous `parseWebhook`.
 * @see PLATFORMS.md §1.1 "nfm_reply"
 */
export function flowTokensOf(body: unknown): string[] {
  const tokens = new Set<string>();
  for (const value of messageValues(body))
    for (const item of array(value['messages'])) {
      const interactive = object(item['interactive']);
      const reply = object(interactive?.['nfm_reply']);
      if (
        string(item['type']) !== 'interactive' ||
        interactive?.['type'] !== 'nfm_reply' ||
        reply === undefined
      )
        continue;
      const token = string(flowResponse(reply)?.['flow_token']);
      if (token !== undefined) tokens.add(token);
    }
  return [...tokens];
}

/**
 * Turns one webhook body into neutral events (text, link-claim `LINK <token>`, stop, choice with
 * the original id, form from `nfm_reply.response_json`) and delivery statuses. Media, reactions,
 * locations, system and unsupported messages give no event.
 * @see PLATFORMS.md §1.1
 */
export function parseWebhook(body: unknown, now: number, options: ParseOptions): ParsedWebhook {
  const events: InboundEvent[] = [];
  const statuses: WhatsAppStatus[] = [];
  for (const value of messageValues(body)) {
    const names = new Map<string, string>();
    for (const contact of array(value['contacts'])) {
      const waId = string(contact['wa_id']);
      const name = string(object(contact['profile'])?.['name']);
      if (waId !== undefined && name !== undefined) names.set(waId, name);
    }
    for (const item of array(value['messages'])) {
      const event = messageEvent(item, names, now, options);
      if (event !== undefined) events.push(event);
    }
    for (const item of array(value['statuses'])) {
      const status = statusOf(item, now);
      if (status !== undefined) statuses.push(status);
    }
  }
  return { events, statuses };
}
