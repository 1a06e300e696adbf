import type { InboundEvent } from '@ferry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_REWRITE_MS, type FlowTokenLookup, FlowTokenWriter, flowTokensOf } from '../src/index.js';
import { flowReplyBody } from './bodies.js';
import { startRig, type WhatsAppRig } from './rig.js';

/** The port as a workspace store keeps it (latest wins, no row for a token equal to its form), counting writes. */
class SharedFlowTokens implements FlowTokenLookup {
  readonly rows = new Map<string, { formId: string; at: number }>();
  writes = 0;
  failWrites = false;
  failReads = false;

  async remember(token: string, formId: string, at: number): Promise<void> {
    if (this.failWrites) throw new Error('database is locked');
    this.writes++;
    if (token === formId) this.rows.delete(token);
    else this.rows.set(token, { formId, at });
  }

  async formIdOf(token: string): Promise<string | undefined> {
    if (this.failReads) throw new Error('database is locked');
    return this.rows.get(token)?.formId;
  }
}

let rig: WhatsAppRig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

const orderForm = (token: string) => ({
  text: 'Confirm your order',
  buttons: [{ kind: 'form' as const, title: 'Confirm', formId: 'order-form' }],
  meta: { flowId: '1234567890', flowToken: token },
});

async function flowUser() {
  const waId = await rig.user();
  const user = rig.whatsapp.users.get(waId);
  if (user === undefined) throw new Error('user missing');
  return { waId, user };
}

describe('a channel with a persistent Flow token table', () => {
  it('names the form of a token another channel instance sent (a restart, or another process)', async () => {
    const shared = new SharedFlowTokens();
    const { waId, user } = await flowUser();
    const sender = rig.makeChannel({ flowTokenLookup: shared });
    const sent = await sender.send(waId, orderForm('order-50'));
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    expect(shared.rows.get('order-50')?.formId).toBe('order-form');

    const receiver = rig.useChannel({ flowTokenLookup: shared });
    expect(receiver.flowTokens.formIdOf('order-50')).toBeUndefined();
    const events = rig.collect();
    await user.submitFlow(sent.id, { size: 'XL' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'form',
        formId: 'order-form',
        response: { flow_token: 'order-50', size: 'XL' },
      }),
    ]);
  });

  it('names the form of a Flow template sent by another instance, and the latest form of a reused token', async () => {
    rig.whatsapp.templates.register({
      name: 'confirm_basket',
      language: 'en_US',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Your basket is ready.' },
        { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Confirm', flow_id: '1234567890' }] },
      ],
    });
    const shared = new SharedFlowTokens();
    const { waId, user } = await flowUser();
    await rig.makeChannel({ flowTokenLookup: shared }).send(waId, orderForm('basket-7'));
    const sent = await rig.makeChannel({ flowTokenLookup: shared }).sendTemplate(waId, {
      name: 'confirm_basket',
      language: 'en_US',
      parameters: { buttons: [{ type: 'flow', index: 0, flowToken: 'basket-7', formId: 'basket-form' }] },
    });
    if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);
    rig.useChannel({ flowTokenLookup: shared });
    const events = rig.collect();
    await user.submitFlow(sent.id, { confirmed: true });
    expect(events).toEqual([expect.objectContaining({ type: 'form', formId: 'basket-form' })]);
  });

  it('writes a token sent to many recipients once, and nothing for plain text', async () => {
    const shared = new SharedFlowTokens();
    const channel = rig.makeChannel({ flowTokenLookup: shared });
    const recipients = await Promise.all([1, 2, 3, 4, 5].map(() => rig.user()));
    const outcomes = await Promise.all(
      recipients.map((waId) => channel.send(waId, orderForm('spring-survey'))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    await channel.send(recipients[0] ?? '', { text: 'Thanks!' });
    expect(shared.writes).toBe(1);
  });

  it('still sends when the table cannot be written, and logs why without failing the send', async () => {
    const shared = new SharedFlowTokens();
    shared.failWrites = true;
    const logged: string[] = [];
    const channel = rig.makeChannel({
      flowTokenLookup: shared,
      logger: { log: (level, message) => logged.push(`${level}: ${message}`) },
    });
    const { waId } = await flowUser();
    expect(await channel.send(waId, orderForm('order-51'))).toMatchObject({ status: 'sent' });
    expect(logged).toEqual(['warn: WhatsApp could not store a sent Flow token; the message is sent anyway']);
    // The channel's own webhook still knows it from memory.
    expect(channel.flowTokens.formIdOf('order-51')).toBe('order-form');
    shared.failWrites = false;
    await channel.send(waId, orderForm('order-51'));
    expect(shared.rows.get('order-51')?.formId).toBe('order-form');
  });

  it('answers 500 when the table cannot be read, so Meta retries, and names the form on the retry', async () => {
    const shared = new SharedFlowTokens();
    await shared.remember('order-52', 'order-form', 1);
    const channel = rig.makeChannel({ flowTokenLookup: shared });
    const body = JSON.stringify(flowReplyBody('order-52', { size: 'S' }));
    const seen: InboundEvent[] = [];
    shared.failReads = true;
    expect(
      (await channel.handleWebhook(rig.signedRequest(body), (event) => void seen.push(event))).status,
    ).toBe(500);
    expect(seen).toEqual([]);
    shared.failReads = false;
    expect(
      (await channel.handleWebhook(rig.signedRequest(body), (event) => void seen.push(event))).status,
    ).toBe(200);
    expect(seen).toEqual([
      expect.objectContaining({ type: 'form', formId: 'order-form', eventId: 'wamid.flow' }),
    ]);
  });
});

describe('FlowTokenWriter', () => {
  it('re-writes an unchanged token after an hour, and at once for another form', async () => {
    const shared = new SharedFlowTokens();
    const writer = new FlowTokenWriter(shared);
    await writer.remember('t', 'form-a', 0);
    await writer.remember('t', 'form-a', FLOW_TOKEN_REWRITE_MS - 1);
    expect(shared.writes).toBe(1);
    await writer.remember('t', 'form-a', FLOW_TOKEN_REWRITE_MS);
    expect(shared.rows.get('t')).toEqual({ formId: 'form-a', at: FLOW_TOKEN_REWRITE_MS });
    await writer.remember('t', 'form-b', FLOW_TOKEN_REWRITE_MS + 1);
    expect(shared.writes).toBe(3);
    expect(shared.rows.get('t')?.formId).toBe('form-b');
  });
});

describe('flowTokensOf', () => {
  it("lists each Flow reply's token once, and nothing for other messages or broken JSON", () => {
    const reply = (token: string | undefined, responseJson?: string) => ({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: {
          response_json: responseJson ?? JSON.stringify(token === undefined ? {} : { flow_token: token }),
        },
      },
    });
    const body = {
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: {
                messages: [
                  reply('a'),
                  reply('b'),
                  reply('a'),
                  reply(undefined),
                  reply(undefined, '{not json'),
                  { type: 'text', text: { body: 'flow_token' } },
                ],
              },
            },
            { field: 'account_update', value: { messages: [reply('c')] } },
          ],
        },
      ],
    };
    expect(flowTokensOf(body)).toEqual(['a', 'b']);
    expect(flowTokensOf(null)).toEqual([]);
  });
});
