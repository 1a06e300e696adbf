import { readFileSync } from 'node:fs';
import type { Message } from '@ferry/core';
import { CONTRACT_MESSAGES, whatsappFixturesDir } from '@ferry/core/testing';
import { describe, expect, it } from 'vitest';
import { createDiscordChannel } from '../src/index.js';

const FIXTURES = whatsappFixturesDir('meta-examples');
const ROUTE = 'POST /channels/{channel.id}/messages';
const NO_MENTIONS = { parse: [] };

function channel() {
  return createDiscordChannel({
    token: 'golden-test-token',
    applicationId: '1100000000000000001',
    publicKey: 'a'.repeat(64),
    api: 'http://127.0.0.1:9/api',
  });
}

function contract(label: string): Message {
  const message = CONTRACT_MESSAGES[label];
  if (message === undefined) throw new Error(`no contract message ${label}`);
  return message;
}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${FIXTURES}/${name}.request.json`, 'utf8')) as Record<string, unknown>;
}

interface WhatsAppInteractive {
  type: string;
  header?: { type: string; text: string };
  body: { text: string };
  footer?: { text: string };
  action: {
    button?: string;
    buttons?: { reply: { id: string; title: string } }[];
    sections?: { title: string; rows: { id: string; title: string; description?: string }[] }[];
  };
}

/** The neutral message a WhatsApp interactive fixture stands for (a test-side reader, field by field). */
function fromWhatsApp(body: Record<string, unknown>): Message {
  const interactive = body.interactive as WhatsAppInteractive;
  const base: Message = {
    text: interactive.body.text,
    ...(interactive.header === undefined ? {} : { header: { type: 'text', text: interactive.header.text } }),
    ...(interactive.footer === undefined ? {} : { footer: interactive.footer.text }),
  };
  if (interactive.type === 'button') {
    return {
      ...base,
      buttons: (interactive.action.buttons ?? []).map((button) => ({ kind: 'reply', ...button.reply })),
    };
  }
  return {
    ...base,
    menu: { label: interactive.action.button ?? '', sections: interactive.action.sections ?? [] },
  };
}

describe('golden requests for core contract messages', () => {
  it('plain text is Discord content with mentions disabled', () => {
    expect(channel().render(contract('plain text'))).toEqual({
      payloads: [{ method: ROUTE, body: { content: 'Hello there', allowed_mentions: NO_MENTIONS } }],
      notes: [],
    });
  });

  it('WhatsApp markup becomes Discord markdown, with markdown characters escaped', () => {
    expect(channel().render(contract('whatsapp markup')).payloads).toEqual([
      {
        method: ROUTE,
        body: {
          content: 'Hello **there**, *this* is ~~old~~ `code`. Prices: 1.5 (approx) - \\[see\\] #1!',
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('header and footer frame the text in an embed', () => {
    expect(channel().render(contract('header and footer'))).toEqual({
      payloads: [
        {
          method: ROUTE,
          body: {
            embeds: [
              {
                title: 'We moved',
                description: 'Tap below to continue.',
                footer: { text: 'Reply STOP to opt out' },
              },
            ],
            allowed_mentions: NO_MENTIONS,
          },
        },
      ],
      notes: [],
    });
  });

  it('reply buttons are primary buttons in one action row, ids kept', () => {
    expect(channel().render(contract('reply buttons')).payloads).toEqual([
      {
        method: ROUTE,
        body: {
          content: 'Where do you want to continue?',
          components: [
            {
              type: 1,
              components: [
                { type: 2, style: 1, label: 'Telegram', custom_id: 'go-telegram' },
                { type: 2, style: 1, label: 'Slack', custom_id: 'go-slack' },
                { type: 2, style: 1, label: 'Discord', custom_id: 'go-discord' },
              ],
            },
          ],
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('14 buttons with 126-character ids: rows of 5, 5 and 4, ids shortened to fit custom_id', () => {
    const { payloads } = channel().render(contract('many buttons with long ids'));
    expect(payloads).toHaveLength(1);
    const rows = payloads[0]?.body.components as { components: { custom_id: string; label: string }[] }[];
    expect(rows.map((row) => row.components.length)).toEqual([5, 5, 4]);
    const buttons = rows.flatMap((row) => row.components);
    expect(buttons[0]).toEqual({
      type: 2,
      style: 1,
      label: 'Topic number 1 with a rather long label',
      custom_id: expect.stringMatching(/^~[A-Za-z0-9_-]{16}$/),
    });
    expect(new Set(buttons.map((button) => button.custom_id)).size).toBe(14);
  });

  it('a URL button is a link button; a phone button moves into the text with a fidelity note', () => {
    expect(channel().render(contract('url and phone buttons'))).toEqual({
      payloads: [
        {
          method: ROUTE,
          body: {
            content: 'Open your personal link\n\nCall us: [+15550100000](tel:+15550100000)',
            components: [
              {
                type: 1,
                components: [
                  { type: 2, style: 5, label: 'Continue', url: 'https://example.com/move?token=abc' },
                ],
              },
            ],
            allowed_mentions: NO_MENTIONS,
          },
        },
      ],
      notes: [
        {
          severity: 'degraded',
          path: 'buttons[1]',
          reason: 'discord has no call buttons: the number is shown in the text.',
        },
      ],
    });
  });

  it('a two-section menu becomes one string select per section, the section title in the text', () => {
    const { payloads } = channel().render(contract('menu'));
    expect(payloads).toHaveLength(2);
    const monthly = Array.from({ length: 15 }, (_, index) => ({
      label: `Monthly ${index}`,
      value: `m-${index}`,
      description: 'Billed monthly',
    }));
    expect(payloads[0]).toEqual({
      method: ROUTE,
      body: {
        content: 'Choose a plan\n\n**Monthly**',
        components: [
          {
            type: 1,
            components: [
              {
                type: 3,
                custom_id: 'ferry:menu',
                placeholder: 'Plans',
                min_values: 1,
                max_values: 1,
                options: monthly,
              },
            ],
          },
        ],
        allowed_mentions: NO_MENTIONS,
      },
    });
    const second = payloads[1]?.body.components as { components: { options: { value: string }[] }[] }[];
    expect(second[0]?.components[0]?.options.map((option) => option.value)).toEqual(
      Array.from({ length: 15 }, (_, index) => `y-${index}`),
    );
  });

  it('an image by URL is an embed image with the caption as content', () => {
    expect(channel().render(contract('image')).payloads).toEqual([
      {
        method: ROUTE,
        body: {
          content: 'A **cat**',
          embeds: [{ image: { url: 'https://example.com/cat.png' } }],
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('a document by URL is a linked embed titled with its file name, noted', () => {
    const rendered = channel().render(contract('document with long caption'));
    expect(rendered.payloads[0]?.body.embeds).toEqual([
      { title: 'terms.pdf', url: 'https://example.com/terms.pdf' },
    ]);
    expect(rendered.notes).toContainEqual({
      severity: 'info',
      path: 'media[0]',
      reason: 'Discord shows this document as a linked embed, previewed from its URL.',
    });
  });

  it('a form button opens the form: its custom_id names the form and view 0', () => {
    const { payloads } = channel().render(contract('form button'));
    expect(payloads).toEqual([
      {
        method: ROUTE,
        body: {
          content: 'Tell us where to reach you',
          components: [
            {
              type: 1,
              components: [
                {
                  type: 2,
                  style: 1,
                  label: 'Open form',
                  custom_id: expect.stringMatching(/^ferry:form:[\w-]{12}:0$/),
                },
              ],
            },
          ],
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('every contract message stays within Discord limits: content ≤2000, ≤5 rows, ≤5 buttons a row, ≤25 options', () => {
    for (const message of Object.values(CONTRACT_MESSAGES)) {
      for (const { body } of channel().render(message).payloads) {
        expect(String(body.content ?? '').length).toBeLessThanOrEqual(2000);
        const rows = (body.components ?? []) as { components: { type: number; options?: unknown[] }[] }[];
        expect(rows.length).toBeLessThanOrEqual(5);
        for (const row of rows) {
          expect(row.components.length).toBeLessThanOrEqual(5);
          for (const component of row.components)
            expect(component.options?.length ?? 0).toBeLessThanOrEqual(25);
        }
      }
    }
  });

  it('long text is split into parts of at most 2000 characters, noted', () => {
    const rendered = channel().render(contract('long text'));
    expect(rendered.payloads.length).toBeGreaterThan(1);
    for (const { body } of rendered.payloads) expect(String(body.content).length).toBeLessThanOrEqual(2000);
    expect(rendered.notes.some((note) => note.path === 'text' && note.reason.includes('split'))).toBe(true);
  });
});

describe('golden requests for media and big menus', () => {
  it('a local file is an attachment (uploaded as multipart by the sender); an image one is shown in an embed', () => {
    const rendered = channel().render({
      media: [{ kind: 'image', source: { path: '/tmp/photos/cat.png' }, caption: 'Our office cat' }],
    });
    expect(rendered.payloads).toEqual([
      {
        method: ROUTE,
        body: {
          content: 'Our office cat',
          embeds: [{ image: { url: 'attachment://cat.png' } }],
          attachments: [{ id: 0, filename: 'cat.png' }],
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('a WhatsApp media id means nothing on Discord: the name is shown and the loss noted', () => {
    const rendered = channel().render({
      media: [{ kind: 'document', source: { fileId: '1234' }, filename: 'a.pdf' }],
    });
    expect(rendered.payloads).toEqual([
      { method: ROUTE, body: { content: '[document: a.pdf]', allowed_mentions: NO_MENTIONS } },
    ]);
    expect(rendered.notes).toContainEqual({
      severity: 'lost',
      path: 'media[0]',
      reason: "A platform file id cannot be sent to Discord: only the document's name is shown.",
    });
  });

  it('a 60-row menu is paginated into selects of at most 25 options, every row kept', () => {
    const rows = Array.from({ length: 60 }, (_, index) => ({ id: `row-${index}`, title: `Row ${index}` }));
    const { payloads, notes } = channel().render({
      text: 'Pick',
      menu: { label: 'Rows', sections: [{ rows }] },
    });
    const selects = payloads.flatMap(({ body }) =>
      (
        (body.components ?? []) as { components: { type: number; options?: { value: string }[] }[] }[]
      ).flatMap((row) => row.components.filter((component) => component.type === 3)),
    );
    expect(selects.length).toBeGreaterThanOrEqual(3);
    for (const select of selects) expect(select.options?.length).toBeLessThanOrEqual(25);
    expect(selects.flatMap((select) => select.options?.map((option) => option.value) ?? [])).toEqual(
      rows.map((row) => row.id),
    );
    expect(notes.length).toBeGreaterThan(0);
  });
});

describe('golden requests for Meta fixture messages', () => {
  it('send-reply-button: two reply buttons', () => {
    const message = fromWhatsApp(fixture('cloud-api__messages__send-reply-button'));
    expect(channel().render(message).payloads).toEqual([
      {
        method: ROUTE,
        body: {
          content: '\\<BUTTON\\_TEXT>',
          components: [
            {
              type: 1,
              components: [
                { type: 2, style: 1, label: '<BUTTON_TITLE_1>', custom_id: '<UNIQUE_BUTTON_ID_1>' },
                { type: 2, style: 1, label: '<BUTTON_TITLE_2>', custom_id: '<UNIQUE_BUTTON_ID_2>' },
              ],
            },
          ],
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('send-list-message: header and footer embed, one select per section', () => {
    const message = fromWhatsApp(fixture('cloud-api__messages__send-list-message'));
    const { payloads } = channel().render(message);
    expect(payloads).toEqual([
      {
        method: ROUTE,
        body: {
          embeds: [
            {
              title: '<HEADER_TEXT>',
              description: '\\<BODY\\_TEXT>\n\n**\\<LIST\\_SECTION\\_1\\_TITLE>**',
              footer: { text: '<FOOTER_TEXT>' },
            },
          ],
          components: [
            {
              type: 1,
              components: [
                {
                  type: 3,
                  custom_id: 'ferry:menu',
                  placeholder: '<BUTTON_TEXT>',
                  min_values: 1,
                  max_values: 1,
                  options: [
                    {
                      label: '<SECTION_1_ROW_1_TITLE>',
                      value: '<LIST_SECTION_1_ROW_1_ID>',
                      description: '<SECTION_1_ROW_1_DESC>',
                    },
                    {
                      label: '<SECTION_1_ROW_2_TITLE>',
                      value: '<LIST_SECTION_1_ROW_2_ID>',
                      description: '<SECTION_1_ROW_2_DESC>',
                    },
                  ],
                },
              ],
            },
          ],
          allowed_mentions: NO_MENTIONS,
        },
      },
      {
        method: ROUTE,
        body: {
          content: '**\\<LIST\\_SECTION\\_2\\_TITLE>**',
          components: [
            {
              type: 1,
              components: [
                {
                  type: 3,
                  custom_id: 'ferry:menu',
                  placeholder: '<BUTTON_TEXT>',
                  min_values: 1,
                  max_values: 1,
                  options: [
                    {
                      label: '<SECTION_2_ROW_1_TITLE>',
                      value: '<LIST_SECTION_2_ROW_1_ID>',
                      description: '<SECTION_2_ROW_1_DESC>',
                    },
                    {
                      label: '<SECTION_2_ROW_2_TITLE>',
                      value: '<LIST_SECTION_2_ROW_2_ID>',
                      description: '<SECTION_2_ROW_2_DESC>',
                    },
                  ],
                },
              ],
            },
          ],
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
  });

  it('send-image-message-by-url: an embed image', () => {
    const body = fixture('cloud-api__messages__send-image-message-by-url') as { image: { link: string } };
    const message: Message = { media: [{ kind: 'image', source: { url: body.image.link } }] };
    expect(channel().render(message).payloads).toEqual([
      {
        method: ROUTE,
        body: { embeds: [{ image: { url: 'http(s)://image-url' } }], allowed_mentions: NO_MENTIONS },
      },
    ]);
  });
});
