import { describe, expect, test } from 'vitest';
import { errorsOf, fixtureLine, fixtureNames, warningsOf } from './__tests__/fixtures.js';
import { readSentLog } from './sent/read-sent-log.js';

const sendFixtures = [
  ...fixtureNames('meta-examples', /^cloud-api__messages__send-.*\.request\.json$/),
  ...fixtureNames('meta-examples', /^cloud-api__examples__send-.*\.request\.json$/),
  ...fixtureNames('meta-examples', /^cloud-api__flows__send-.*\.request\.json$/),
];

/** Meta examples whose placeholders or types cannot become a neutral message, and the issue that says so. */
const NOT_IMPORTED: Readonly<Record<string, { severity: 'error' | 'warning'; reason: RegExp }>> = {
  'cloud-api__messages__send-catalog-message.request.json': {
    severity: 'warning',
    reason: /^interactive catalog_message message skipped: Opens a Meta commerce catalog/,
  },
  'cloud-api__messages__send-multi-product-message.request.json': {
    severity: 'warning',
    reason: /^interactive product_list message skipped/,
  },
  'cloud-api__messages__send-single-product-message.request.json': {
    severity: 'warning',
    reason: /^interactive product message skipped/,
  },
  // "<LOCATION_LATITUDE>" is Meta's placeholder, not a number.
  'cloud-api__messages__send-location-message.request.json': {
    severity: 'error',
    reason: /numeric latitude/,
  },
  'cloud-api__messages__send-reply-to-location-message.request.json': {
    severity: 'error',
    reason: /numeric latitude/,
  },
};

