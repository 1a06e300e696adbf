import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, Pacer, systemClock } from '@ferry/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWhatsAppChannel, RETRY_AFTER_MS } from '../src/index.js';
import { nextPhone, startRig, type WhatsAppRig } from './rig.js';

let rig: WhatsAppRig;

/** The "we moved" template: a text header, named body and a URL button whose suffix is the link token. */
const WE_MOVED = {
  name: 'we_moved',
  language: 'en_US',
  category: 'MARKETING',
  parameter_format: 'NAMED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'We moved' },
    { type: 'BODY', text: 'Hi {{first_name}}, we now live on {{platform}}.' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Continue', url: 'https://t.me/ferry_bot?start={{1}}' },
        { type: 'QUICK_REPLY', text: 'Stop promotions' },
      ],
    },
  ],
} as const;

beforeAll(async () => {
  rig = await startRig({ limits: { tier: 'unlimited' } });
  rig.whatsapp.templates.register(WE_MOVED);
});
afterAll(async () => {
  await rig.close();
});
afterEach(() => {
  rig.useChannel();
});

describe('template sends', () => {
  it('sends the "we moved" template with the token as URL suffix, and statuses carry the callback data', async () => {
    const user = rig.whatsapp.users.create({ phone: nextPhone(), name: 'Kerry' });
    const outcome = await rig.channel.sendTemplate(user.waId, {
      name: 'we_moved',
      language: 'en_US',
      parameters: {
        body: { first_name: 'Kerry', platform: 'Telegram' },
        buttons: [{ type: 'url', index: 0, suffix: 'AbC123_-token' }],
      },
      callbackData: 'campaign-1:row-7',
    });
    expect(outcome).toMatchObject({ status: 'sent' });
    if (outcome.status !== 'sent') return;
    const entry = rig.whatsapp.ledger.entries().find((item) => item.messageId === outcome.id);
    expect(entry?.callbackData).toBe('campaign-1:row-7');
    expect(entry?.payload).toMatchObject({
      to: user.waId,
      type: 'template',
      biz_opaque_callback_data: 'campaign-1:row-7',
      template: {
        components: [
          { type: 'body' },
          {
            type: 'button',
            sub_type: 'url',
            index: '0',
            parameters: [{ type: 'text', text: 'AbC123_-token' }],
          },
        ],
      },
    });
    await rig.whatsapp.idle();
    const statuses = rig.statuses.filter((status) => status.messageId === outcome.id);
    expect(statuses.map((status) => status.status)).toEqual(['sent', 'delivered']);
    expect(statuses.every((status) => status.callbackData === 'campaign-1:row-7')).toBe(true);
    expect(statuses[0]?.recipientId).toBe(user.waId);

    const events = rig.collect();
    await user.tapTemplateButton(outcome.id, 'Stop promotions');
    expect(events).toEqual([expect.objectContaining({ type: 'stop', text: 'Stop promotions' })]);
  });

  it('passes SendOptions.callbackData on free-form sends too', async () => {
    const waId = await rig.user();
    const outcome = await rig.channel.send(waId, { text: 'Hello' }, { callbackData: 'c-2' });
    expect(outcome.status).toBe('sent');
    if (outcome.status === 'sent')
      expect(rig.whatsapp.message(outcome.id)?.payload).toMatchObject({ biz_opaque_callback_data: 'c-2' });
  });

  it('maps template errors to rejected outcomes with codes', async () => {
    const waId = await rig.user();
    const unknown = await rig.channel.sendTemplate(waId, { name: 'nope', language: 'en_US' });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'template-not-found' });
    const mismatch = await rig.channel.sendTemplate(waId, { name: 'we_moved', language: 'en_US' });
    expect(mismatch).toMatchObject({ status: 'rejected', code: 'template-parameter-mismatch' });
    rig.whatsapp.templates.register({ ...WE_MOVED, name: 'paused_one', status: 'PAUSED' });
    const paused = await rig.channel.sendTemplate(waId, { name: 'paused_one', language: 'en_US' });
    expect(paused).toMatchObject({ status: 'rejected', code: 'template-paused' });
  });

  it('lists every template across pages', async () => {
    for (let index = 0; index < 120; index++)
      rig.whatsapp.templates.register({
        name: `bulk_${String(index).padStart(3, '0')}`,
        language: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: `Body ${index}` }],
      });
    const templates = await rig.channel.listTemplates();
    const bulk = templates.filter((template) => template.name.startsWith('bulk_'));
    expect(bulk).toHaveLength(120);
    expect(new Set(templates.map((template) => `${template.name}/${template.language}`)).size).toBe(
      templates.length,
    );
    expect(templates.some((template) => template.name === 'we_moved')).toBe(true);
  });
});

