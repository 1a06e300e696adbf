import type { Message } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import { describe, expect, it } from 'vitest';
import { createSlackChannel } from '../src/index.js';
import { fixtureMessages } from './fixtures.js';

const channel = () => createSlackChannel({ token: 'xoxb-golden', signingSecret: 'golden-secret' });
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const post = (text: string, blocks: unknown[]) => ({ method: 'chat.postMessage', body: { text, blocks } });

function contract(label: string): Message {
  const message = CONTRACT_MESSAGES[label];
  if (message === undefined) throw new Error(`No contract message "${label}"`);
  return message;
}

describe('golden chat.postMessage bodies for the contract messages', () => {
  it('plain text is one mrkdwn section with the same text as the notification fallback', () => {
    expect(channel().render(contract('plain text'))).toEqual({
      payloads: [post('Hello there', [section('Hello there')])],
      notes: [],
    });
  });

  it('WhatsApp markup becomes mrkdwn (bold, italic, strike and code keep their markers)', () => {
    const text = 'Hello *there*, _this_ is ~old~ `code`. Prices: 1.5 (approx) - [see] #1!';
    expect(channel().render(contract('whatsapp markup')).payloads).toEqual([post(text, [section(text)])]);
  });

  it('header and footer become a header block and a context block', () => {
    expect(channel().render(contract('header and footer'))).toEqual({
      payloads: [
        post('We moved\nTap below to continue.', [
          { type: 'header', text: plain('We moved') },
          section('Tap below to continue.'),
          { type: 'context', elements: [plain('Reply STOP to opt out')] },
        ]),
      ],
      notes: [],
    });
  });

  it('reply buttons become one actions block whose action ids are the original ids', () => {
    const button = (id: string, title: string) => ({
      type: 'button',
      text: plain(title),
      action_id: id,
      value: id,
    });
    expect(channel().render(contract('reply buttons')).payloads).toEqual([
      post('Where do you want to continue?', [
        section('Where do you want to continue?'),
        {
          type: 'actions',
          elements: [
            button('go-telegram', 'Telegram'),
            button('go-slack', 'Slack'),
            button('go-discord', 'Discord'),
          ],
        },
      ]),
    ]);
  });

  it('a URL button keeps its URL; a phone button becomes a tel: link with a degraded note', () => {
    const text = 'Open your personal link\n\nCall us: <tel:+15550100000|+15550100000>';
    expect(channel().render(contract('url and phone buttons'))).toEqual({
      payloads: [
        post(text, [
          section(text),
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                text: plain('Continue'),
                action_id: 'ferry:url:0',
                url: 'https://example.com/move?token=abc',
              },
            ],
          },
        ]),
      ],
      notes: [
        {
          severity: 'degraded',
          path: 'buttons[1]',
          reason: 'slack has no call buttons: the number is shown in the text.',
        },
      ],
    });
  });

  it('an image by URL is an image block with its caption as a section below', () => {
    expect(channel().render(contract('image')).payloads).toEqual([
      post('A *cat*', [
        { type: 'image', image_url: 'https://example.com/cat.png', alt_text: 'A cat' },
        section('A *cat*'),
      ]),
    ]);
  });

  it('a form button is a primary button carrying the form id', () => {
    expect(channel().render(contract('form button')).payloads).toEqual([
      post('Tell us where to reach you', [
        section('Tell us where to reach you'),
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: plain('Open form'),
              action_id: 'ferry:form',
              value: 'signup',
              style: 'primary',
            },
          ],
        },
      ]),
    ]);
  });

  it('a menu with titled sections is a static_select with option groups', () => {
    const [payload] = channel().render(contract('menu')).payloads;
    const blocks = (payload?.body['blocks'] ?? []) as { elements?: unknown[] }[];
    const select = blocks[1]?.elements?.[0];
    expect(select).toEqual({
      type: 'static_select',
      action_id: 'ferry:menu',
      placeholder: plain('Plans'),
      option_groups: [
        {
          label: plain('Monthly'),
          options: Array.from({ length: 15 }, (_, index) => ({
            text: plain(`Monthly ${index}`),
            value: `m-${index}`,
            description: plain('Billed monthly'),
          })),
        },
        {
          label: plain('Yearly'),
          options: Array.from({ length: 15 }, (_, index) => ({
            text: plain(`Yearly ${index}`),
            value: `y-${index}`,
          })),
        },
      ],
    });
  });

  it('long text is split into sections of at most 3000 characters, with a note', () => {
    const rendered = channel().render(contract('long text'));
    expect(rendered.payloads.length).toBeGreaterThan(1);
    for (const payload of rendered.payloads) {
      const [block] = payload.body['blocks'] as { text: { text: string } }[];
      expect(block?.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(rendered.notes.map((note) => note.path)).toContain('text');
  });
});

