import type { InboundEvent, LogLevel, Message } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import { DiscordEmulator } from '@ferry/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordChannel } from '../src/index.js';
import { type DiscordRig, startRig } from './support/sandbox.js';
import { serve } from './support/serve.js';

let rig: DiscordRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function started(): Promise<DiscordRig> {
  rig = await startRig();
  return rig;
}

function lastEvent(current: DiscordRig): InboundEvent | undefined {
  return current.events.at(-1);
}

function customIds(current: DiscordRig, messageId: string): string[] {
  const message = current.emulator.message(messageId) as unknown as {
    components?: { components: { custom_id?: string }[] }[];
  };
  return (message.components ?? []).flatMap((row) => row.components.flatMap((item) => item.custom_id ?? []));
}

describe('choices', () => {
  it('a reply button with a 126-character id comes back as a choice with the ORIGINAL id and title', async () => {
    const current = await started();
    const user = current.emulator.users.create({ username: 'Ada' });
    const message = CONTRACT_MESSAGES['many buttons with long ids'] as Message;
    const outcome = await current.channel.send(user.id, message);
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    const [first] = customIds(current, outcome.id);
    const delivery = await user.pressButton(outcome.id, first ?? '');
    expect(delivery).toMatchObject({ via: 'http', status: 200, response: { type: 6 } });
    expect(lastEvent(current)).toMatchObject({
      channel: 'discord',
      type: 'choice',
      id: message.buttons?.[0] && 'id' in message.buttons[0] ? message.buttons[0].id : '',
      title: 'Topic number 1 with a rather long label',
      messageId: outcome.id,
      sender: { id: user.id, conversationId: user.dmChannelId },
    });
  });

  it('a menu row picked in the string select is a choice with the row id', async () => {
    const current = await started();
    const user = current.emulator.users.create({ username: 'Grace' });
    const outcome = await current.channel.send(user.id, CONTRACT_MESSAGES.menu as Message);
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    await user.selectOption(outcome.id, 'ferry:menu', ['m-3']);
    expect(lastEvent(current)).toMatchObject({ type: 'choice', id: 'm-3', title: 'Monthly 3' });
  });
});

describe('linking', () => {
  it('`/link <code>` is a link-claim via command, answered privately', async () => {
    const current = await started();
    await current.channel.registerCommands();
    const user = current.emulator.users.create({ username: 'Linus' });
    const delivery = await user.runCommand('link', { code: 'tok_123' });
    expect(delivery.response).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(lastEvent(current)).toMatchObject({
      type: 'link-claim',
      token: 'tok_123',
      via: 'command',
      sender: { id: user.id },
    });
  });

  it('the "Link my account" button opens a modal whose code is a link-claim via modal', async () => {
    const current = await started();
    const user = current.emulator.users.create({ username: 'Barbara' });
    const outcome = await current.channel.sendLinkPrompt(user.id, 'Link your account to keep your history.');
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    const opened = await user.pressButton(outcome.id, 'ferry:link');
    expect(opened.response).toMatchObject({ type: 9, data: { custom_id: 'ferry:link-modal' } });
    await user.submitModal('ferry:link-modal', { code: ' tok_456 ' });
    expect(lastEvent(current)).toMatchObject({
      type: 'link-claim',
      token: 'tok_456',
      via: 'modal',
      sender: { id: user.id },
    });
  });
});

