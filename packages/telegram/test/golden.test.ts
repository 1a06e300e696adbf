import { readFileSync } from 'node:fs';
import type { Message } from '@ferry/core';
import { CONTRACT_MESSAGES, whatsappFixturesDir } from '@ferry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../src/index.js';
import { startWorld, type TelegramWorld } from './helpers.js';

const token = '123456789:AAHferry_golden_token_000000000000';
const html = createTelegramChannel({ token });
const markdown = createTelegramChannel({ token, parseMode: 'MarkdownV2' });

function contract(label: string): Message {
  const message = CONTRACT_MESSAGES[label];
  if (message === undefined) throw new Error(`No contract message "${label}"`);
  return message;
}

const fixtures = whatsappFixturesDir('meta-examples');
function fixture(
  name: string,
): { interactive?: Record<string, never>; contacts?: unknown[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(`${fixtures}/cloud-api__messages__${name}.request.json`, 'utf8'));
}

/** Meta's published WhatsApp examples as neutral messages (the fields the model holds). */
function fixtureMessages(): Record<string, Message> {
  const button = fixture('send-reply-button') as unknown as {
    interactive: { body: { text: string }; action: { buttons: { reply: { id: string; title: string } }[] } };
  };
  const list = fixture('send-list-message') as unknown as {
    interactive: {
      header: { text: string };
      body: { text: string };
      footer: { text: string };
      action: {
        button: string;
        sections: { title: string; rows: { id: string; title: string; description: string }[] }[];
      };
    };
  };
  const contact = fixture('send-contact-message') as unknown as {
    contacts: {
      name: { formatted_name: string; first_name: string; last_name: string };
      phones: { phone: string; type: string }[];
      emails: { email: string; type: string }[];
      urls: { url: string; type: string }[];
      org: { company: string; title: string };
    }[];
  };
  const card = contact.contacts[0];
  if (card === undefined) throw new Error('The contact fixture has no card');
  return {
    'reply button fixture': {
      text: button.interactive.body.text,
      buttons: button.interactive.action.buttons.map(({ reply }) => ({ kind: 'reply', ...reply })),
    },
    'list fixture': {
      header: { type: 'text', text: list.interactive.header.text },
      text: list.interactive.body.text,
      footer: list.interactive.footer.text,
      menu: { label: list.interactive.action.button, sections: list.interactive.action.sections },
    },
    'contact fixture': {
      contacts: [
        {
          name: {
            formatted: card.name.formatted_name,
            first: card.name.first_name,
            last: card.name.last_name,
          },
          phones: card.phones,
          emails: card.emails,
          urls: card.urls,
          organization: card.org,
        },
      ],
    },
  };
}

