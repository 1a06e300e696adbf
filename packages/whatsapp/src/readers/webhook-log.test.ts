import { describe, expect, test } from 'vitest';
import { webhookBody } from '../../test/bodies.js';
import { errorsOf, fixtureLine, fixtureNames, warningsOf } from './__tests__/fixtures.js';
import { isOptOutButton, isOptOutKeyword, OPT_OUT_KEYWORDS } from './webhook/opt-out.js';
import { readWebhookLog } from './webhook/read-webhook-log.js';
import type { WebhookFact } from './webhook/types.js';

const webhookFixtures = fixtureNames(
  'meta-examples',
  /^cloud-api__webhook-subscriptions__.*\.request\.json$/,
);

function body(value: Record<string, unknown>): string {
  return JSON.stringify(webhookBody(value));
}

function inbound(message: Record<string, unknown>, waId = '5511999990000'): string {
  return body({
    contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
    messages: [{ from: waId, id: `wamid.${String(message['type'])}`, timestamp: '1700000000', ...message }],
  });
}

function optOutsOf(facts: readonly WebhookFact[]) {
  return facts.filter((fact) => fact.type === 'opt-out');
}

/** What each Meta webhook example must give: fact types in order, and how many error issues. */
const EXPECTED: Readonly<Record<string, { facts: string[]; errors: number }>> = {
  'message-status-update-notifications': { facts: ['status'], errors: 0 },
  'override-callback-url': { facts: [], errors: 1 },
  'received-callback-from-a-quick-reply-button-click': { facts: ['contact', 'message'], errors: 0 },
  // Meta's placeholders ("<TIMESTAMP>", "message_timestamp") are not times: reported, not guessed.
  'received-contact-messages': { facts: [], errors: 1 },
  'received-media-message-with-image': { facts: [], errors: 1 },
  'received-media-message-with-sticker': { facts: [], errors: 1 },
  'received-message-triggered-by-click-to-whatsapp-ads': { facts: [], errors: 1 },
  'received-message-with-reaction': { facts: [], errors: 1 },
  'received-order-messages': { facts: ['contact', 'message'], errors: 0 },
  'received-product-enquiry-message': { facts: [], errors: 1 },
  // Meta's placeholder wa_id matches no sender, so the contact takes the first message's time.
  'received-text-message-with-show-security-notifications': { facts: ['contact', 'message'], errors: 0 },
  'received-text-message': { facts: ['contact', 'message'], errors: 0 },
  'received-unknown-messages': { facts: ['contact', 'message'], errors: 0 },
  'status-transaction-status-order-details-message': { facts: [], errors: 0 },
};

