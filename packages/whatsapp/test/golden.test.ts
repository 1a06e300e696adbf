import { readFileSync } from 'node:fs';
import type { Message } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { createWhatsAppChannel, readSentLog, templateBody } from '../src/index.js';

const channel = () => createWhatsAppChannel({ accessToken: 'EAA-test', phoneNumberId: '1234567890' });
const COMMON = { messaging_product: 'whatsapp', recipient_type: 'individual' };

function bodies(message: Message) {
  return channel()
    .render(message)
    .payloads.map((payload) => payload.body);
}

describe('golden request bodies', () => {
  it('asks for a link preview only when the text holds a link', () => {
    expect(bodies({ text: 'See *https://example.com/move*' })).toEqual([
      { ...COMMON, type: 'text', text: { body: 'See *https://example.com/move*', preview_url: true } },
    ]);
    expect(bodies({ text: 'No link _here_' })).toEqual([
      { ...COMMON, type: 'text', text: { body: 'No link _here_' } },
    ]);
  });

  it('sends up to three reply buttons with a text header, body and footer', () => {
    expect(
      bodies({
        header: { type: 'text', text: 'We moved' },
        text: 'Where do you want to *continue*?',
        footer: 'Reply STOP to opt out',
        buttons: [
          { kind: 'reply', id: 'go-telegram', title: 'Telegram' },
          { kind: 'reply', id: 'go-slack', title: 'Slack' },
        ],
        replyTo: 'wamid.previous',
      }),
    ).toEqual([
      {
        ...COMMON,
        context: { message_id: 'wamid.previous' },
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'text', text: 'We moved' },
          body: { text: 'Where do you want to *continue*?' },
          footer: { text: 'Reply STOP to opt out' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'go-telegram', title: 'Telegram' } },
              { type: 'reply', reply: { id: 'go-slack', title: 'Slack' } },
            ],
          },
        },
      },
    ]);
  });

  it('puts an image header on a button message', () => {
    expect(
      bodies({
        header: { type: 'media', media: { kind: 'image', source: { fileId: '987' } } },
        text: 'Pick one',
        buttons: [{ kind: 'reply', id: 'a', title: 'A' }],
      }),
    ).toEqual([
      {
        ...COMMON,
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'image', image: { id: '987' } },
          body: { text: 'Pick one' },
          action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
        },
      },
    ]);
  });

  it('turns a menu into a list message', () => {
    expect(
      bodies({
        text: 'Choose a plan',
        menu: {
          label: 'Plans',
          sections: [
            { title: 'Monthly', rows: [{ id: 'm-1', title: 'Basic', description: 'Billed monthly' }] },
            { title: 'Yearly', rows: [{ id: 'y-1', title: 'Basic' }] },
          ],
        },
      }),
    ).toEqual([
      {
        ...COMMON,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Choose a plan' },
          action: {
            button: 'Plans',
            sections: [
              { title: 'Monthly', rows: [{ id: 'm-1', title: 'Basic', description: 'Billed monthly' }] },
              { title: 'Yearly', rows: [{ id: 'y-1', title: 'Basic' }] },
            ],
          },
        },
      },
    ]);
  });

  it('sends one URL button as a CTA URL message', () => {
    expect(
      bodies({
        text: 'Open your personal link',
        buttons: [{ kind: 'url', title: 'Continue', url: 'https://t.me/ferry_bot?start=abc' }],
      }),
    ).toEqual([
      {
        ...COMMON,
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'Open your personal link' },
          action: {
            name: 'cta_url',
            parameters: { display_text: 'Continue', url: 'https://t.me/ferry_bot?start=abc' },
          },
        },
      },
    ]);
  });

  it('opens a form as a Flow message named by meta.flowId, with the form id as flow token', () => {
    expect(
      bodies({
        text: 'Tell us where to reach you',
        buttons: [{ kind: 'form', title: 'Open form', formId: 'signup' }],
        meta: { flowId: '1234567890123', flowScreen: 'DETAILS' },
      }),
    ).toEqual([
      {
        ...COMMON,
        type: 'interactive',
        interactive: {
          type: 'flow',
          body: { text: 'Tell us where to reach you' },
          action: {
            name: 'flow',
            parameters: {
              flow_message_version: '3',
              flow_id: '1234567890123',
              flow_cta: 'Open form',
              flow_token: 'signup',
              flow_action: 'navigate',
              flow_action_payload: { screen: 'DETAILS' },
            },
          },
        },
      },
    ]);
  });

  it('sends media by link or id with a caption, and says a local file is not uploaded', () => {
    expect(
      bodies({
        media: [{ kind: 'image', source: { url: 'https://example.com/cat.png' }, caption: 'A *cat*' }],
      }),
    ).toEqual([
      { ...COMMON, type: 'image', image: { link: 'https://example.com/cat.png', caption: 'A *cat*' } },
    ]);
    expect(
      bodies({
        media: [{ kind: 'document', source: { fileId: '55' }, filename: 'terms.pdf', caption: 'Terms' }],
      }),
    ).toEqual([
      { ...COMMON, type: 'document', document: { id: '55', caption: 'Terms', filename: 'terms.pdf' } },
    ]);
    const local = channel().render({
      media: [{ kind: 'image', source: { path: '/tmp/cat.png' }, caption: 'A cat' }],
    });
    expect(local.payloads.map((payload) => payload.body)).toEqual([
      { ...COMMON, type: 'text', text: { body: 'A cat' } },
    ]);
    expect(local.notes).toContainEqual(
      expect.objectContaining({ severity: 'lost', path: 'media[0].source' }),
    );
  });

  it('sends location, contacts and reactions', () => {
    expect(bodies({ location: { latitude: 41.9, longitude: 12.5, name: 'Rome' } })).toEqual([
      { ...COMMON, type: 'location', location: { latitude: 41.9, longitude: 12.5, name: 'Rome' } },
    ]);
    expect(
      bodies({
        contacts: [
          {
            name: { formatted: 'Ferry Support', first: 'Ferry', last: 'Support' },
            phones: [{ phone: '+15550100000', type: 'WORK', waId: '15550100000' }],
            emails: [{ email: 'help@example.com' }],
            organization: { company: 'Ferry' },
          },
        ],
      }),
    ).toEqual([
      {
        ...COMMON,
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Ferry Support', first_name: 'Ferry', last_name: 'Support' },
            phones: [{ phone: '+15550100000', type: 'WORK', wa_id: '15550100000' }],
            emails: [{ email: 'help@example.com' }],
            org: { company: 'Ferry' },
          },
        ],
      },
    ]);
    expect(bodies({ reaction: { messageId: 'wamid.x', emoji: '👍' } })).toEqual([
      { ...COMMON, type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } },
    ]);
  });

  it('builds the "we moved" template with a header, named body and a URL button suffix', () => {
    expect(
      templateBody({
        name: 'we_moved',
        language: 'en_US',
        parameters: {
          header: 'Ferry',
          body: { first_name: 'Kerry', platform: 'Telegram' },
          buttons: [
            { type: 'url', index: 0, suffix: 'AbC123_-token' },
            { type: 'quick_reply', index: 1, payload: 'stop-promotions' },
          ],
        },
      }),
    ).toEqual({
      ...COMMON,
      type: 'template',
      template: {
        name: 'we_moved',
        language: { code: 'en_US', policy: 'deterministic' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'Ferry' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'first_name', text: 'Kerry' },
              { type: 'text', parameter_name: 'platform', text: 'Telegram' },
            ],
          },
          {
            type: 'button',
            sub_type: 'url',
            index: '0',
            parameters: [{ type: 'text', text: 'AbC123_-token' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'stop-promotions' }],
          },
        ],
      },
    });
  });
});

