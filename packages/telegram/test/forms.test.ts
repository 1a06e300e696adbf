import type { Form, InboundEvent } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import type { telegram } from '@ferry/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramChannel } from '../src/index.js';
import { startWorld, type TelegramWorld, until } from './helpers.js';

let world: TelegramWorld;
let channel: TelegramChannel;
const events: InboundEvent[] = [];
const stopper = new AbortController();
let listening: Promise<void>;

beforeAll(async () => {
  // A conversation answers within a second; the emulator's per-chat limit is raised to match the pacing here.
  world = await startWorld({ limits: { perChatPerSecond: 100, perChatBurst: 100 } });
  channel = world.channel({ pacing: { perChatPerSecond: 100 } });
  listening = channel.listen((event) => void events.push(event), { signal: stopper.signal });
});
afterAll(async () => {
  stopper.abort();
  await listening;
  await world.emulator.stop();
});

/** The text of the bot's latest message to `user`. */
function lastText(user: telegram.SimulatedTelegramUser): string {
  return user.inbox().at(-1)?.text ?? '';
}

/** Does `act` and waits for the bot's next message. */
async function answer(user: telegram.SimulatedTelegramUser, act: () => void): Promise<string> {
  const before = user.inbox().length;
  act();
  await until(() => user.inbox().length > before);
  return lastText(user);
}

/** Presses the button labelled `label` on the bot's latest message that has one. */
function press(user: telegram.SimulatedTelegramUser, label: string): void {
  const message = [...user.inbox()]
    .reverse()
    .find((candidate) =>
      candidate.reply_markup?.inline_keyboard.flat().some((button) => button.text === label),
    );
  const button = message?.reply_markup?.inline_keyboard
    .flat()
    .find((candidate) => candidate.text === label) as { callback_data: string } | undefined;
  if (message === undefined || button === undefined) throw new Error(`No button "${label}"`);
  user.pressButton(message.message_id, button.callback_data);
}