describe('outcomes', () => {
  it('reports a free-form send outside the 24 h window through the failed status (131047)', async () => {
    const user = rig.whatsapp.users.create({ phone: nextPhone() });
    const outcome = await rig.channel.send(user.waId, { text: 'Hello' }, { callbackData: 'late-1' });
    expect(outcome.status).toBe('sent');
    await rig.whatsapp.idle();
    const failed = rig.statuses.find((status) => status.callbackData === 'late-1');
    expect(failed).toMatchObject({
      status: 'failed',
      errors: [expect.objectContaining({ code: 131047 })],
      outcome: { status: 'rejected', code: 'outside-window' },
    });
    const confirming = rig.useChannel({ confirmDeliveryWithinMs: 5_000 });
    expect(await confirming.send(user.waId, { text: 'Hello again' })).toMatchObject({
      status: 'rejected',
      code: 'outside-window',
    });
  });

  it('maps a synchronous 131047 to rejected outside-window', async () => {
    const strict = await startRig({ limits: { windowViolation: 'reject' } });
    try {
      const user = strict.whatsapp.users.create({ phone: nextPhone() });
      expect(await strict.channel.send(user.waId, { text: 'Hello' })).toMatchObject({
        status: 'rejected',
        code: 'outside-window',
      });
    } finally {
      await strict.close();
    }
  });

  it('maps 130429 to a global rate limit and pauses the whole pacer', async () => {
    const tight = await startRig({ limits: { throughputPerSecond: 1 } });
    try {
      const pacer = new Pacer({ clock: systemClock, global: { perSecond: 1000, burst: 10 } });
      const channel = tight.useChannel({ pacing: pacer });
      // Users who never wrote: no inbound message takes the one slot; the sends are accepted, then fail 131047.
      const [first, second] = [nextPhone(), nextPhone()];
      expect(await channel.send(first, { text: 'one' })).toMatchObject({ status: 'sent' });
      const limited = await channel.send(second, { text: 'two' });
      expect(limited).toEqual({
        status: 'rate-limited',
        retryAfterMs: RETRY_AFTER_MS.throughput,
        scope: 'global',
      });
      expect(pacer.readyAt('anyone')).toBeGreaterThan(Date.now() + RETRY_AFTER_MS.throughput / 2);
    } finally {
      await tight.close();
    }
  });

  it('maps 131056 to a per-recipient rate limit and pauses only that recipient', async () => {
    const strict = await startRig({ limits: { pairRate: { burst: 1 } } });
    try {
      const pacer = new Pacer({ clock: systemClock, global: { perSecond: 1000, burst: 10 } });
      const channel = strict.useChannel({ pacing: pacer });
      const waId = await strict.user();
      expect(await channel.send(waId, { text: 'one' })).toMatchObject({ status: 'sent' });
      const limited = await channel.send(waId, { text: 'two' });
      expect(limited).toEqual({
        status: 'rate-limited',
        retryAfterMs: RETRY_AFTER_MS.pairRate,
        scope: 'recipient',
      });
      expect(pacer.readyAt(waId)).toBeGreaterThan(Date.now() + RETRY_AFTER_MS.pairRate / 2);
      expect(pacer.readyAt('16315550000')).toBeLessThanOrEqual(Date.now());
    } finally {
      await strict.close();
    }
  });

  it('reports a dropped response as ambiguous, and the status webhook reconciles it by callback data', async () => {
    const waId = await rig.user();
    rig.whatsapp.faults.schedule({ kind: 'drop-response', method: 'POST /messages' });
    const outcome = await rig.channel.send(waId, { text: 'Did it go?' }, { callbackData: 'ambiguous-1' });
    expect(outcome.status).toBe('ambiguous');
    await rig.whatsapp.idle();
    const delivered = rig.statuses.find(
      (status) => status.callbackData === 'ambiguous-1' && status.status === 'delivered',
    );
    expect(delivered?.recipientId).toBe(waId);
    expect(
      rig.whatsapp.ledger.entries().filter((entry) => entry.callbackData === 'ambiguous-1'),
    ).toHaveLength(1);
  });

  it('reports a refused connection as transient (nothing was sent)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closed = createWhatsAppChannel({
      accessToken: 'EAA-anything',
      phoneNumberId: '1',
      graphBaseUrl: `http://127.0.0.1:${port}`,
      pacing: { global: { perSecond: 1000 } },
    });
    expect(await closed.send('16315551234', { text: 'hi' })).toMatchObject({ status: 'transient' });
  });

  it('throws AuthError on a refused token without echoing it', async () => {
    const secret = 'EAAsecret-that-must-not-leak';
    const credentials = rig.whatsapp.credentials();
    const channel = createWhatsAppChannel({
      accessToken: secret,
      phoneNumberId: credentials.phoneNumberId,
      graphBaseUrl: credentials.graphBaseUrl,
    });
    const error = await channel.send('16315551234', { text: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect((error as Error).message).not.toContain(secret);
  });

  it('reports a blocked user through the failed status (131026 -> blocked)', async () => {
    const user = rig.whatsapp.users.create({ phone: nextPhone() });
    await user.sendText('hi');
    user.block();
    const outcome = await rig.channel.send(user.waId, { text: 'hello' }, { callbackData: 'blocked-1' });
    expect(outcome.status).toBe('sent');
    await rig.whatsapp.idle();
    expect(rig.statuses.find((status) => status.callbackData === 'blocked-1')).toMatchObject({
      status: 'failed',
      outcome: { status: 'blocked' },
    });
  });

  it('refuses a recipient that cannot be a WhatsApp user without calling the API', async () => {
    const before = rig.whatsapp.stats.snapshot().requests;
    expect(await rig.channel.send('not a number', { text: 'hi' })).toMatchObject({
      status: 'unknown-recipient',
    });
    expect(rig.whatsapp.stats.snapshot().requests).toBe(before);
  });
});

describe('templates through Channel.send', () => {
  it('reaches a user whose window is closed when the message names an approved template', async () => {
    const user = rig.whatsapp.users.create({ phone: nextPhone() });
    const components = [
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Kerry' },
          { type: 'text', parameter_name: 'platform', text: 'Slack' },
        ],
      },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'tok' }] },
    ];
    const outcome = await rig.channel.send(
      user.waId,
      {
        meta: {
          template: 'we_moved',
          templateLanguage: 'en_US',
          templateComponents: JSON.stringify(components),
        },
      },
      { callbackData: 'via-send' },
    );
    expect(outcome.status).toBe('sent');
    await rig.whatsapp.idle();
    expect(
      rig.statuses.filter((status) => status.callbackData === 'via-send').map((status) => status.status),
    ).toEqual(['sent', 'delivered']);
  });
});
