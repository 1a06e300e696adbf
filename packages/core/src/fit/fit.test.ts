import { describe, expect, it } from 'vitest';
import {
  DISCORD_CAPABILITIES as DISCORD,
  SLACK_CAPABILITIES as SLACK,
  TELEGRAM_CAPABILITIES as TELEGRAM,
  WHATSAPP_CAPABILITIES as WHATSAPP,
} from '../capabilities/index.js';
import { renderMarkup, toPlainText, toRichText } from '../markup/index.js';
import type { Button, Message, RichText } from '../model/index.js';
import { buttonRows, fit as fitFor, ShortIdTable } from './index.js';

const plain = (text: Message['text']) => (text === undefined ? '' : toPlainText(toRichText(text)));
const replies = (count: number, prefix = 'choice'): Button[] =>
  Array.from({ length: count }, (_, index) => ({
    kind: 'reply',
    id: `${prefix}-${index}`,
    title: `Choice ${index}`,
  }));
const rowCount = (message: Message) =>
  message.menu?.sections.reduce((sum, section) => sum + section.rows.length, 0) ?? 0;

describe('fit: text', () => {
  it('splits long text at paragraphs and converts it to the AST', () => {
    const paragraphs = ['a', 'b', 'c'].map((letter) => `${letter.repeat(3000)}`);
    const result = fitFor({ text: paragraphs.join('\n\n') }, TELEGRAM);
    expect(result.messages.map((message) => plain(message.text))).toEqual(paragraphs);
    expect(typeof result.messages[0]?.text).toBe('object');
    expect(result.notes).toEqual([
      {
        severity: 'info',
        path: 'text',
        reason: 'Text longer than 4096 characters for telegram: split into 3 messages.',
      },
    ]);
  });

  it('keeps bold text bold in every part of a split (Discord)', () => {
    const result = fitFor({ text: `*${'word '.repeat(1000)}end*` }, DISCORD);
    expect(result.messages.length).toBe(3);
    for (const message of result.messages) {
      const rendered = renderMarkup(message.text as RichText, 'discord-markdown');
      expect(rendered.length).toBeLessThanOrEqual(2000);
      expect(rendered.startsWith('**') && rendered.endsWith('**')).toBe(true);
    }
  });

  it('counts Telegram text after entity parsing: markup does not count', () => {
    const text = '*ab* '.repeat(800);
    expect(renderMarkup(toRichText(text), 'telegram-html').length).toBeGreaterThan(4096);
    expect(fitFor({ text }, TELEGRAM).messages).toHaveLength(1);
  });

  it('keeps a folded header with the start of a long text (Telegram)', () => {
    const result = fitFor({ header: { type: 'text', text: 'News' }, text: 'word '.repeat(1000) }, TELEGRAM);
    expect(result.messages).toHaveLength(2);
    expect(plain(result.messages[0]?.text).startsWith('News\nword word')).toBe(true);
  });

  it('hard-splits a word longer than a message as a last resort', () => {
    const result = fitFor({ text: 'x'.repeat(5000) }, DISCORD);
    expect(result.messages.map((message) => plain(message.text).length)).toEqual([2000, 2000, 1000]);
  });

  it('puts the header on the first part and the footer and buttons on the last (Slack)', () => {
    const message: Message = {
      header: { type: 'text', text: 'Sale' },
      text: `${'a'.repeat(2500)}\n\n${'b'.repeat(2500)}`,
      footer: 'Reply STOP to opt out',
      buttons: replies(2),
    };
    const result = fitFor(message, SLACK);
    const [first, last, ...rest] = result.messages;
    expect(rest).toEqual([]);
    expect(first?.header).toEqual({ type: 'text', text: 'Sale' });
    expect(first?.footer).toBeUndefined();
    expect(first?.buttons).toBeUndefined();
    expect(last?.buttons).toHaveLength(2);
    expect(last?.footer).toBe('Reply STOP to opt out');
    expect(plain(last?.text)).toBe('b'.repeat(2500));
    expect(result.notes.map((note) => note.path)).toEqual(['text']);
  });

  it('on WhatsApp folds header and footer into the text when the message has no buttons', () => {
    const result = fitFor({ header: { type: 'text', text: 'Hello' }, text: 'Body', footer: 'Bye' }, WHATSAPP);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.header).toBeUndefined();
    expect(plain(result.messages[0]?.text)).toBe('Hello\nBody\n\nBye');
    expect(result.notes.map((note) => note.path)).toEqual(['header', 'footer']);
  });

  it('holds the WhatsApp part that carries buttons to the 1024 interactive limit', () => {
    const result = fitFor({ text: 'word '.repeat(400), buttons: replies(2) }, WHATSAPP);
    expect(result.messages).toHaveLength(2);
    expect(renderMarkup(result.messages[1]?.text as RichText, 'whatsapp').length).toBeLessThanOrEqual(1024);
    expect(result.messages[1]?.buttons).toHaveLength(2);
  });

  it('adds placeholder text where buttons need text (Telegram) but not where they do not (Slack)', () => {
    expect(fitFor({ buttons: replies(1) }, TELEGRAM).messages[0]?.text).toEqual(toRichText('…'));
    expect(fitFor({ buttons: replies(1) }, SLACK).messages[0]?.text).toBeUndefined();
    expect(fitFor({}, SLACK).messages).toEqual([]);
  });
});