describe('readWebhookLog on Meta webhook examples (each as a one-line log)', () => {
  test('every example has an expectation', () => {
    const names = webhookFixtures.map((name) =>
      name.replace(/^cloud-api__webhook-subscriptions__|\.request\.json$/g, ''),
    );
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(webhookFixtures)('%s', (name) => {
    const expected = EXPECTED[name.replace(/^cloud-api__webhook-subscriptions__|\.request\.json$/g, '')];
    const result = readWebhookLog(fixtureLine(name), { file: name });
    expect(result.items.map((fact) => fact.type)).toEqual(expected?.facts);
    expect(errorsOf(result.issues)).toHaveLength(expected?.errors ?? -1);
    for (const issue of result.issues) expect(issue.line).toBe(1);
  });

  test('a text message gives the contact and the message for history', () => {
    const name = 'cloud-api__webhook-subscriptions__received-text-message.request.json';
    const { items, issues } = readWebhookLog(fixtureLine(name), { file: name });
    expect(issues).toEqual([]);
    expect(items[0]).toEqual({
      type: 'contact',
      waId: '16315551234',
      profileName: 'Kerry Fisher',
      at: 1603059201000,
    });
    expect(items[1]).toMatchObject({
      type: 'message',
      waId: '16315551234',
      messageId: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W',
      at: 1603059201000,
      direction: 'inbound',
      kind: 'text',
      text: 'Hello this is an answer',
      raw: { type: 'text', text: { body: 'Hello this is an answer' } },
    });
  });

  test('a template quick-reply tap carries the payload as choice and the message it answers', () => {
    const name =
      'cloud-api__webhook-subscriptions__received-callback-from-a-quick-reply-button-click.request.json';
    const message = readWebhookLog(fixtureLine(name), { file: name }).items[1];
    expect(message).toMatchObject({
      kind: 'button',
      text: 'No',
      choiceId: 'No-Button-Payload',
      replyTo: 'wamid.gBGGFlCGg0cvAgkLFm4e9tICiTI',
    });
  });

  test('a status update keeps recipient, status and time', () => {
    const name = 'cloud-api__webhook-subscriptions__message-status-update-notifications.request.json';
    expect(readWebhookLog(fixtureLine(name), { file: name }).items).toEqual([
      {
        type: 'status',
        messageId: 'wamid.gBGGFlCGg0cvAglAxydbAoy-gwNo',
        recipientId: '16315551234',
        status: 'sent',
        at: 1603086313000,
      },
    ]);
  });

  test('order and unknown messages are kept as history with a warning giving the reason', () => {
    const name = 'cloud-api__webhook-subscriptions__received-order-messages.request.json';
    const result = readWebhookLog(fixtureLine(name), { file: name });
    expect(warningsOf(result.issues).map((issue) => issue.reason)).toEqual([
      expect.stringMatching(/^order message kept only as raw history: Commerce orders/),
    ]);
  });

  test('the override-callback request is not a webhook body, reported on its line', () => {
    const name = 'cloud-api__webhook-subscriptions__override-callback-url.request.json';
    const [issue] = readWebhookLog(fixtureLine(name), { file: name }).issues;
    expect(issue).toMatchObject({ line: 1, column: 1, severity: 'error' });
    expect(issue?.reason).toContain('is not a WhatsApp webhook body');
  });
});

describe('readWebhookLog opt-outs', () => {
  test.each([
    'STOP',
    'stop',
    '  Stop!  ',
    'UNSUBSCRIBE',
    'Unsubscribe.',
    'stop promotions',
    'Opt-out',
    'STOP ALL',
    'Parar',
    'darme de baja',
  ])('the text %j is an opt-out by keyword', (text) => {
    const facts = readWebhookLog(inbound({ type: 'text', text: { body: text } }), {
      file: 'log.jsonl',
    }).items;
    expect(optOutsOf(facts)).toEqual([
      {
        type: 'opt-out',
        waId: '5511999990000',
        at: 1700000000000,
        evidence: 'wamid.text',
        via: 'keyword',
        text,
      },
    ]);
  });

  test.each(['please stop sending me the news', 'stopwatch', 'non-stop', 'cancel', 'unstoppable'])(
    'the text %j is not an opt-out',
    (text) => {
      const facts = readWebhookLog(inbound({ type: 'text', text: { body: text } }), {
        file: 'log.jsonl',
      }).items;
      expect(optOutsOf(facts)).toEqual([]);
    },
  );

  test.each([
    [{ text: 'Stop promotions', payload: 'Stop promotions' }],
    [{ text: 'Unsubscribe', payload: 'Unsubscribe' }],
    [{ text: 'Unsubscribe from All', payload: 'UNSUB_ALL' }],
    [{ text: 'No more', payload: 'STOP' }],
  ])('a template button tap %j is an opt-out by button', (button) => {
    const facts = readWebhookLog(inbound({ type: 'button', button }), { file: 'log.jsonl' }).items;
    expect(optOutsOf(facts)).toEqual([
      {
        type: 'opt-out',
        waId: '5511999990000',
        at: 1700000000000,
        evidence: 'wamid.button',
        via: 'button',
        text: button.text,
      },
    ]);
  });

  test('an interactive reply titled Stop is an opt-out; a normal choice is not', () => {
    const stop = inbound({
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'b1', title: 'Stop' } },
    });
    const yes = inbound({
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Yes' } },
    });
    const result = readWebhookLog(`${stop}\n${yes}`, { file: 'log.jsonl' });
    expect(optOutsOf(result.items).map((fact) => fact.via)).toEqual(['button']);
    expect(
      result.items
        .filter((fact) => fact.type === 'message')
        .map((fact) => fact.type === 'message' && fact.choiceId),
    ).toEqual(['b1', 'r1']);
  });

  test('the keyword list can be replaced', () => {
    const facts = readWebhookLog(inbound({ type: 'text', text: { body: 'SAIR' } }), {
      file: 'log.jsonl',
      optOutKeywords: ['sair'],
    }).items;
    expect(optOutsOf(facts)).toHaveLength(1);
    expect(isOptOutKeyword('SAIR')).toBe(false);
    expect(OPT_OUT_KEYWORDS).toContain('stop');
    expect(isOptOutButton('Stop Delivery Updates')).toBe(true);
    expect(isOptOutButton('Stopwatch deals')).toBe(false);
  });
});