describe('forms', () => {
  it('the form button opens a modal; submitting it gives the nfm_reply-shaped result', async () => {
    const current = await started();
    const user = current.emulator.users.create({ username: 'Ada' });
    const outcome = await current.channel.send(user.id, CONTRACT_MESSAGES['form button'] as Message);
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    const [opener] = customIds(current, outcome.id);
    const opened = await user.pressButton(outcome.id, opener ?? '');
    expect(opened.error).toBeUndefined();
    const modal = opened.response as {
      type: number;
      data: { custom_id: string; title: string; components: unknown[] };
    };
    expect(modal.type).toBe(9);
    expect(modal.data.title).toBe('Your details');
    expect(modal.data.components).toHaveLength(5);

    await user.submitModal(modal.data.custom_id, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      birthday: '1815-12-10',
      channel: 'Telegram',
      terms: 'yes',
    });
    const event = lastEvent(current);
    expect(event).toMatchObject({
      type: 'form',
      formId: 'signup',
      response: { name: 'Ada Lovelace', email: 'ada@example.com', flow_token: 'signup' },
    });
  });

  it('a bad answer is explained with a "Try again" button that reopens the same view', async () => {
    const current = await started();
    const user = current.emulator.users.create({ username: 'Grace' });
    const outcome = await current.channel.send(user.id, CONTRACT_MESSAGES['form button'] as Message);
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    const [opener] = customIds(current, outcome.id);
    const opened = await user.pressButton(outcome.id, opener ?? '');
    const modalId = (opened.response as { data: { custom_id: string } }).data.custom_id;
    const refused = await user.submitModal(modalId, { name: 'Grace', email: 'not-an-email', terms: 'yes' });
    expect(refused.response).toMatchObject({
      type: 4,
      data: { content: 'E-mail: an e-mail address is needed.' },
    });
    expect(current.events.some((event) => event.type === 'form')).toBe(false);
    const reply = user.messages().at(-1);
    const again = await user.pressButton(reply?.id ?? '', opener ?? '');
    expect(again.response).toMatchObject({ type: 9, data: { custom_id: modalId } });
  });

  it('a 7-field screen is chained over two modals with a "continue" button, answers carried to the end', async () => {
    const current = await started();
    const user = current.emulator.users.create({ username: 'Linus' });
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const message: Message = {
      text: 'Survey',
      form: {
        id: 'survey',
        title: 'Survey',
        screens: [
          {
            id: 'ALL',
            blocks: names.map((name) => ({ kind: 'field', name, type: 'shortText', label: `Field ${name}` })),
            submit: {
              label: 'Send',
              action: {
                type: 'complete',
                payload: { first: '${form.a}', last: '${form.g}', joined: '${form.b}-${form.f}' },
              },
            },
            terminal: true,
          },
        ],
      },
    };
    const outcome = await current.channel.send(user.id, message);
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    const [opener] = customIds(current, outcome.id);
    const first = await user.pressButton(outcome.id, opener ?? '');
    const firstModal = (first.response as { data: { custom_id: string; components: unknown[] } }).data;
    expect(firstModal.components).toHaveLength(5);
    const continued = await user.submitModal(firstModal.custom_id, {
      a: 'A',
      b: 'B',
      c: 'C',
      d: 'D',
      e: 'E',
    });
    expect(continued.response).toMatchObject({ type: 4 });
    const reply = user.messages().at(-1);
    const [continueId] = customIds(current, reply?.id ?? '');
    const second = await user.pressButton(reply?.id ?? '', continueId ?? '');
    const secondModal = (second.response as { data: { custom_id: string; components: unknown[] } }).data;
    expect(secondModal.components).toHaveLength(2);
    await user.submitModal(secondModal.custom_id, { f: 'F', g: 'G' });
    expect(lastEvent(current)).toMatchObject({
      type: 'form',
      formId: 'survey',
      response: { first: 'A', last: 'G', joined: 'B-F', flow_token: 'survey' },
    });
  });
});

describe('the interactions endpoint', () => {
  it('was saved through Discord’s check (signed PING answered, wrong signature refused) and refuses forgeries with 401', async () => {
    const current = await started();
    expect(current.emulator.interactionDeliveries()).toEqual([]);
    const response = await fetch(`${current.endpoint.url}/interactions`, {
      method: 'POST',
      headers: { 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': '1700000000' },
      body: JSON.stringify({
        id: '1',
        type: 2,
        data: { name: 'link', options: [{ name: 'code', value: 'forged' }] },
      }),
    });
    expect(response.status).toBe(401);
    expect(current.events).toEqual([]);
  });
});

describe('a failing handler', () => {
  it('is answered 500 and logged through the Logger with the token redacted, as on the other channels', async () => {
    const emulator = new DiscordEmulator({ gateway: false });
    await emulator.start();
    const credentials = emulator.credentials();
    const lines: [LogLevel, string, unknown][] = [];
    const channel = createDiscordChannel({
      token: credentials.botToken,
      applicationId: credentials.applicationId,
      publicKey: credentials.publicKey,
      api: credentials.api,
      logger: { log: (level, message, fields) => void lines.push([level, message, fields]) },
    });
    const answered: number[] = [];
    const endpoint = await serve(async (request) => {
      const response = await channel.handleWebhook(request, () => {
        throw new Error(`the store is down (Bot ${credentials.botToken})`);
      });
      answered.push(response.status);
      return response;
    });
    try {
      await emulator.setInteractionsUrl(`${endpoint.url}/interactions`);
      await channel.registerCommands();
      const user = emulator.users.create({ username: 'Linus' });
      await user.runCommand('link', { code: 'tok_500' }).catch(() => undefined);
      // Saving the URL costs a PING (200) and a forged check (401); the command comes last.
      expect(answered.at(-1)).toBe(500);
      expect(lines).toEqual([
        [
          'error',
          expect.stringContaining('handler failed'),
          expect.objectContaining({ reason: expect.stringContaining('the store is down') }),
        ],
      ]);
      expect(JSON.stringify(lines)).not.toContain(credentials.botToken);
    } finally {
      await endpoint.close();
      await emulator.stop();
    }
  });
});
