import { type TextContent, toPlainText, toRichText } from '@ferry/core';
import { describe, expect, test } from 'vitest';
import { errorsOf, fixtureNames, fixtureText, warningsOf } from './__tests__/fixtures.js';
import { readTemplates } from './templates/read-templates.js';

const templateObjects = [
  ...fixtureNames('meta-examples', /^cloud-api__templates__(create|edit).*\.request\.json$/),
  ...fixtureNames('meta-examples', /^cloud-api__templates__get-(all|template).*\.response\.json$/),
  ...fixtureNames('meta-examples', /flow-template-message-by.*\.request\.json$/),
];

function plain(text: TextContent | undefined): string {
  return toPlainText(toRichText(text ?? ''));
}

function readOne(template: unknown) {
  const result = readTemplates(JSON.stringify(template), { file: 'one.json' });
  return { template: result.items[0], issues: result.issues };
}

describe('readTemplates on Meta fixtures', () => {
  test.each(templateObjects)('%s imports with no error', (name) => {
    const result = readTemplates(fixtureText('meta-examples', name), { file: name });
    expect(errorsOf(result.issues)).toEqual([]);
    expect(result.items.length).toBeGreaterThan(0);
    for (const template of result.items) {
      expect(template.message.meta).toEqual({ template: template.name, templateLanguage: template.language });
    }
  });

  test.each(fixtureNames('meta-examples', /^cloud-api__templates__.*\.response\.json$/))(
    '%s: a template response gives its templates, any other answer exactly one error',
    (name) => {
      const result = readTemplates(fixtureText('meta-examples', name), { file: name });
      if (/__get-(all|template)/.test(name)) {
        expect(errorsOf(result.issues)).toEqual([]);
        expect(result.items.length).toBeGreaterThan(0);
      } else {
        expect(result.items).toEqual([]);
        expect(result.issues).toMatchObject([{ file: name, line: 1, severity: 'error' }]);
      }
    },
  );

  test('the message_templates response gives every template with its status, category and id', () => {
    const name = 'cloud-api__templates__get-all-templates-default-fields.response.json';
    const { items } = readTemplates(fixtureText('meta-examples', name), { file: name });
    expect(
      items.map((template) => [
        template.name,
        template.language,
        template.status,
        template.category,
        template.id,
      ]),
    ).toEqual([
      ['hello_world', 'en_US', 'APPROVED', 'MARKETING', '1192339204654487'],
      ['2023_april_promo', 'en_US', 'APPROVED', 'MARKETING', '920070352646140'],
    ]);
    const promo = items[1];
    expect(promo?.message.header).toEqual({ type: 'text', text: 'Fall Sale' });
    expect(promo?.message.footer).toBe('Not interested in any of our sales? Tap Stop Promotions');
    expect(promo?.message.buttons).toEqual([
      { kind: 'reply', id: 'stop-promotions', title: 'Stop promotions' },
    ]);
    expect(plain(promo?.message.text)).toBe(
      'Hi {{1}}, our Fall Sale is on! Use promo code {{2}} Get an extra 25% off every order above $350!',
    );
    expect(promo?.parameterFormat).toBe('positional');
    expect(promo?.parameters).toEqual([
      { component: 'body', name: '1', format: 'text', example: 'Mark' },
      { component: 'body', name: '2', format: 'text', example: 'FALL25' },
    ]);
    expect(promo?.original).toMatchObject({ name: '2023_april_promo', id: '920070352646140' });
  });

  test('a dynamic URL suffix stays {{1}} in the url and is listed as a button parameter', () => {
    const name =
      'cloud-api__templates__create-template-w-image-header-text-body-text-footer-and-2-call-to-action-button.request.json';
    const [template] = readTemplates(fixtureText('meta-examples', name), { file: name }).items;
    expect(template?.message.buttons).toEqual([
      { kind: 'phone', title: 'Call', phone: '+15550051310' },
      { kind: 'url', title: 'Shop Now', url: 'https://www.examplesite.com/shop?promo={{1}}' },
    ]);
    expect(template?.parameters).toContainEqual({
      component: 'button',
      index: 1,
      name: '1',
      format: 'text',
      example: 'summer2023',
    });
    expect(template?.message.header).toEqual({
      type: 'media',
      media: { kind: 'image', source: { fileId: '4::aW...', platform: 'whatsapp' } },
    });
    expect(template?.parameters[0]).toEqual({ component: 'header', name: 'image', format: 'image' });
  });

  test('catalog and multi-product buttons are dropped with the unsupported reason', () => {
    for (const [name, type] of [
      ['cloud-api__templates__create-catalog-template.request.json', 'CATALOG'],
      ['cloud-api__templates__create-multi-product-message-template.request.json', 'MPM'],
    ] as const) {
      const result = readTemplates(fixtureText('meta-examples', name), { file: name });
      expect(result.items[0]?.message.buttons).toBeUndefined();
      const [warning] = warningsOf(result.issues);
      expect(warning?.reason).toMatch(new RegExp(`^${type} button dropped: .*catalog`, 'i'));
      expect(warning?.field).toBe('components[2].buttons[0].type');
    }
  });

  test("authentication templates get a copy-code button and WhatsApp's wording, with a warning", () => {
    const name = 'cloud-api__templates__create-authentication-template-w-otp-copy-code-button.request.json';
    const result = readTemplates(fixtureText('meta-examples', name), { file: name });
    const template = result.items[0];
    expect(template?.message.buttons).toEqual([{ kind: 'copyCode', title: 'Copy Code', code: '{{1}}' }]);
    expect(plain(template?.message.text)).toBe(
      '{{1}} is your verification code. For your security, do not share this code.',
    );
    expect(template?.message.footer).toBe('This code expires in 10 minutes.');
    expect(warningsOf(result.issues)).toHaveLength(1);
  });

  test('a FLOW button with inline flow_json carries the form', () => {
    const name = 'cloud-api__flows__create-flow-template-message-by-flow-json.request.json';
    const [template] = readTemplates(fixtureText('meta-examples', name), { file: name }).items;
    expect(template?.message.buttons).toEqual([
      { kind: 'form', title: 'Check out this offer!', formId: '<TEMPLATE_NAME>-flow' },
    ]);
    expect(template?.message.form?.screens.map((screen) => screen.id)).toEqual(['WELCOME_SCREEN']);
    expect(template?.message.form?.sourceVersion).toBe('5.0');
  });

  test('the answer to a template creation is an error explaining what to export instead', () => {
    const name = 'cloud-api__templates__create-catalog-template.response.json';
    const result = readTemplates(fixtureText('meta-examples', name), { file: name });
    expect(result.items).toEqual([]);
    expect(errorsOf(result.issues)[0]?.reason).toContain('GET /{waba-id}/message_templates');
  });
});

