import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerVerificationChallenge, verifyWhatsAppSignature, whatsAppSignature } from '../src/index.js';
import { messageBody } from './bodies.js';
import { nextPhone, startRig, type WhatsAppRig } from './rig.js';

let rig: WhatsAppRig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

const SECRET = 'app-secret-for-tests';

describe('verify (dependency-free)', () => {
  it('accepts the HMAC of the raw body and refuses anything else', () => {
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const header = whatsAppSignature(body, SECRET);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWhatsAppSignature(body, header, SECRET)).toBe(true);
    expect(
      verifyWhatsAppSignature(Buffer.from(body), header.toUpperCase().replace('SHA256=', 'sha256='), SECRET),
    ).toBe(true);
    expect(verifyWhatsAppSignature(`${body} `, header, SECRET)).toBe(false);
    expect(verifyWhatsAppSignature(body, header, 'another-secret')).toBe(false);
    expect(verifyWhatsAppSignature(body, header.slice(7), SECRET)).toBe(false);
    expect(verifyWhatsAppSignature(body, 'sha256=abc', SECRET)).toBe(false);
    expect(verifyWhatsAppSignature(body, undefined, SECRET)).toBe(false);
    expect(verifyWhatsAppSignature(body, header, '')).toBe(false);
  });

  it('answers the handshake only for subscribe with the right token', () => {
    const url = (token: string, mode = 'subscribe') =>
      `https://app.example/whatsapp?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=1158201444`;
    expect(answerVerificationChallenge(url('right'), 'right')).toEqual({ status: 200, body: '1158201444' });
    expect(answerVerificationChallenge(url('wrong'), 'right').status).toBe(403);
    expect(answerVerificationChallenge(url('right', 'unsubscribe'), 'right').status).toBe(403);
    expect(answerVerificationChallenge(url(''), '').status).toBe(403);
  });

  it('imports nothing but node:crypto (no SDK, no @ferry/core)', () => {
    const source = readFileSync(new URL('../src/webhook/verify.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
    expect(imports).toEqual(['node:crypto']);
  });
});

describe('handleWebhook against the emulator', () => {
  it("answers Meta's verification GET with the challenge, and 403 for a wrong token", async () => {
    expect(await rig.whatsapp.verifyWebhook()).toMatchObject({ ok: true, status: 200 });
    expect(await rig.whatsapp.verifyWebhook({ verifyToken: 'wrong' })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('refuses a body whose signature does not match with 401', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const forged = await fetch(rig.webhookUrl, {
      method: 'POST',
      headers: { 'x-hub-signature-256': whatsAppSignature(body, 'not-the-app-secret') },
      body,
    });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(rig.webhookUrl, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(rig.webhookUrl, {
      method: 'POST',
      headers: { 'x-hub-signature-256': whatsAppSignature(body, rig.whatsapp.credentials().appSecret) },
      body,
    });
    expect(signed.status).toBe(200);
  });

  it('turns text, STOP and LINK messages into text, stop and link-claim events', async () => {
    const events = rig.collect();
    const user = rig.whatsapp.users.create({ phone: nextPhone(), name: 'Kerry' });
    await user.sendText('Hello there');
    await user.optOut();
    await user.sendText('LINK AbC123_-tokenValue');
    expect(events).toEqual([
      expect.objectContaining({
        channel: 'whatsapp',
        type: 'text',
        text: 'Hello there',
        sender: { id: user.waId, conversationId: user.waId, name: 'Kerry' },
      }),
      expect.objectContaining({ type: 'stop', text: 'STOP' }),
      expect.objectContaining({ type: 'link-claim', token: 'AbC123_-tokenValue', via: 'deep-link' }),
    ]);
    expect(events[0]?.at).toBeGreaterThan(0);
  });

  it('restores long reply ids and list row ids on choices', async () => {
    const waId = await rig.user();
    const user = rig.whatsapp.users.get(waId);
    if (user === undefined) throw new Error('user missing');
    const longId = `go-telegram-${'x'.repeat(300)}`;
    const sent = await rig.channel.send(waId, {
      text: 'Where next?',
      buttons: [
        { kind: 'reply', id: longId, title: 'Telegram' },
        { kind: 'reply', id: 'go-slack', title: 'Slack' },
      ],
    });
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    const delivered = user.inbox().find((message) => message.id === sent.id);
    const interactive = delivered?.payload['interactive'] as {
      action: { buttons: { reply: { id: string } }[] };
    };
    const shortId = interactive.action.buttons[0]?.reply.id ?? '';
    expect(shortId).not.toBe(longId);
    const events = rig.collect();
    await user.tapReplyButton(sent.id, shortId);
    expect(events).toEqual([
      expect.objectContaining({ type: 'choice', id: longId, title: 'Telegram', messageId: sent.id }),
    ]);

    const menu = await rig.channel.send(waId, {
      text: 'Plans',
      menu: { label: 'Plans', sections: [{ rows: [{ id: 'plan-basic', title: 'Basic' }] }] },
    });
    if (menu.status !== 'sent') throw new Error(`send failed: ${menu.status}`);
    await user.pickListRow(menu.id, 'plan-basic');
    expect(events.at(-1)).toMatchObject({ type: 'choice', id: 'plan-basic', title: 'Basic' });
  });

  it('turns a Flow completion into a form event keyed by the form id', async () => {
    const waId = await rig.user();
    const user = rig.whatsapp.users.get(waId);
    if (user === undefined) throw new Error('user missing');
    const sent = await rig.channel.send(waId, {
      text: 'Tell us where to reach you',
      buttons: [{ kind: 'form', title: 'Open form', formId: 'signup' }],
    });
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    const events = rig.collect();
    await user.submitFlow(sent.id, { name: 'Kerry', email: 'kerry@example.com' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'form',
        formId: 'signup',
        response: { flow_token: 'signup', name: 'Kerry', email: 'kerry@example.com' },
      }),
    ]);
  });

  it('names the form of a Flow reply whose custom meta.flowToken was sent unchanged', async () => {
    const waId = await rig.user();
    const user = rig.whatsapp.users.get(waId);
    if (user === undefined) throw new Error('user missing');
    const message = {
      text: 'Confirm your order',
      buttons: [{ kind: 'form' as const, title: 'Confirm', formId: 'order-form' }],
      meta: { flowId: '1234567890', flowToken: 'order-42' },
    };
    // A preview (render) remembers nothing; only a send does.
    rig.channel.render(message);
    expect(rig.channel.flowTokens.formIdOf('order-42')).toBeUndefined();
    const sent = await rig.channel.send(waId, message);
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    expect(rig.channel.flowTokens.formIdOf('order-42')).toBe('order-form');
    const delivered = user.inbox().find((message) => message.id === sent.id);
    expect(delivered?.payload['interactive']).toMatchObject({
      type: 'flow',
      action: { parameters: { flow_id: '1234567890', flow_token: 'order-42' } },
    });
    const events = rig.collect();
    await user.submitFlow(sent.id, { size: 'L' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'form',
        formId: 'order-form',
        response: { flow_token: 'order-42', size: 'L' },
      }),
    ]);
  });

  it('names the form of a Flow template reply when sendTemplate is told the form id', async () => {
    rig.whatsapp.templates.register({
      name: 'confirm_order',
      language: 'en_US',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Your basket is ready.' },
        { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Confirm', flow_id: '1234567890' }] },
      ],
    });
    const waId = await rig.user();
    const user = rig.whatsapp.users.get(waId);
    if (user === undefined) throw new Error('user missing');
    const sent = await rig.channel.sendTemplate(waId, {
      name: 'confirm_order',
      language: 'en_US',
      parameters: { buttons: [{ type: 'flow', index: 0, flowToken: 'order-43', formId: 'order-form' }] },
    });
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    const events = rig.collect();
    await user.submitFlow(sent.id, { size: 'M' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'form',
        formId: 'order-form',
        response: { flow_token: 'order-43', size: 'M' },
      }),
    ]);
  });

  it('keeps a Flow token it never sent (another process, before a restart) as the formId', async () => {
    const waId = await rig.user();
    const user = rig.whatsapp.users.get(waId);
    if (user === undefined) throw new Error('user missing');
    const sent = await rig.channel.send(waId, {
      text: 'Confirm your order',
      buttons: [{ kind: 'form', title: 'Confirm', formId: 'order-form' }],
      meta: { flowToken: 'order-44' },
    });
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    rig.useChannel();
    const events = rig.collect();
    await user.submitFlow(sent.id, { size: 'S' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'form',
        formId: 'order-44',
        response: { flow_token: 'order-44', size: 'S' },
      }),
    ]);
  });

  it('answers 500 when the handler throws, so Meta retries the delivery', async () => {
    const channel = rig.useChannel();
    const body = JSON.stringify(messageBody({ type: 'text', text: { body: 'hi' } }));
    const failing = await channel.handleWebhook(rig.signedRequest(body), () => {
      throw new Error('store is down');
    });
    expect(failing.status).toBe(500);
    const seen: unknown[] = [];
    const ok = await channel.handleWebhook(rig.signedRequest(body), (event) => {
      seen.push(event);
    });
    expect(ok.status).toBe(200);
    expect(seen).toEqual([
      expect.objectContaining({ type: 'text', text: 'hi', at: 1_700_000_000_000, eventId: 'wamid.1' }),
    ]);
  });
});

describe('markAsRead', () => {
  it('marks an inbound message read with a typing indicator, and refuses an unknown id', async () => {
    const waId = await rig.user();
    const user = rig.whatsapp.users.get(waId);
    const inbound = user?.sent()[0];
    if (user === undefined || inbound === undefined) throw new Error('no inbound message');
    expect(await rig.channel.markAsRead(inbound.id, { typing: true })).toMatchObject({ status: 'sent' });
    expect(user.sent()[0]?.readBy).toMatchObject({ typingIndicator: true });
    expect(await rig.channel.markAsRead('wamid.unknown')).toMatchObject({ status: 'rejected' });
  });
});