describe('golden requests: the exact Bot API bodies for each message', () => {
  it('plain text and WhatsApp markup become HTML by default and MarkdownV2 on request', () => {
    expect(html.render(contract('plain text')).payloads).toEqual([
      { method: 'sendMessage', body: { text: 'Hello there', parse_mode: 'HTML' } },
    ]);
    expect(html.render(contract('whatsapp markup')).payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: 'Hello <b>there</b>, <i>this</i> is <s>old</s> <code>code</code>. Prices: 1.5 (approx) - [see] #1!',
          parse_mode: 'HTML',
        },
      },
    ]);
    expect(markdown.render(contract('whatsapp markup')).payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: 'Hello *there*, _this_ is ~old~ `code`\\. Prices: 1\\.5 \\(approx\\) \\- \\[see\\] \\#1\\!',
          parse_mode: 'MarkdownV2',
        },
      },
    ]);
  });

  it('folds header and footer into the text, with notes', () => {
    const rendered = html.render(contract('header and footer'));
    expect(rendered.payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: '<b>We moved</b>\nTap below to continue.\n\n<i>Reply STOP to opt out</i>',
          parse_mode: 'HTML',
        },
      },
    ]);
    expect(rendered.notes.map((note) => note.path)).toEqual(['header', 'footer']);
  });

  it('puts reply buttons on an inline keyboard with their ids as callback data', () => {
    expect(html.render(contract('reply buttons')).payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: 'Where do you want to continue?',
          parse_mode: 'HTML',
          reply_markup: {
            inline_keyboard: [
              [
                { text: 'Telegram', callback_data: 'go-telegram' },
                { text: 'Slack', callback_data: 'go-slack' },
                { text: 'Discord', callback_data: 'go-discord' },
              ],
            ],
          },
        },
      },
    ]);
  });

  it('shortens ids over 64 bytes, 8 buttons a row, and restores them from the channel’s table', () => {
    const rendered = html.render(contract('many buttons with long ids'));
    const body = rendered.payloads[0]?.body as {
      reply_markup: { inline_keyboard: { callback_data: string }[][] };
    };
    const rows = body.reply_markup.inline_keyboard;
    expect(rows.map((row) => row.length)).toEqual([8, 6]);
    for (const button of rows.flat()) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    expect(rows[0]?.[0]?.callback_data).toBe('~dOW302b2QXDpKnIx');
  });

  it('keeps URL buttons and shows a phone button as a tel: link in the text', () => {
    const rendered = html.render(contract('url and phone buttons'));
    expect(rendered.payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: 'Open your personal link\n\nCall us: <a href="tel:+15550100000">+15550100000</a>',
          parse_mode: 'HTML',
          reply_markup: {
            inline_keyboard: [[{ text: 'Continue', url: 'https://example.com/move?token=abc' }]],
          },
        },
      },
    ]);
    expect(rendered.notes).toEqual([
      {
        severity: 'degraded',
        path: 'buttons[1]',
        reason: 'telegram has no call buttons: the number is shown in the text.',
      },
    ]);
  });

  it('sends media with a formatted caption, and caption overflow as a following message', () => {
    expect(html.render(contract('image')).payloads).toEqual([
      {
        method: 'sendPhoto',
        body: { photo: 'https://example.com/cat.png', caption: 'A <b>cat</b>', parse_mode: 'HTML' },
      },
    ]);
    const long = html.render(contract('document with long caption'));
    expect(long.payloads.map((payload) => payload.method)).toEqual(['sendDocument', 'sendMessage']);
    const caption = long.payloads[0]?.body.caption as string;
    expect(caption.length).toBeLessThanOrEqual(1024);
    const rest = long.payloads[1]?.body.text as string;
    expect(`${caption} ${rest}`.replace(/\s+/g, ' ')).toBe(
      'Ferry carries your assistant to its new home. '.repeat(60).trim(),
    );
  });

  it('sends a location (its name and address as text first) and a contact card', () => {
    expect(html.render(contract('location')).payloads).toEqual([
      { method: 'sendMessage', body: { text: 'Rome office\nVia Roma 1' } },
      { method: 'sendLocation', body: { latitude: 41.9028, longitude: 12.4964 } },
    ]);
    expect(html.render(contract('contact')).payloads).toEqual([
      { method: 'sendContact', body: { phone_number: '+15550100000', first_name: 'Ferry' } },
    ]);
  });

  it('opens a form with a button whose callback data names the form', () => {
    const rendered = html.render(contract('form button'));
    expect(rendered.payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: 'Tell us where to reach you',
          parse_mode: 'HTML',
          reply_markup: { inline_keyboard: [[{ text: 'Open form', callback_data: '~f:signup' }]] },
        },
      },
    ]);
    expect(rendered.notes.map((note) => note.path)).toEqual([
      'form.screens[0].blocks[1]',
      'form.screens[0].blocks[2]',
    ]);
  });

  it('renders Meta’s reply-button, list and contact examples, escaping their placeholders', () => {
    const messages = fixtureMessages();
    expect(html.render(messages['reply button fixture'] as Message).payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: '&lt;BUTTON_TEXT&gt;',
          parse_mode: 'HTML',
          reply_markup: {
            inline_keyboard: [
              [
                { text: '<BUTTON_TITLE_1>', callback_data: '<UNIQUE_BUTTON_ID_1>' },
                { text: '<BUTTON_TITLE_2>', callback_data: '<UNIQUE_BUTTON_ID_2>' },
              ],
            ],
          },
        },
      },
    ]);
    const list = html.render(messages['list fixture'] as Message);
    expect(list.payloads).toEqual([
      {
        method: 'sendMessage',
        body: {
          text: [
            // fit folds the header in as the first line of the body, so a split never sends it alone.
            '<b>&lt;HEADER_TEXT&gt;</b>\n&lt;BODY_TEXT&gt;',
            '<b>&lt;LIST_SECTION_1_TITLE&gt;</b>',
            '• <b>&lt;SECTION_1_ROW_1_TITLE&gt;</b> — &lt;SECTION_1_ROW_1_DESC&gt;\n• <b>&lt;SECTION_1_ROW_2_TITLE&gt;</b> — &lt;SECTION_1_ROW_2_DESC&gt;',
            '<b>&lt;LIST_SECTION_2_TITLE&gt;</b>',
            '• <b>&lt;SECTION_2_ROW_1_TITLE&gt;</b> — &lt;SECTION_2_ROW_1_DESC&gt;\n• <b>&lt;SECTION_2_ROW_2_TITLE&gt;</b> — &lt;SECTION_2_ROW_2_DESC&gt;',
            '<i>&lt;FOOTER_TEXT&gt;</i>',
          ].join('\n\n'),
          parse_mode: 'HTML',
          reply_markup: {
            inline_keyboard: [
              [
                { text: '<SECTION_1_ROW_1_TITLE>', callback_data: '<LIST_SECTION_1_ROW_1_ID>' },
                { text: '<SECTION_1_ROW_2_TITLE>', callback_data: '<LIST_SECTION_1_ROW_2_ID>' },
                { text: '<SECTION_2_ROW_1_TITLE>', callback_data: '<LIST_SECTION_2_ROW_1_ID>' },
                { text: '<SECTION_2_ROW_2_TITLE>', callback_data: '<LIST_SECTION_2_ROW_2_ID>' },
              ],
            ],
          },
        },
      },
    ]);
    expect(list.notes.map((note) => note.path)).toEqual(['menu', 'header', 'footer']);
    expect(html.render(messages['contact fixture'] as Message).payloads).toEqual([
      {
        method: 'sendContact',
        body: {
          phone_number: '<CONTACT_PHONE>',
          first_name: '<CONTACT_FIRST_NAME>',
          last_name: '<CONTACT_LAST_NAME>',
          vcard: [
            'BEGIN:VCARD',
            'VERSION:3.0',
            'FN:<CONTACT_FORMATTED_NAME>',
            'N:<CONTACT_LAST_NAME>;<CONTACT_FIRST_NAME>;;;',
            'TEL;TYPE=<HOME|WORK>:<CONTACT_PHONE>',
            'EMAIL;TYPE=<WORK|HOME>:<CONTACT_EMAIL>',
            'URL;TYPE=<HOME|WORK>:<CONTACT_URL>',
            'ORG:<CONTACT_ORG_COMPANY>',
            'TITLE:<CONTACT_ORG_TITLE>',
            'END:VCARD',
          ].join('\n'),
        },
      },
    ]);
  });
});

describe('golden requests on the wire', () => {
  let world: TelegramWorld;
  let channel: TelegramChannel;
  beforeAll(async () => {
    world = await startWorld();
    channel = world.channel();
  });
  afterAll(async () => {
    await world.emulator.stop();
  });

  it('sends exactly the rendered body plus the chat id', async () => {
    const user = world.emulator.users.create({ firstName: 'Wire', started: true });
    const message = contract('reply buttons');
    const outcome = await channel.send(String(user.id), message);
    expect(outcome.status).toBe('sent');
    const [entry] = world.emulator.ledger.forRecipient(String(user.id));
    expect(entry?.payload).toEqual({ chat_id: user.id, ...channel.render(message).payloads[0]?.body });
  });

  it('adds allow_paid_broadcast only when paid broadcast is configured', async () => {
    const paid = world.channel({ pacing: { paidBroadcast: true } });
    const user = world.emulator.users.create({ firstName: 'Paid', started: true });
    await paid.send(String(user.id), { text: 'news' });
    const [entry] = world.emulator.ledger.forRecipient(String(user.id));
    expect(entry?.payload).toEqual({
      chat_id: user.id,
      text: 'news',
      parse_mode: 'HTML',
      allow_paid_broadcast: true,
    });
  });
});