describe('readTemplates on hand-written exports', () => {
  test('in a pretty-printed export a warning points at the line of the value, page after page', () => {
    const page = (name: string, footer: string) =>
      JSON.stringify(
        {
          data: [
            {
              name,
              language: 'en',
              components: [
                { type: 'BODY', text: 'Hi' },
                { type: 'FOOTER', text: footer },
              ],
            },
          ],
        },
        null,
        2,
      );
    const text = `${page('short', 'ok')}\n${page('long', 'f'.repeat(61))}\n`;
    const result = readTemplates(text, { file: 'pages.json' });
    const line = text.split('\n').findIndex((candidate) => candidate.includes('f'.repeat(61))) + 1;
    expect(result.items.map((template) => template.name)).toEqual(['short', 'long']);
    expect(result.issues).toMatchObject([{ line, field: 'data[0].components[1].text', severity: 'warning' }]);
    expect(line).toBeGreaterThan(20);
  });

  test('named parameters keep their names and examples', () => {
    const { template, issues } = readOne({
      name: 'sale_notice',
      language: 'en_US',
      parameter_format: 'NAMED',
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Sale for {{first_name}}',
          example: { header_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
        },
        {
          type: 'BODY',
          text: 'Our sale starts {{sale_start_date}}, *{{first_name}}*.',
          example: {
            body_text_named_params: [
              { param_name: 'sale_start_date', example: 'May 1' },
              { param_name: 'first_name', example: 'Ana' },
            ],
          },
        },
      ],
    });
    expect(issues).toEqual([]);
    expect(template?.parameterFormat).toBe('named');
    expect(template?.parameters).toEqual([
      { component: 'header', name: 'first_name', format: 'text', example: 'Ana' },
      { component: 'body', name: 'sale_start_date', format: 'text', example: 'May 1' },
      { component: 'body', name: 'first_name', format: 'text', example: 'Ana' },
    ]);
    expect(template?.message.header).toEqual({ type: 'text', text: 'Sale for {{first_name}}' });
    expect(template?.message.text).toEqual({
      type: 'doc',
      blocks: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Our sale starts {{sale_start_date}}, ' },
            { type: 'bold', children: [{ type: 'text', value: '{{first_name}}' }] },
            { type: 'text', value: '.' },
          ],
        },
      ],
    });
  });

  test('named placeholders without parameter_format are detected as named', () => {
    const { template } = readOne({
      name: 'hi',
      language: 'pt_BR',
      components: [{ type: 'body', text: 'Oi {{nome}}' }],
    });
    expect(template?.parameterFormat).toBe('named');
  });

  test('limits WhatsApp enforces are warnings, and the template is still imported', () => {
    const { template, issues } = readOne({
      name: 'too_long',
      language: 'en',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) },
        { type: 'BODY', text: 'b'.repeat(1025) },
        { type: 'FOOTER', text: 'f'.repeat(61) },
        {
          type: 'BUTTONS',
          buttons: Array.from({ length: 11 }, (_, index) => ({
            type: 'QUICK_REPLY',
            text: index === 0 ? 'This label is far longer than 25' : `Option ${index}`,
          })),
        },
      ],
    });
    expect(template?.message.buttons).toHaveLength(11);
    expect(errorsOf(issues)).toEqual([]);
    const reasons = warningsOf(issues).map((issue) => issue.reason);
    expect(reasons).toEqual([
      'header of "too_long" is 61 characters; WhatsApp allows 60',
      'body of "too_long" is 1025 characters; WhatsApp allows 1024',
      'footer of "too_long" is 61 characters; WhatsApp allows 60',
      'template "too_long" has 11 buttons; WhatsApp allows at most 10',
      'button text "This label is far longer than 25" is 32 characters; WhatsApp allows 25',
      'template "too_long" has 11 QUICK_REPLY buttons; WhatsApp allows 10',
    ]);
  });

  test('quick replies get distinct stable ids and copy-code coupons a parameter', () => {
    const { template } = readOne({
      name: 'dupes',
      language: 'en',
      components: [
        { type: 'BODY', text: 'Pick' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Sí, claro!' },
            { type: 'QUICK_REPLY', text: 'Si claro' },
            { type: 'COPY_CODE', example: 'SAVE10' },
          ],
        },
      ],
    });
    expect(template?.message.buttons).toEqual([
      { kind: 'reply', id: 'si-claro', title: 'Sí, claro!' },
      { kind: 'reply', id: 'si-claro-2', title: 'Si claro' },
      { kind: 'copyCode', title: 'Copy code', code: '{{coupon_code}}' },
    ]);
    expect(template?.parameters).toEqual([
      { component: 'button', index: 2, name: 'coupon_code', format: 'text', example: 'SAVE10' },
    ]);
  });

  test('several pages as JSON lines are read in order, and a bad page is reported by line', () => {
    const page = (name: string) =>
      JSON.stringify({
        data: [{ name, language: 'en', components: [{ type: 'BODY', text: name }] }],
        paging: {},
      });
    const text = `${page('first')}\n${page('second')}\n{"data": [\n${page('third')}\n`;
    const result = readTemplates(text, { file: 'pages.jsonl' });
    expect(result.items.map((template) => template.name)).toEqual(['first', 'second', 'third']);
    expect(errorsOf(result.issues)).toMatchObject([{ line: 3, severity: 'error' }]);
  });

  test('an array of templates is read too', () => {
    const result = readTemplates(
      JSON.stringify([
        { name: 'a', language: 'en', components: [] },
        { name: 'b', language: { code: 'es' }, components: [] },
      ]),
      { file: 'array.json' },
    );
    expect(result.items.map((template) => [template.name, template.language])).toEqual([
      ['a', 'en'],
      ['b', 'es'],
    ]);
  });

  test('a Flow JSON given as templates is an error telling how to import it', () => {
    const result = readTemplates(fixtureText('meta-flows', 'survey.json'), { file: 'survey.json' });
    expect(result.items).toEqual([]);
    expect(result.issues).toEqual([
      {
        file: 'survey.json',
        line: 1,
        column: 1,
        reason: 'this looks like a Flow JSON file, import it as a flow',
        severity: 'error',
      },
    ]);
  });

  test('invalid JSON and an empty file are errors, never exceptions', () => {
    expect(readTemplates('{"data": [}', { file: 't.json' }).issues).toMatchObject([
      {
        line: 1,
        column: 11,
        severity: 'error',
        reason: 'invalid JSON: expected a value, found "}" (line 1, column 11)',
      },
    ]);
    expect(readTemplates('', { file: 't.json' }).issues).toMatchObject([{ reason: 'the file is empty' }]);
    expect(readTemplates('{"name": "x", "components": []}', { file: 't.json' }).issues).toMatchObject([
      { reason: 'template "x" has no language', severity: 'error' },
    ]);
  });
});
