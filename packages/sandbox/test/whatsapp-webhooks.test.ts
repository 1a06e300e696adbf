import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { whatsappFixturesDir } from '@ferry/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type RecordedWebhook,
  WhatsAppEmulator,
  type WhatsAppEmulatorOptions,
  WhatsAppWebhookRecorder,
} from '../src/whatsapp/index.js';

const FIXTURES = whatsappFixturesDir('meta-examples');
const APP_SECRET = 'test-app-secret';

type Json = Record<string, unknown>;

/** The app side: verifies `X-Hub-Signature-256` the way Meta's samples do. */
function verifySignature(webhook: RecordedWebhook, secret = APP_SECRET): boolean {
  const header = String(webhook.headers['x-hub-signature-256'] ?? '');
  const expected = createHmac('sha256', secret).update(webhook.rawBody).digest();
  const given = Buffer.from(header.replace(/^sha256=/, ''), 'hex');
  return header.startsWith('sha256=') && given.length === expected.length && timingSafeEqual(given, expected);
}

/** The `value` of the only change of the only entry. */
function changeValue(webhook: RecordedWebhook): Json {
  const body = webhook.body as { entry: { changes: { value: Json }[] }[] };
  return body.entry[0]?.changes[0]?.value ?? {};
}

function statusesOf(recorder: WhatsAppWebhookRecorder): Json[] {
  return recorder
    .received()
    .flatMap((webhook) => (changeValue(webhook)['statuses'] as Json[] | undefined) ?? []);
}

function messagesOf(recorder: WhatsAppWebhookRecorder): Json[] {
  return recorder
    .received()
    .flatMap((webhook) => (changeValue(webhook)['messages'] as Json[] | undefined) ?? []);
}