describe('golden bodies for Meta fixture messages', () => {
  const fixtures = fixtureMessages();

  it('the reply-button fixture escapes < and > in mrkdwn but not in plain_text', () => {
    const button = (n: number) => ({
      type: 'button',
      text: plain(`<BUTTON_TITLE_${n}>`),
      action_id: `<UNIQUE_BUTTON_ID_${n}>`,
      value: `<UNIQUE_BUTTON_ID_${n}>`,
    });
    expect(channel().render(fixtures['reply button fixture'] ?? {}).payloads).toEqual([
      post('&lt;BUTTON_TEXT&gt;', [
        section('&lt;BUTTON_TEXT&gt;'),
        { type: 'actions', elements: [button(1), button(2)] },
      ]),
    ]);
  });

  it('the list fixture has header, section, footer context and a grouped select', () => {
    const option = (s: number, r: number) => ({
      text: plain(`<SECTION_${s}_ROW_${r}_TITLE>`),
      value: `<LIST_SECTION_${s}_ROW_${r}_ID>`,
      description: plain(`<SECTION_${s}_ROW_${r}_DESC>`),
    });
    expect(channel().render(fixtures['list fixture'] ?? {})).toEqual({
      payloads: [
        post('<HEADER_TEXT>\n&lt;BODY_TEXT&gt;', [
          { type: 'header', text: plain('<HEADER_TEXT>') },
          section('&lt;BODY_TEXT&gt;'),
          { type: 'context', elements: [plain('<FOOTER_TEXT>')] },
          {
            type: 'actions',
            elements: [
              {
                type: 'static_select',
                action_id: 'ferry:menu',
                placeholder: plain('<BUTTON_TEXT>'),
                option_groups: [
                  { label: plain('<LIST_SECTION_1_TITLE>'), options: [option(1, 1), option(1, 2)] },
                  { label: plain('<LIST_SECTION_2_TITLE>'), options: [option(2, 1), option(2, 2)] },
                ],
              },
            ],
          },
        ]),
      ],
      notes: [],
    });
  });

  it('the text-with-link fixture turns the bare URL into a Slack link', () => {
    const text = 'Please visit <https://youtu.be/hpltvTEiRrY> to inspire your day!';
    expect(channel().render(fixtures['text with link fixture'] ?? {}).payloads).toEqual([
      post(text, [section(text)]),
    ]);
  });

  it('the image-by-URL fixture is one image block', () => {
    expect(channel().render(fixtures['image by url fixture'] ?? {}).payloads).toEqual([
      post('image', [{ type: 'image', image_url: 'http(s)://image-url', alt_text: 'image' }]),
    ]);
  });
});

describe('limits beyond one message', () => {
  it('a menu of 250 rows becomes selects of at most 100 options over 3 messages', () => {
    const rows = Array.from({ length: 250 }, (_, index) => ({ id: `row-${index}`, title: `Row ${index}` }));
    const rendered = channel().render({ text: 'Pick one', menu: { label: 'Rows', sections: [{ rows }] } });
    const counts = rendered.payloads.map((payload) => {
      const blocks = payload.body['blocks'] as { type: string; elements?: { options?: unknown[] }[] }[];
      return blocks.find((block) => block.type === 'actions')?.elements?.[0]?.options?.length;
    });
    expect(counts).toEqual([100, 100, 50]);
  });

  it('30 reply buttons (more than an actions block holds) become one select of 30 options', () => {
    const buttons = Array.from({ length: 30 }, (_, index) => ({
      kind: 'reply' as const,
      id: `b${index}`,
      title: `B ${index}`,
    }));
    const rendered = channel().render({ text: 'Many', buttons });
    const counts = rendered.payloads.map((payload) => {
      const blocks = payload.body['blocks'] as {
        type: string;
        elements?: { type: string; options?: unknown[] }[];
      }[];
      const element = blocks.find((block) => block.type === 'actions')?.elements?.[0];
      return [element?.type, element?.options?.length];
    });
    expect(counts).toEqual([['static_select', 30]]);
    expect(rendered.notes.length).toBeGreaterThan(0);
  });

  it('a header over 150 characters and a button label over 75 are cut, with notes', () => {
    const rendered = channel().render({
      header: { type: 'text', text: 'H'.repeat(200) },
      text: 'Body',
      buttons: [{ kind: 'reply', id: 'x', title: 'L'.repeat(90) }],
    });
    const blocks = rendered.payloads[0]?.body['blocks'] as {
      type: string;
      text?: { text: string };
      elements?: { text: { text: string } }[];
    }[];
    expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
    expect(
      blocks.find((block) => block.type === 'actions')?.elements?.[0]?.text.text.length,
    ).toBeLessThanOrEqual(75);
    expect(rendered.notes.map((note) => note.path)).toEqual(
      expect.arrayContaining(['header', 'buttons[0].title']),
    );
  });
});