describe('fit: buttons', () => {
  it('spreads buttons over rows of the target', () => {
    const result = fitFor({ text: 'Pick', buttons: replies(20) }, TELEGRAM);
    expect(result.messages[0]?.buttons).toHaveLength(20);
    expect(buttonRows(20, TELEGRAM)).toEqual([8, 8, 4]);
    expect(result.notes).toContainEqual({
      severity: 'info',
      path: 'buttons',
      reason: 'Buttons spread over 3 rows of at most 8.',
    });
  });

  it('turns more than 3 WhatsApp reply buttons into a list, paginated past 10 rows', () => {
    const four = fitFor({ text: 'Pick', buttons: replies(4) }, WHATSAPP);
    expect(four.messages).toHaveLength(1);
    expect(four.messages[0]?.buttons).toBeUndefined();
    expect(four.messages[0]?.menu).toEqual({
      label: 'Options',
      sections: [
        { rows: replies(4).map((button) => ({ id: (button as { id: string }).id, title: button.title })) },
      ],
    });
    const fifteen = fitFor({ text: 'Pick', buttons: replies(15) }, WHATSAPP);
    expect(fifteen.messages.map(rowCount)).toEqual([10, 5]);
    expect(plain(fifteen.messages[1]?.text)).toBe('(2/2)');
  });

  it('continues buttons on further messages where the target has no menu (Telegram)', () => {
    const result = fitFor({ text: 'Pick', buttons: replies(150) }, TELEGRAM);
    expect(result.messages.map((message) => message.buttons?.length)).toEqual([100, 50]);
    expect(plain(result.messages[1]?.text)).toBe('(2/2)');
  });

  it('gives a Discord select one of the five rows', () => {
    const message: Message = {
      text: 'Pick',
      buttons: [...replies(24), { kind: 'url', title: 'Site', url: 'https://example.com' }],
      menu: { label: 'More', sections: [{ rows: [{ id: 'm1', title: 'M1' }] }] },
    };
    const result = fitFor(message, DISCORD);
    expect(result.messages.map((item) => [item.buttons?.length ?? 0, rowCount(item)])).toEqual([
      [20, 1],
      [5, 0],
    ]);
  });

  it('shortens ids over the byte limit through the table and restores them', () => {
    const ids = new ShortIdTable();
    const long = `order:${'é'.repeat(40)}`; // 86 bytes, 46 characters
    const result = fitFor({ text: 'Pick', buttons: [{ kind: 'reply', id: long, title: 'Yes' }] }, TELEGRAM, {
      ids,
    });
    const button = result.messages[0]?.buttons?.[0];
    const shortId = button?.kind === 'reply' ? button.id : '';
    expect(Buffer.byteLength(shortId)).toBeLessThanOrEqual(64);
    expect(ids.restore(shortId)).toBe(long);
    expect(result.notes[0]?.path).toBe('buttons[0].id');
  });

  it('makes duplicate ids distinct but restorable', () => {
    const ids = new ShortIdTable();
    const buttons: Button[] = [
      { kind: 'reply', id: 'same', title: 'A' },
      { kind: 'reply', id: 'same', title: 'B' },
    ];
    const fitted = fitFor({ text: 'Pick', buttons }, DISCORD, { ids }).messages[0]?.buttons ?? [];
    const fittedIds = fitted.map((button) => (button.kind === 'reply' ? button.id : ''));
    expect(fittedIds[0]).toBe('same');
    expect(fittedIds[1]).not.toBe('same');
    expect(fittedIds.map((id) => ids.restore(id))).toEqual(['same', 'same']);
  });

  it('truncates labels with an ellipsis and keeps WhatsApp labels unique', () => {
    const result = fitFor(
      {
        text: 'Pick',
        buttons: [
          { kind: 'reply', id: 'a', title: 'Confirm my appointment now' },
          { kind: 'reply', id: 'b', title: 'Yes' },
          { kind: 'reply', id: 'c', title: 'Yes' },
        ],
      },
      WHATSAPP,
    );
    expect(result.messages[0]?.buttons?.map((button) => button.title)).toEqual([
      'Confirm my appointm…',
      'Yes',
      'Yes 2',
    ]);
    expect(result.notes).toContainEqual({
      severity: 'degraded',
      path: 'buttons[0].title',
      reason:
        'Shortened to 20 characters for whatsapp: "Confirm my appointm…" (was "Confirm my appointment now").',
    });
  });

  it('shows URL, phone and copy-code buttons the target cannot show as text', () => {
    const result = fitFor(
      {
        text: 'Hi',
        buttons: [
          { kind: 'reply', id: 'ok', title: 'OK' },
          { kind: 'url', title: 'Visit', url: 'https://example.com' },
          { kind: 'phone', title: 'Call us', phone: '+1 555 0100' },
          { kind: 'copyCode', title: 'Your code', code: 'FALL25' },
        ],
      },
      WHATSAPP,
    );
    const [message] = result.messages;
    expect(message?.buttons).toEqual([{ kind: 'reply', id: 'ok', title: 'OK' }]);
    const text = plain(message?.text);
    expect(text).toContain('Call us: +1 555 0100');
    expect(text).toContain('Your code: FALL25');
    expect(text).toContain('Visit');
    expect(renderMarkup(message?.text as RichText, 'whatsapp')).toContain('https://example.com');
    expect(result.notes.filter((note) => note.severity === 'degraded').map((note) => note.path)).toEqual([
      'buttons[2]',
      'buttons[3]',
      'buttons[1]',
    ]);
  });
});