describe('readSentLog on Meta send examples (each as a one-line log)', () => {
  test('there are send examples', () => {
    expect(sendFixtures.length).toBeGreaterThan(40);
  });

  test.each(sendFixtures)('%s', (name) => {
    const result = readSentLog(fixtureLine(name), { file: name });
    const notImported = NOT_IMPORTED[name];
    if (notImported === undefined) {
      expect(errorsOf(result.issues)).toEqual([]);
      expect(result.items).toHaveLength(1);
      expect(result.items[0]?.to).toMatch(/^\{\{Recipient-(Phone-Number|WA-ID)\}\}$/);
    } else {
      expect(result.items).toEqual([]);
      expect(result.issues).toMatchObject([
        { line: 1, severity: notImported.severity, reason: expect.stringMatching(notImported.reason) },
      ]);
    }
  });

  test('a list message becomes a menu with header, body and footer', () => {
    const [entry] = readSentLog(fixtureLine('cloud-api__messages__send-list-message.request.json'), {
      file: 'l',
    }).items;
    expect(entry?.message).toEqual({
      header: { type: 'text', text: '<HEADER_TEXT>' },
      text: '<BODY_TEXT>',
      footer: '<FOOTER_TEXT>',
      menu: {
        label: '<BUTTON_TEXT>',
        sections: [
          {
            title: '<LIST_SECTION_1_TITLE>',
            rows: [
              {
                id: '<LIST_SECTION_1_ROW_1_ID>',
                title: '<SECTION_1_ROW_1_TITLE>',
                description: '<SECTION_1_ROW_1_DESC>',
              },
              {
                id: '<LIST_SECTION_1_ROW_2_ID>',
                title: '<SECTION_1_ROW_2_TITLE>',
                description: '<SECTION_1_ROW_2_DESC>',
              },
            ],
          },
          {
            title: '<LIST_SECTION_2_TITLE>',
            rows: [
              {
                id: '<LIST_SECTION_2_ROW_1_ID>',
                title: '<SECTION_2_ROW_1_TITLE>',
                description: '<SECTION_2_ROW_1_DESC>',
              },
              {
                id: '<LIST_SECTION_2_ROW_2_ID>',
                title: '<SECTION_2_ROW_2_TITLE>',
                description: '<SECTION_2_ROW_2_DESC>',
              },
            ],
          },
        ],
      },
    });
  });

  test('reply buttons, media by id and by link, replies and reactions', () => {
    const buttons = readSentLog(fixtureLine('cloud-api__messages__send-reply-button.request.json'), {
      file: 'b',
    }).items[0];
    expect(buttons?.message).toEqual({
      text: '<BUTTON_TEXT>',
      buttons: [
        { kind: 'reply', id: '<UNIQUE_BUTTON_ID_1>', title: '<BUTTON_TITLE_1>' },
        { kind: 'reply', id: '<UNIQUE_BUTTON_ID_2>', title: '<BUTTON_TITLE_2>' },
      ],
    });
    const document = readSentLog(
      fixtureLine('cloud-api__messages__send-reply-to-document-message-by-id.request.json'),
      {
        file: 'd',
      },
    ).items[0];
    expect(document?.message).toEqual({
      media: [
        {
          kind: 'document',
          source: { fileId: '<DOCUMENT_OBJECT_ID>', platform: 'whatsapp' },
          caption: '<DOCUMENT_CAPTION_TO_SEND>',
          filename: '<DOCUMENT_FILENAME>',
        },
      ],
      replyTo: '<MSGID_OF_MSG_YOU_ARE_REPLYING_TO>',
    });
    const image = readSentLog(fixtureLine('cloud-api__messages__send-image-message-by-url.request.json'), {
      file: 'i',
    }).items[0];
    expect(image?.message.media).toEqual([{ kind: 'image', source: { url: 'http(s)://image-url' } }]);
    const reaction = readSentLog(
      fixtureLine('cloud-api__messages__send-reply-with-reaction-message.request.json'),
      {
        file: 'r',
      },
    ).items[0];
    expect(reaction?.message).toEqual({ reaction: { messageId: '<WAM_ID>', emoji: '<EMOJI>' } });
  });

  test('a text without a type field is a text message, as the Cloud API defaults it', () => {
    const [entry] = readSentLog(
      fixtureLine('cloud-api__messages__send-text-message-with-preview-url.request.json'),
      {
        file: 't',
      },
    ).items;
    expect(entry?.message).toEqual({
      text: 'Please visit https://youtu.be/hpltvTEiRrY to inspire your day!',
    });
  });

  test('contact cards keep name, phones, emails, urls and organisation; addresses are reported', () => {
    const result = readSentLog(fixtureLine('cloud-api__messages__send-contact-message.request.json'), {
      file: 'c',
    });
    expect(result.items[0]?.message.contacts).toEqual([
      {
        name: {
          formatted: '<CONTACT_FORMATTED_NAME>',
          first: '<CONTACT_FIRST_NAME>',
          last: '<CONTACT_LAST_NAME>',
        },
        phones: [{ phone: '<CONTACT_PHONE>', type: '<HOME|WORK>', waId: '<CONTACT_WA_ID>' }],
        emails: [{ email: '<CONTACT_EMAIL>', type: '<WORK|HOME>' }],
        urls: [{ url: '<CONTACT_URL>', type: '<HOME|WORK>' }],
        organization: { company: '<CONTACT_ORG_COMPANY>', title: '<CONTACT_ORG_TITLE>' },
      },
    ]);
    expect(warningsOf(result.issues)[0]?.reason).toContain('addresses and birthdays are not carried');
  });

  test('a Flow message becomes a form button with the flow named in meta', () => {
    const [entry] = readSentLog(fixtureLine('cloud-api__flows__send-published-flow-by-name.request.json'), {
      file: 'f',
    }).items;
    expect(entry?.message).toEqual({
      header: { type: 'text', text: '<HEADER_TEXT>' },
      text: '<BODY_TEXT>',
      footer: '<FOOTER_TEXT>',
      buttons: [{ kind: 'form', title: 'Open Flow!', formId: '{{Flow-Name}}' }],
      meta: {
        flow: '{{Flow-Name}}',
        flowAction: 'navigate',
        flowToken: '<FLOW_TOKEN>',
        flowScreen: '<SCREEN_ID>',
      },
    });
  });

  test('a template send is kept as a template reference', () => {
    const [entry] = readSentLog(
      fixtureLine('cloud-api__examples__send-sample-issue-resolution-template.request.json'),
      {
        file: 't',
      },
    ).items;
    expect(entry?.message.meta?.['template']).toBe('sample_issue_resolution');
    expect(entry?.message.meta?.['templateLanguage']).toBe('en_US');
    expect(JSON.parse(entry?.message.meta?.['templateComponents'] ?? '[]')).toHaveLength(3);
    const hello = readSentLog(fixtureLine('cloud-api__examples__send-sample-text-message.request.json'), {
      file: 'h',
    }).items[0];
    expect(hello?.message).toEqual({ meta: { template: 'hello_world', templateLanguage: 'en_US' } });
  });

  test('cta_url messages become a URL button', () => {
    const line = JSON.stringify({
      messaging_product: 'whatsapp',
      to: '5511999990000',
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        body: { text: 'We moved!' },
        action: {
          name: 'cta_url',
          parameters: { display_text: 'Open Telegram', url: 'https://t.me/bot?start=abc' },
        },
      },
    });
    expect(readSentLog(line, { file: 's' }).items[0]?.message).toEqual({
      text: 'We moved!',
      buttons: [{ kind: 'url', title: 'Open Telegram', url: 'https://t.me/bot?start=abc' }],
    });
  });
});

describe('readSentLog mistakes', () => {
  test('read receipts are skipped with a warning; bad lines are errors with their line', () => {
    const text = [
      fixtureLine('cloud-api__messages__mark-message-as-read.request.json'),
      fixtureLine('cloud-api__messages__send-text-message.request.json'),
      '{"to": "1", "type": "text", "text": {"body": "x"',
      fixtureLine('cloud-api__webhook-subscriptions__received-text-message.request.json'),
    ].join('\n');
    const result = readSentLog(text, { file: 'sent.jsonl' });
    expect(result.items.map((entry) => entry.message.text)).toEqual(['text-message-content']);
    expect(result.issues.map((issue) => [issue.line, issue.severity])).toEqual([
      [1, 'warning'],
      [3, 'error'],
      [4, 'error'],
    ]);
    expect(result.issues[2]?.reason).toContain('import it as a webhook log');
  });

  test('an empty file is an error', () => {
    expect(readSentLog('', { file: 'sent.jsonl' }).issues).toMatchObject([
      { severity: 'error', reason: 'the file is empty' },
    ]);
  });
});