describe('template messages through the Channel contract', () => {
  it('sends a message naming a template in meta (as the sent-log reader stores it) as that template', () => {
    const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Kerry' }] }];
    const rendered = channel().render({
      text: 'Hi {{1}}',
      meta: { template: 'hello', templateLanguage: 'en_US', templateComponents: JSON.stringify(components) },
    });
    expect(rendered.payloads.map((payload) => payload.body)).toEqual([
      {
        ...COMMON,
        type: 'template',
        template: { name: 'hello', language: { code: 'en_US', policy: 'deterministic' }, components },
      },
    ]);
    expect(rendered.notes).toEqual([expect.objectContaining({ severity: 'info', path: 'meta.template' })]);
  });

  it('falls back to free-form content, with a note, when the components are not valid JSON', () => {
    const rendered = channel().render({
      text: 'Hi there',
      meta: { template: 'hello', templateLanguage: 'en_US', templateComponents: '{not json' },
    });
    expect(rendered.payloads.map((payload) => payload.body)).toEqual([
      { ...COMMON, type: 'text', text: { body: 'Hi there' } },
    ]);
    expect(rendered.notes).toContainEqual(expect.objectContaining({ severity: 'degraded' }));
  });
});

const FIXTURES = '/work/shared/fixtures/whatsapp/meta-examples';

describe("Meta's published send requests survive read -> render unchanged", () => {
  for (const name of [
    'send-reply-button',
    'send-list-message',
    'send-document-message-by-id',
    'send-image-message-by-url',
    'send-image-message-by-id',
    'send-document-message-by-url',
  ]) {
    it(name, () => {
      const file = `cloud-api__messages__${name}.request.json`;
      const original = JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8')) as Record<string, unknown>;
      const { items } = readSentLog(JSON.stringify(original), { file });
      const entry = items[0];
      if (entry === undefined) throw new Error(`${file} was not read`);
      const { to: _to, ...expected } = original;
      expect(bodies(entry.message)).toEqual([expected]);
    });
  }
});