describe('fit: menus', () => {
  const menu = {
    label: 'Choose a plan',
    sections: [
      {
        title: 'Monthly',
        rows: Array.from({ length: 8 }, (_, index) => ({
          id: `m${index}`,
          title: `Month ${index}`,
          description: `€${index}`,
        })),
      },
      {
        title: 'Yearly',
        rows: Array.from({ length: 8 }, (_, index) => ({ id: `y${index}`, title: `Year ${index}` })),
      },
    ],
  };

  it('paginates a WhatsApp list past 10 rows in total', () => {
    const result = fitFor({ text: 'Plans', menu }, WHATSAPP);
    expect(result.messages.map(rowCount)).toEqual([10, 6]);
    expect(result.messages[0]?.menu?.sections.map((section) => section.title)).toEqual(['Monthly', 'Yearly']);
  });

  it('splits a Discord menu by section and moves section titles into the text', () => {
    const result = fitFor({ text: 'Plans', menu }, DISCORD);
    expect(result.messages.map(rowCount)).toEqual([8, 8]);
    expect(plain(result.messages[0]?.text)).toBe('Plans\n\nMonthly');
    expect(plain(result.messages[1]?.text)).toBe('Yearly');
  });

  it('shows a menu as reply buttons on Telegram, with descriptions in the text', () => {
    const result = fitFor({ text: 'Plans', menu }, TELEGRAM);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.buttons).toHaveLength(16);
    expect(plain(result.messages[0]?.text)).toContain('Month 3 — €3');
  });
});

