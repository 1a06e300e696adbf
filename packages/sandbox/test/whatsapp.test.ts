import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { whatsappFixturesDir } from '@ferry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatedUser, WhatsAppEmulator, WhatsAppWebhookRecorder } from '../src/whatsapp/index.js';

const FIXTURES = whatsappFixturesDir('meta-examples');

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

/** Replaces Meta's placeholders with test values; `overrides` maps exact strings first. */
function fill(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  if (typeof value !== 'string') return value;
  const exact = values[value];
  if (exact !== undefined) return exact;
  if (value.includes('http(s)://')) return `https://example.com/${value.replace(/[^a-z]+/gi, '-')}`;
  if (/^\{\{.+\}\}$/.test(value)) throw new Error(`No test value for ${value}`);
  // Other `<PLACEHOLDER>`s become readable text of the same length or shorter.
  const placeholder = /^<(.+)>$/.exec(value);
  return placeholder ? (placeholder[1] ?? '').toLowerCase().replaceAll('_', ' ') : value;
}

describe('WhatsAppEmulator: Meta example requests', () => {
  let now = 1_750_000_000_000;
  // Each send moves time past the pair-rate interval (1 message per 6 s to the same user).
  const emulator = new WhatsAppEmulator({ clock: { now: () => now } });
  const recorder = new WhatsAppWebhookRecorder();
  let user: SimulatedUser;
  let values: Record<string, string>;
  let graph: string;
  let token: string;

  const call = async (method: string, edge: string, body?: unknown) => {
    const id = edge === 'messages' ? emulator.account.phoneNumberId : emulator.account.wabaId;
    const response = await fetch(`${graph}/${id}/${edge}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await emulator.start();
    emulator.setWebhookUrl(await recorder.start());
    const credentials = emulator.credentials();
    graph = `${credentials.graphBaseUrl}/${credentials.version}`;
    token = credentials.accessToken;
    user = emulator.users.create({ phone: '+1 631-555-1234', name: 'Kerry Fisher' });
    const { messageId } = await user.sendText('Hello this is an answer');
    values = {
      '{{Recipient-Phone-Number}}': '+16315551234',
      '{{Recipient-WA-ID}}': '16315551234',
      '{{customer-phone-number}}': '16315551234',
      '{{Flow-ID}}': '1234567890123456',
      '{{flow-id}}': '1234567890123456',
      '{{Flow-Name}}': 'survey',
      '{{flow-name}}': 'survey',
      '<TEMPLATE_NAME>': 'flow_offer',
      '<INCOMING_MSG_ID>': messageId,
      '<WHATSAPP_MESSAGE_ID>': messageId,
      '<MSGID_OF_PREV_MSG>': messageId,
      '<MSGID_OF_MSG_YOU_ARE_REPLYING_TO>': messageId,
      '<WAM_ID>': messageId,
      '<EMOJI>': '\u{1F44D}',
      '<LOCATION_LATITUDE>': '37.4847',
      '<LOCATION_LONGITUDE>': '-122.1473',
      '<HEADER_TYPE>': 'text',
    };
    // Templates the example sends name; Meta's generic "template-name" differs per example.
    emulator.templates.register({
      name: 'hello_world',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Welcome and congratulations!!' }],
    });
    emulator.templates.register({
      name: 'sample_shipping_confirmation',
      language: 'en_US',
      components: [
        { type: 'BODY', text: 'Your package has been shipped. It will be delivered in {{1}} business days.' },
      ],
    });
    emulator.templates.register({
      name: 'sample_issue_resolution',
      language: 'en_US',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, were we able to solve the issue that you were facing?' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Yes' },
            { type: 'QUICK_REPLY', text: 'No' },
          ],
        },
      ],
    });
    const body = { type: 'BODY', text: 'Hello {{1}}, you owe {{2}} since {{3}}.' };
    const header = { type: 'HEADER', format: 'IMAGE' };
    const buttons = {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Pay now' },
        { type: 'QUICK_REPLY', text: 'Later' },
      ],
    };
    for (const [name, components] of [
      ['template_text', [body]],
      ['template_media', [header, body]],
      ['template_interactive', [header, body, buttons]],
    ] as const)
      emulator.templates.register({ name, language: 'en_US', components: [...components] });
  });

  afterAll(async () => {
    await emulator.stop();
    await recorder.stop();
  });

  const templateCreations = readdirSync(FIXTURES).filter(
    (name) =>
      name.endsWith('.request.json') &&
      (name.includes('__templates__create-') ||
        name.includes('__templates__edit-template') ||
        name.startsWith('cloud-api__flows__create-flow-template-message-by-')),
  );

  it.each(templateCreations)('creates the template of %s', async (name) => {
    const body = fill(fixture(name), values) as Record<string, unknown>;
    if (name.includes('by-name')) body['name'] = 'flow_offer_by_name';
    if (name.includes('by-flow-json')) body['name'] = 'flow_offer_by_json';
    const response = await call('POST', 'message_templates', body);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'APPROVED', category: body['category'] });
    expect(emulator.templates.find(String(body['name']), String(body['language']))?.id).toBe(
      response.body['id'],
    );
  });

  const TEMPLATE_NAMES: Readonly<Record<string, string>> = {
    'cloud-api__messages__send-message-template-text.request.json': 'template_text',
    'cloud-api__messages__send-message-template-media.request.json': 'template_media',
    'cloud-api__messages__send-message-template-interactive.request.json': 'template_interactive',
  };
  const sends = readdirSync(FIXTURES).filter(
    (name) =>
      name.endsWith('.request.json') &&
      (/__(messages|examples)__send-/.test(name) || /__send-(draft|published|flow-template)/.test(name)),
  );

  it('covers every send example Meta publishes', () => {
    expect(sends.length).toBeGreaterThanOrEqual(50);
  });

  it.each(sends)('accepts %s', async (name) => {
    const body = fill(fixture(name), values) as Record<string, unknown>;
    const template = body['template'] as Record<string, unknown> | undefined;
    const renamed = TEMPLATE_NAMES[name];
    if (template && renamed) {
      template['name'] = renamed;
      template['language'] = { code: 'en_US' };
    }
    now += 6000;
    const before = emulator.ledger.size;
    const response = await call('POST', 'messages', body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body['messaging_product']).toBe('whatsapp');
    expect(response.body['contacts']).toEqual([{ input: body['to'], wa_id: '16315551234' }]);
    const [message] = response.body['messages'] as { id: string }[];
    expect(message?.id).toMatch(/^wamid\./);
    expect(emulator.ledger.size).toBe(before + 1);
    expect(user.inbox().map((item) => item.id)).toContain(message?.id);
  });

  it.each([
    'cloud-api__messages__mark-message-as-read.request.json',
    'cloud-api__typing-indicators__send-typing-indicator-and-read-receipt.request.json',
  ])('marks the user message read with %s', async (name) => {
    const response = await call('POST', 'messages', fill(fixture(name), values));
    expect(response).toEqual({ status: 200, body: { success: true } });
    expect(user.sent()[0]?.readBy?.typingIndicator).toBe(name.includes('typing'));
  });

  it('lists the created templates with the fields Meta returns', async () => {
    const response = await call('GET', 'message_templates?name=flow_offer');
    expect(response.status).toBe(200);
    const data = response.body['data'] as Record<string, unknown>[];
    expect(data.map((template) => template['name'])).toEqual([
      'flow_offer_by_json',
      'flow_offer',
      'flow_offer_by_name',
    ]);
    const example = fixture('cloud-api__templates__get-template-by-id-default-fields.response.json');
    for (const template of data) for (const key of Object.keys(example)) expect(template).toHaveProperty(key);
  });

  it.each([
    // Meta's literal placeholders are not valid values.
    ['cloud-api__messages__send-location-message.request.json', { latitude: '<LOCATION_LATITUDE>' }, 100],
    ['cloud-api__messages__send-image-message-by-url.request.json', { link: 'http(s)://image-url' }, 131009],
    ['cloud-api__messages__send-message-template-text.request.json', { name: 'template-name' }, 132001],
  ] as const)('rejects %s with raw %j (code %i)', async (name, raw, code) => {
    const body = fill(fixture(name), values) as Record<string, Record<string, unknown>>;
    if ('latitude' in raw && body['location']) body['location']['latitude'] = raw.latitude;
    if ('link' in raw && body['image']) body['image']['link'] = raw.link;
    if ('name' in raw && body['template']) body['template']['name'] = raw.name;
    const before = emulator.ledger.size;
    const response = await call('POST', 'messages', body);
    expect(response.status).toBe(400);
    expect(response.body['error']).toMatchObject({ code, type: 'OAuthException' });
    expect(emulator.ledger.size).toBe(before);
  });
});