describe('forms as a step-by-step conversation', () => {
  it('asks one question a message, validates typed input, confirms, and answers in the nfm_reply shape', async () => {
    const dana = world.emulator.users.create({ firstName: 'Dana', started: true });
    const message = CONTRACT_MESSAGES['form button'];
    if (message === undefined) throw new Error('missing contract message');
    expect((await channel.send(String(dana.id), message)).status).toBe('sent');

    expect(await answer(dana, () => press(dana, 'Open form'))).toBe('Name');
    expect(await answer(dana, () => dana.sendText('  Dana Kowalski '))).toBe('E-mail');
    expect(await answer(dana, () => dana.sendText('not-an-email'))).toBe(
      'That does not look like a valid email.',
    );
    expect(await answer(dana, () => dana.sendText('dana@example.com'))).toBe('Birthday\n\nYYYY-MM-DD');
    expect(await answer(dana, () => dana.sendText('31.02.2001'))).toMatch(/valid date/);
    expect(await answer(dana, () => dana.sendText('03.02.2001'))).toBe('Preferred channel');
    const asked = world.emulator.ledger.forRecipient(String(dana.id)).at(-1);
    expect(asked?.method).toBe('sendMessage');
    expect(asked?.payload).toEqual({
      chat_id: dana.id,
      text: '<b>Preferred channel</b>',
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Telegram', callback_data: '~q:4:o0' }],
          [{ text: 'Slack', callback_data: '~q:4:o1' }],
          [{ text: 'Skip', callback_data: '~q:4:skip' }],
        ],
      },
    });
    // One message per question and per correction: no duplicates.
    expect(world.emulator.ledger.forRecipient(String(dana.id))).toHaveLength(7);
    expect(await answer(dana, () => press(dana, 'Slack'))).toBe('I agree to the terms');
    expect(await answer(dana, () => press(dana, 'No'))).toBe('This answer is required.');
    const summary = await answer(dana, () => press(dana, 'Yes'));
    expect(summary).toBe(
      [
        'Please check your answers:',
        '',
        '• Name: Dana Kowalski',
        '• E-mail: dana@example.com',
        '• Birthday: 2001-02-03',
        '• Preferred channel: Slack',
        '• I agree to the terms: Yes',
      ].join('\n'),
    );
    expect(events.filter((event) => event.type === 'form')).toEqual([]);
    press(dana, 'Confirm');
    await until(() => events.some((event) => event.type === 'form'));
    expect(events.find((event) => event.type === 'form')).toMatchObject({
      type: 'form',
      formId: 'signup',
      sender: { id: String(dana.id) },
      response: { flow_token: 'signup', name: 'Dana Kowalski', email: 'dana@example.com' },
    });
    // Answers typed during the form were not reported as ordinary text.
    expect(events.filter((event) => event.type === 'text')).toEqual([]);
  });

  it('follows screens, conditions and multiple choice, carrying data into the completed payload', async () => {
    const form: Form = {
      id: 'survey',
      screens: [
        {
          id: 'START',
          blocks: [
            { kind: 'heading', text: 'Quick survey' },
            {
              kind: 'field',
              name: 'topics',
              type: 'multipleChoice',
              label: 'What do you use?',
              required: true,
              options: [
                { id: 'news', title: 'News' },
                { id: 'offers', title: 'Offers' },
                { id: 'support', title: 'Support' },
              ],
            },
            { kind: 'field', name: 'contact', type: 'optIn', label: 'May we contact you?' },
            {
              kind: 'if',
              condition: '${form.contact}',
              // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
              then: [{ kind: 'field', name: 'phone', type: 'phone', label: 'Your phone', required: true }],
            },
          ],
          submit: {
            label: 'Next',
            action: { type: 'navigate', screen: 'END', payload: { picked: '${form.topics}' } },
          },
        },
        {
          id: 'END',
          terminal: true,
          blocks: [
            { kind: 'field', name: 'age', type: 'number', label: 'Age', min: 18, max: 120, required: true },
          ],
          submit: {
            label: 'Done',
            action: {
              type: 'complete',
              payload: { topics: '${data.picked}', phone: '${form.phone}', note: 'age ${form.age}' },
            },
          },
        },
      ],
    };
    const eve = world.emulator.users.create({ firstName: 'Eve', started: true });
    const sent = await channel.send(String(eve.id), {
      text: 'Tell us more',
      form,
      meta: { flow_token: 'tok-42' },
    });
    expect(sent.status).toBe('sent');
    expect(await answer(eve, () => press(eve, 'Open form'))).toBe('Quick survey\n\nWhat do you use?');
    press(eve, 'News');
    await until(() => eve.inbox().at(-1)?.reply_markup?.inline_keyboard.flat()[0]?.text === '✅ News');
    press(eve, 'Support');
    await until(() => eve.inbox().at(-1)?.reply_markup?.inline_keyboard.flat()[2]?.text === '✅ Support');
    expect(await answer(eve, () => press(eve, 'Done'))).toBe('May we contact you?');
    expect(await answer(eve, () => press(eve, 'Yes'))).toBe('Your phone');
    expect(await answer(eve, () => eve.sendText('+49 (170) 123-4567'))).toBe('Age');
    expect(await answer(eve, () => eve.sendText('12'))).toBe('Please give a value from 18 to 120.');
    expect(await answer(eve, () => eve.sendText('33'))).toMatch(/^Please check your answers:/);
    press(eve, 'Confirm');
    await until(() => events.some((event) => event.type === 'form' && event.formId === 'survey'));
    expect(events.find((event) => event.type === 'form' && event.formId === 'survey')).toMatchObject({
      response: { flow_token: 'tok-42', topics: ['news', 'support'], phone: '+491701234567', note: 'age 33' },
    });
  });

  it('starts over or cancels from the summary, and /stop ends a form', async () => {
    const form: Form = {
      id: 'one',
      screens: [
        {
          id: 'ONLY',
          blocks: [{ kind: 'field', name: 'word', type: 'shortText', label: 'A word', required: true }],
          submit: { label: 'Send', action: { type: 'complete', payload: { word: '${form.word}' } } },
        },
      ],
    };
    const finn = world.emulator.users.create({ firstName: 'Finn', started: true });
    await channel.send(String(finn.id), { text: 'One question', form });
    expect(await answer(finn, () => press(finn, 'Open form'))).toBe('A word');
    expect(await answer(finn, () => finn.sendText('first'))).toMatch(/A word: first/);
    expect(await answer(finn, () => press(finn, 'Start over'))).toBe('A word');
    expect(await answer(finn, () => finn.sendText('second'))).toMatch(/A word: second/);
    expect(await answer(finn, () => press(finn, 'Cancel'))).toBe('Form cancelled.');
    const before = events.length;
    finn.sendText('just chatting');
    await until(() => events.length > before);
    expect(events.at(-1)).toMatchObject({ type: 'text', text: 'just chatting' });

    await channel.send(String(finn.id), { text: 'Again', form });
    expect(await answer(finn, () => press(finn, 'Open form'))).toBe('A word');
    finn.stop();
    await until(() => events.at(-1)?.type === 'stop');
    finn.sendText('after stop');
    await until(() => events.at(-1)?.type === 'text');
    expect(events.filter((event) => event.type === 'form' && event.formId === 'one')).toEqual([]);
  });
});