describe('fit: media, location, contacts, reactions', () => {
  it('links media kinds the target cannot send', () => {
    const result = fitFor({ media: [{ kind: 'video', source: { url: 'https://v.example/a.mp4' } }] }, SLACK);
    expect(renderMarkup(result.messages[0]?.text as RichText, 'slack-mrkdwn')).toContain(
      'https://v.example/a.mp4',
    );
    expect(result.notes).toEqual([
      { severity: 'degraded', path: 'media[0]', reason: 'slack cannot send a video: sent as a link.' },
    ]);
  });

  it('notes a file with no URL as lost', () => {
    const result = fitFor({ media: [{ kind: 'sticker', source: { fileId: 'abc' } }] }, DISCORD);
    expect(result.notes[0]?.severity).toBe('lost');
  });

  it('cuts a long caption and sends the rest as text', () => {
    const caption = `${'a'.repeat(1000)}\n\n${'b'.repeat(1000)}`;
    const result = fitFor(
      { media: [{ kind: 'image', source: { url: 'https://i.example/x.png' }, caption }] },
      TELEGRAM,
    );
    expect(plain(result.messages[0]?.media?.[0]?.caption)).toBe('a'.repeat(1000));
    expect(plain(result.messages[1]?.text)).toBe('b'.repeat(1000));
  });

  it('makes one image and a short text one captioned message with its buttons (Telegram)', () => {
    const result = fitFor(
      {
        text: 'New shop!',
        media: [{ kind: 'image', source: { url: 'https://i.example/x.png' } }],
        buttons: replies(1),
      },
      TELEGRAM,
    );
    expect(result.messages).toHaveLength(1);
    expect(plain(result.messages[0]?.media?.[0]?.caption)).toBe('New shop!');
    expect(result.messages[0]?.buttons).toHaveLength(1);
  });

  it('keeps a WhatsApp image header on the message with buttons', () => {
    const header = {
      type: 'media' as const,
      media: { kind: 'image' as const, source: { url: 'https://i.example/h.png' } },
    };
    const result = fitFor({ header, text: 'Body', buttons: replies(2) }, WHATSAPP);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.header).toEqual(header);
  });

  it('writes locations and contacts out where they cannot be sent', () => {
    const result = fitFor(
      {
        location: { latitude: 52.5, longitude: 13.4, name: 'Office' },
        contacts: [{ name: { formatted: 'Ada Lovelace' }, phones: [{ phone: '+44 20 7946 0000' }] }],
      },
      SLACK,
    );
    expect(result.messages.map((message) => plain(message.text))).toEqual([
      'Office\n\n52.5, 13.4',
      'Ada Lovelace\n\n+44 20 7946 0000',
    ]);
    expect(JSON.stringify(result.messages[0]?.text)).toContain(
      '"url":"https://www.openstreetmap.org/?mlat=52.5&mlon=13.4',
    );
    expect(result.notes.map((note) => [note.severity, note.path])).toEqual([
      ['degraded', 'location'],
      ['degraded', 'contacts'],
    ]);
  });

  it('groups contact cards per the target (Telegram: one per message)', () => {
    const contacts = [{ name: { formatted: 'A' } }, { name: { formatted: 'B' } }];
    expect(fitFor({ contacts }, TELEGRAM).messages).toEqual([
      { contacts: [contacts[0]] },
      { contacts: [contacts[1]] },
    ]);
  });

  it('drops a reaction the target cannot show with a lost note', () => {
    const noReactions = { ...SLACK, reactions: false };
    const result = fitFor({ reaction: { messageId: 'm1', emoji: '👍' } }, noReactions);
    expect(result.messages).toEqual([]);
    expect(result.notes).toEqual([
      {
        severity: 'lost',
        path: 'reaction',
        reason: 'slack bots cannot react to a message: the reaction is dropped.',
      },
    ]);
    expect(fitFor({ reaction: { messageId: 'm1', emoji: '👍' } }, SLACK).messages).toEqual([
      { reaction: { messageId: 'm1', emoji: '👍' } },
    ]);
  });
});