/** Key structure of a JSON value (arrays by their first item), to compare with Meta's examples. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return [shape(value[0])];
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, shape(item)]),
    );
  return typeof value;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: WhatsAppEmulatorOptions = {}) {
  const emulator = new WhatsAppEmulator({ account: { appSecret: APP_SECRET }, ...options });
  const recorder = new WhatsAppWebhookRecorder(emulator.account.verifyToken);
  await emulator.start();
  emulator.setWebhookUrl(await recorder.start());
  cleanups.push(async () => {
    await emulator.stop();
    await recorder.stop();
  });
  const send = async (body: Json) => {
    const { graphBaseUrl, version, phoneNumberId, accessToken } = emulator.credentials();
    const response = await fetch(`${graphBaseUrl}/${version}/${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
    });
    const json = (await response.json()) as { messages?: { id: string }[]; error?: { code: number } };
    return { status: response.status, id: json.messages?.[0]?.id ?? '', code: json.error?.code };
  };
  return { emulator, recorder, send };
}

describe('WhatsAppEmulator: status webhooks', () => {
  it('posts signed sent → delivered → read statuses carrying biz_opaque_callback_data', async () => {
    const { emulator, recorder, send } = await setup();
    const user = emulator.users.create({ phone: '16315551234' });
    await user.sendText('hi');
    recorder.clear();
    const { id } = await send({
      to: user.waId,
      type: 'text',
      text: { body: 'Hello' },
      biz_opaque_callback_data: 'campaign-7:row-42',
    });
    await emulator.idle();
    await user.read(id);
    const webhooks = recorder.received();
    expect(webhooks).toHaveLength(3);
    for (const webhook of webhooks) {
      expect(verifySignature(webhook)).toBe(true);
      expect(verifySignature(webhook, 'another-secret')).toBe(false);
      expect(webhook.headers['content-type']).toBe('application/json');
    }
    expect(statusesOf(recorder)).toEqual(
      ['sent', 'delivered', 'read'].map((status) =>
        expect.objectContaining({
          id,
          status,
          recipient_id: user.waId,
          biz_opaque_callback_data: 'campaign-7:row-42',
        }),
      ),
    );
    const example = JSON.parse(
      readFileSync(
        `${FIXTURES}/cloud-api__webhook-subscriptions__message-status-update-notifications.request.json`,
        'utf8',
      ),
    ) as Json;
    const read = webhooks[2]?.body as Json;
    const withoutExtras = JSON.parse(
      JSON.stringify(read, (key, value) => (key === 'biz_opaque_callback_data' ? undefined : value)),
    );
    expect(shape(withoutExtras)).toEqual(shape(example));
    expect(read).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: emulator.account.wabaId,
          changes: [
            { field: 'messages', value: { metadata: { phone_number_id: emulator.account.phoneNumberId } } },
          ],
        },
      ],
    });
    expect(emulator.message(id)?.status).toBe('read');
  });

  it('accepts sends to unknown numbers and blocked users, then posts failed with 131026', async () => {
    const { emulator, recorder, send } = await setup();
    const blocker = emulator.users.create({ phone: '16315550000' });
    await blocker.sendText('hi');
    blocker.block();
    const unknown = await send({
      to: '+1 555 000 9999',
      type: 'template',
      template: { name: 'x', language: { code: 'en' } },
    });
    expect(unknown.code).toBe(132001);
    emulator.templates.register({ name: 'x', language: 'en' });
    const results = [
      await send({
        to: '+1 555 000 9999',
        type: 'template',
        template: { name: 'x', language: { code: 'en' } },
      }),
      await send({
        to: blocker.waId,
        type: 'text',
        text: { body: 'still there?' },
        biz_opaque_callback_data: 'cb',
      }),
    ];
    await emulator.idle();
    expect(results.map((result) => result.status)).toEqual([200, 200]);
    const failed = statusesOf(recorder);
    expect(failed).toEqual([
      expect.objectContaining({ id: results[0]?.id, status: 'failed', recipient_id: '15550009999' }),
      expect.objectContaining({ id: results[1]?.id, status: 'failed', biz_opaque_callback_data: 'cb' }),
    ]);
    expect(failed[0]?.['errors']).toEqual([
      {
        code: 131026,
        title: 'Message undeliverable',
        message: 'Message undeliverable',
        error_data: { details: expect.any(String) },
        href: expect.any(String),
      },
    ]);
    expect(emulator.ledger.size).toBe(0);
  });

  it('holds statuses until flush() in manual mode, and retries deliveries the app refused', async () => {
    const { emulator, recorder, send } = await setup({ deliverStatuses: 'manual' });
    const user = emulator.users.create({ phone: '16315551111' });
    await user.sendText('hi');
    const { id } = await send({ to: user.waId, type: 'text', text: { body: 'one' } });
    await emulator.idle();
    expect(statusesOf(recorder)).toEqual([]);
    expect(emulator.pendingWebhooks()).toBe(2);
    recorder.respondWith(500);
    await emulator.flush();
    expect(emulator.pendingWebhooks()).toBe(2);
    recorder.respondWith(200);
    recorder.clear();
    const delivered = await emulator.flush();
    expect(delivered.map((delivery) => [delivery.status, delivery.attempts])).toEqual([
      [200, 2],
      [200, 2],
    ]);
    expect(statusesOf(recorder).map((status) => [status['id'], status['status']])).toEqual([
      [id, 'sent'],
      [id, 'delivered'],
    ]);
  });
});

describe('WhatsAppEmulator: drop-response fault', () => {
  it('loses the answer but keeps the message in the ledger and still posts its statuses', async () => {
    const { emulator, recorder, send } = await setup();
    const user = emulator.users.create({ phone: '16315552222' });
    await user.sendText('hi');
    emulator.faults.schedule({ kind: 'drop-response', method: 'POST /messages' });
    await expect(
      send({ to: user.waId, type: 'text', text: { body: 'lost' }, biz_opaque_callback_data: 'row-9' }),
    ).rejects.toThrow();
    await emulator.idle();
    const [entry] = emulator.ledger.entries();
    expect(entry).toMatchObject({ recipient: user.waId, callbackData: 'row-9', method: 'POST /messages' });
    expect(statusesOf(recorder)).toEqual([
      expect.objectContaining({ id: entry?.messageId, status: 'sent', biz_opaque_callback_data: 'row-9' }),
      expect.objectContaining({
        id: entry?.messageId,
        status: 'delivered',
        biz_opaque_callback_data: 'row-9',
      }),
    ]);
  });

  it('answers injected 429s and 5xx in the Graph shape', async () => {
    const { emulator, send } = await setup();
    emulator.users.create({ phone: '16315553333' });
    emulator.faults.schedule({ kind: 'rate-limit', method: 'POST /messages' });
    emulator.faults.schedule({ kind: 'server-error', method: 'POST /messages' });
    const body = { to: '16315553333', type: 'template', template: { name: 'x', language: { code: 'en' } } };
    expect(await send(body)).toMatchObject({ status: 429, code: 130429 });
    expect(await send(body)).toMatchObject({ status: 500, code: 2 });
    expect(emulator.ledger.size).toBe(0);
  });
});

describe('WhatsAppEmulator: simulated users', () => {
  it('sends text as a signed messages webhook shaped like Meta’s example, with contacts and from', async () => {
    const { emulator, recorder } = await setup();
    const user = emulator.users.create({
      phone: '+1 631-555-1234',
      name: 'Kerry Fisher',
      bsuid: 'US.1234567890',
    });
    const { messageId, delivery } = await user.sendText('Hello this is an answer');
    expect(delivery.status).toBe(200);
    const [webhook] = recorder.received();
    expect(webhook && verifySignature(webhook)).toBe(true);
    const example = JSON.parse(
      readFileSync(
        `${FIXTURES}/cloud-api__webhook-subscriptions__received-text-message.request.json`,
        'utf8',
      ),
    ) as Json;
    const value = changeValue(webhook as RecordedWebhook);
    expect(value['contacts']).toEqual([
      { profile: { name: 'Kerry Fisher' }, wa_id: '16315551234', user_id: 'US.1234567890' },
    ]);
    expect(value['messages']).toEqual([
      {
        from: '16315551234',
        id: messageId,
        timestamp: expect.stringMatching(/^\d+$/),
        type: 'text',
        text: { body: 'Hello this is an answer' },
      },
    ]);
    const withoutBsuid = JSON.parse(
      JSON.stringify(webhook?.body, (key, item) => (key === 'user_id' ? undefined : item)),
    );
    expect(shape(withoutBsuid)).toEqual(shape(example));
    expect(emulator.isWindowOpen('+16315551234')).toBe(true);
  });

  it('taps reply buttons, picks list rows, taps template buttons, submits flows and opts out', async () => {
    const { emulator, recorder, send } = await setup({ limits: { pairRate: { burst: 10 } } });
    const user = emulator.users.create({ phone: '16315554444' });
    await user.sendText('menu');
    emulator.templates.register({
      name: 'promo',
      language: 'en_US',
      category: 'MARKETING',
      components: [
        { type: 'BODY', text: 'Sale!' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
      ],
    });
    const buttons = await send({
      to: user.waId,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Ok?' },
        action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] },
      },
    });
    const list = await send({
      to: user.waId,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Pick' },
        action: { button: 'Open', sections: [{ rows: [{ id: 'r1', title: 'One', description: 'First' }] }] },
      },
    });
    const promo = await send({
      to: user.waId,
      type: 'template',
      template: {
        name: 'promo',
        language: { code: 'en_US' },
        components: [
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'STOP_PROMO' }],
          },
        ],
      },
    });
    const flow = await send({
      to: user.waId,
      type: 'interactive',
      interactive: {
        type: 'flow',
        body: { text: 'Survey' },
        action: {
          name: 'flow',
          parameters: { flow_message_version: '3', flow_id: '1', flow_cta: 'Go', flow_token: 'tok-1' },
        },
      },
    });
    recorder.clear();
    await user.tapReplyButton(buttons.id, 'yes');
    await user.pickListRow(list.id, 'r1');
    await user.tapTemplateButton(promo.id, 'Stop promotions');
    await user.submitFlow(flow.id, { rating: '5' });
    await user.optOut();
    const messages = messagesOf(recorder);
    const business = emulator.account.displayPhoneNumber;
    expect(
      messages.map(({ context, type, interactive, button, text }) => ({
        context,
        type,
        interactive,
        button,
        text,
      })),
    ).toEqual(
      [
        {
          context: { from: business, id: buttons.id },
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
        },
        {
          context: { from: business, id: list.id },
          type: 'interactive',
          interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'One', description: 'First' } },
        },
        {
          context: { from: business, id: promo.id },
          type: 'button',
          button: { payload: 'STOP_PROMO', text: 'Stop promotions' },
        },
        {
          context: { from: business, id: flow.id },
          type: 'interactive',
          interactive: {
            type: 'nfm_reply',
            nfm_reply: { name: 'flow', body: 'Sent', response_json: expect.any(String) },
          },
        },
        { type: 'text', text: { body: 'STOP' } },
      ].map((expected) => ({
        context: undefined,
        interactive: undefined,
        button: undefined,
        text: undefined,
        ...expected,
      })),
    );
    const nfm = messages[3]?.['interactive'] as { nfm_reply: { response_json: string } } | undefined;
    expect(JSON.parse(nfm?.nfm_reply.response_json ?? '{}')).toEqual({ flow_token: 'tok-1', rating: '5' });
    expect(() => user.tapReplyButton(buttons.id, 'no')).toThrow(/no reply button/);
    expect(user.sent().map((message) => message.type)).toEqual([
      'text',
      'interactive',
      'interactive',
      'button',
      'interactive',
      'text',
    ]);
  });

  it('accepts a BSUID as `to`, and reset() forgets users but keeps templates', async () => {
    const { emulator, send } = await setup();
    emulator.templates.register({ name: 'x', language: 'en' });
    const user = emulator.users.create({ phone: '16315555555', bsuid: 'US.42' });
    const sent = await send({
      to: 'US.42',
      type: 'template',
      template: { name: 'x', language: { code: 'en' } },
    });
    expect(sent.status).toBe(200);
    expect(user.inbox().map((message) => message.id)).toEqual([sent.id]);
    emulator.reset();
    expect(emulator.users.get('US.42')).toBeUndefined();
    expect(emulator.ledger.size).toBe(0);
    expect(emulator.templates.find('x', 'en')).toBeDefined();
    expect(
      await send({ to: 'US.42', type: 'template', template: { name: 'x', language: { code: 'en' } } }),
    ).toMatchObject({
      status: 400,
      code: 131009,
    });
  });

  it('runs the verification handshake against the app', async () => {
    const { emulator } = await setup();
    expect(await emulator.verifyWebhook()).toMatchObject({ ok: true, status: 200 });
    expect(await emulator.verifyWebhook({ verifyToken: 'wrong' })).toMatchObject({ ok: false, status: 403 });
  });
});