describe('readWebhookLog other messages and mistakes', () => {
  test('a Flow completion carries the parsed response_json', () => {
    const line = inbound({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t1","firstname":"Ana"}' },
      },
    });
    const [, message] = readWebhookLog(line, { file: 'log.jsonl' }).items;
    expect(message).toMatchObject({
      kind: 'interactive',
      text: 'Sent',
      formResponse: { flow_token: 't1', firstname: 'Ana' },
    });
  });

  test('failed statuses keep their errors and callback data; other fields are skipped with one warning', () => {
    const failed = body({
      statuses: [
        {
          id: 'wamid.1',
          status: 'failed',
          timestamp: '1700000001',
          recipient_id: '5511999990000',
          biz_opaque_callback_data: 'campaign-7',
          errors: [
            { code: 131026, title: 'Message undeliverable', error_data: { details: 'not on WhatsApp' } },
          ],
        },
      ],
    });
    const other = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        { id: 'W', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] },
      ],
    });
    const result = readWebhookLog([failed, other, other].join('\n'), { file: 'log.jsonl' });
    expect(result.items).toEqual([
      {
        type: 'status',
        messageId: 'wamid.1',
        recipientId: '5511999990000',
        status: 'failed',
        at: 1700000001000,
        errors: [{ code: 131026, title: 'Message undeliverable', details: 'not on WhatsApp' }],
        callbackData: 'campaign-7',
      },
    ]);
    expect(result.issues).toMatchObject([{ line: 2, severity: 'warning' }]);
  });

  test('every line that is not a webhook body is an issue with its line number; good lines still count', () => {
    const good = inbound({ type: 'text', text: { body: 'hi' } });
    const text = [
      good,
      '{"hello": "world"}',
      'not json at all',
      good,
      '{"object":"whatsapp_business_account",',
    ].join('\n');
    const result = readWebhookLog(text, { file: 'log.jsonl' });
    expect(result.items.filter((fact) => fact.type === 'message')).toHaveLength(2);
    expect(errorsOf(result.issues).map((issue) => issue.line)).toEqual([2, 3, 5]);
    expect(errorsOf(result.issues)[1]).toMatchObject({
      column: 1,
      reason: expect.stringContaining('invalid JSON'),
    });
  });

  test('a sent log given as a webhook log says how to import it; an empty file is an error', () => {
    const sent = JSON.stringify({
      messaging_product: 'whatsapp',
      to: '1',
      type: 'text',
      text: { body: 'x' },
    });
    expect(readWebhookLog(sent, { file: 'x.jsonl' }).issues[0]?.reason).toContain('import it as a sent log');
    expect(readWebhookLog('\n', { file: 'x.jsonl' }).issues).toMatchObject([{ reason: 'the file is empty' }]);
  });

  test('system messages give no fact and a warning', () => {
    const line = inbound({ type: 'system', system: { body: 'changed number', type: 'user_changed_number' } });
    const result = readWebhookLog(line, { file: 'log.jsonl' });
    expect(result.items.map((fact) => fact.type)).toEqual(['contact']);
    expect(warningsOf(result.issues)[0]?.reason).toMatch(/^system message skipped/);
  });
});
