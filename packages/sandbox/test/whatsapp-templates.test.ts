import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WhatsAppEmulator } from '../src/whatsapp/index.js';

type Body = Record<string, unknown>;
interface GraphAnswer {
  status: number;
  body: Body & { error?: { code: number; error_subcode?: number } };
}

const emulator = new WhatsAppEmulator({ limits: { throughputPerSecond: 1000, pairRate: { burst: 10_000 } } });
const PHONE = '15550002222';

async function graph(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<GraphAnswer> {
  const { graphBaseUrl, version, accessToken } = emulator.credentials();
  const url = pathAndQuery.startsWith('http') ? pathAndQuery : `${graphBaseUrl}/${version}/${pathAndQuery}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as GraphAnswer['body'] };
}

const sendTemplate = (name: string, components?: Body[], language = 'en_US') =>
  graph('POST', `${emulator.account.phoneNumberId}/messages`, {
    messaging_product: 'whatsapp',
    to: PHONE,
    type: 'template',
    template: { name, language: { code: language }, ...(components ? { components } : {}) },
  });
const textParameters = (...values: string[]) => values.map((text) => ({ type: 'text', text }));
const body = (...values: string[]) => ({ type: 'body', parameters: textParameters(...values) });

beforeAll(async () => {
  await emulator.start();
  emulator.users.create({ phone: PHONE });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.templates.clear();
  emulator.templates.register({
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
      { type: 'BODY', text: 'Hi {{1}}, order {{2}} ships {{3}}.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Stop updates' },
          { type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}' },
          { type: 'URL', text: 'Help', url: 'https://example.com/help' },
        ],
      },
    ],
  });
});

describe('WhatsAppEmulator: template sends are checked against the registered template', () => {
  const complete = () => [
    { type: 'header', parameters: textParameters('42') },
    body('Ann', '42', 'today'),
    { type: 'button', sub_type: 'url', index: '1', parameters: textParameters('42') },
  ];

  it('accepts a send whose parameters match, outside any customer-service window', async () => {
    const response = await sendTemplate('order_update', complete());
    expect(response.status).toBe(200);
    expect(response.body['messages']).toEqual([
      { id: expect.stringMatching(/^wamid\./), message_status: 'accepted' },
    ]);
  });

  it('answers 132001 for an unknown name or language', async () => {
    for (const [name, language] of [
      ['no_such_template', 'en_US'],
      ['order_update', 'fr'],
    ] as const) {
      const response = await sendTemplate(name, complete(), language);
      expect(response.status).toBe(400);
      expect(response.body.error?.code).toBe(132001);
    }
  });

  it.each([
    ['PAUSED', 132015],
    ['DISABLED', 132016],
    ['PENDING', 132001],
    ['REJECTED', 132001],
  ] as const)('answers a %s template with %i', async (status, code) => {
    emulator.templates.setStatus('order_update', 'en_US', status);
    const response = await sendTemplate('order_update', complete());
    expect(response.body.error?.code).toBe(code);
  });

  it.each<[string, Body[], number]>([
    [
      'too few body parameters',
      [{ type: 'header', parameters: textParameters('1') }, body('Ann', '42')],
      132000,
    ],
    [
      'too many body parameters',
      [{ type: 'header', parameters: textParameters('1') }, body('a', 'b', 'c', 'd')],
      132000,
    ],
    ['no header parameter', [body('Ann', '42', 'today')], 132000],
    [
      'no URL suffix for the dynamic URL button',
      [{ type: 'header', parameters: textParameters('1') }, body('a', 'b', 'c')],
      132000,
    ],
    [
      'a parameter for the static URL button',
      [
        ...[{ type: 'header', parameters: textParameters('1') }, body('a', 'b', 'c')],
        { type: 'button', sub_type: 'url', index: '1', parameters: textParameters('x') },
        { type: 'button', sub_type: 'url', index: '2', parameters: textParameters('x') },
      ],
      132000,
    ],
    [
      'a button index the template does not have',
      [
        { type: 'header', parameters: textParameters('1') },
        body('a', 'b', 'c'),
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '7',
          parameters: [{ type: 'payload', payload: 'p' }],
        },
      ],
      131009,
    ],
    [
      'a sub_type that does not match the button',
      [
        { type: 'header', parameters: textParameters('1') },
        body('a', 'b', 'c'),
        { type: 'button', sub_type: 'url', index: '0', parameters: textParameters('x') },
      ],
      131009,
    ],
  ])('rejects %s', async (_, components, code) => {
    const response = await sendTemplate('order_update', components);
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe(code);
  });

  it('checks media headers by type (132012) and named parameters by name (132000)', async () => {
    emulator.templates.register({
      name: 'promo',
      language: 'en_US',
      category: 'MARKETING',
      parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'Hi {{first_name}}, use {{code}}.' },
      ],
    });
    const named = (names: string[]) => ({
      type: 'body',
      parameters: names.map((name) => ({ type: 'text', parameter_name: name, text: 'v' })),
    });
    const imageHeader = {
      type: 'header',
      parameters: [{ type: 'image', image: { link: 'https://example.com/i.png' } }],
    };
    const videoHeader = { type: 'header', parameters: [{ type: 'video', video: { id: '1' } }] };
    expect((await sendTemplate('promo', [imageHeader, named(['first_name', 'code'])])).status).toBe(200);
    expect((await sendTemplate('promo', [videoHeader, named(['first_name', 'code'])])).body.error?.code).toBe(
      132012,
    );
    expect(
      (await sendTemplate('promo', [imageHeader, named(['first_name', 'coupon'])])).body.error?.code,
    ).toBe(132000);
  });

  it('accepts an authentication template with the code in the body and the copy-code button', async () => {
    emulator.templates.register({
      name: 'otp',
      language: 'en_US',
      category: 'AUTHENTICATION',
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    });
    const code = { type: 'button', sub_type: 'url', index: '0', parameters: textParameters('123456') };
    expect((await sendTemplate('otp', [body('123456'), code])).status).toBe(200);
    expect((await sendTemplate('otp', [body('123456')])).body.error?.code).toBe(132000);
  });
});

describe('WhatsAppEmulator: the message_templates edge', () => {
  const edge = () => `${emulator.account.wabaId}/message_templates`;
  const create = (name: string, extra: Body = {}) =>
    graph('POST', edge(), {
      name,
      language: 'en_US',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Hello {{1}}' }],
      ...extra,
    });

  it('creates templates and refuses invalid or duplicate ones', async () => {
    const created = await create('spring_sale');
    expect(created).toEqual({
      status: 200,
      body: { id: expect.any(String), status: 'APPROVED', category: 'MARKETING' },
    });
    expect((await create('spring_sale')).body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    expect((await create('Spring Sale')).body.error?.code).toBe(131009);
    expect((await create('no_body', { components: [{ type: 'FOOTER', text: 'f' }] })).body.error?.code).toBe(
      100,
    );
    const twoHeaderParameters = [
      { type: 'HEADER', format: 'TEXT', text: '{{1}} and {{2}}' },
      { type: 'BODY', text: 'b' },
    ];
    expect((await create('two_params', { components: twoHeaderParameters })).body.error?.code).toBe(131009);
    expect((await create('bad_category', { category: 'PROMO' })).body.error?.code).toBe(131009);
  });

  it('pages with limit and after cursors and filters by name', async () => {
    for (const name of ['a_one', 'a_two', 'a_three', 'b_four', 'a_five'])
      emulator.templates.register({ name, language: 'en_US' });
    const first = await graph('GET', `${edge()}?name=a_&limit=2`);
    const names = (answer: GraphAnswer) =>
      (answer.body['data'] as Body[]).map((template) => template['name']);
    expect(names(first)).toEqual(['a_one', 'a_two']);
    const paging = first.body['paging'] as { cursors: { before: string; after: string }; next: string };
    expect(paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    const second = await graph('GET', paging.next);
    expect(names(second)).toEqual(['a_three', 'a_five']);
    expect(second.body['paging']).not.toHaveProperty('next');
    const after = await graph('GET', `${edge()}?name=a_&limit=2&after=${paging.cursors.after}`);
    expect(names(after)).toEqual(['a_three', 'a_five']);
    expect(names(await graph('GET', `${edge()}?name=zzz`))).toEqual([]);
  });

  it('gives API-created templates the configured status', async () => {
    const pending = new WhatsAppEmulator({ createdTemplateStatus: 'PENDING' });
    await pending.start();
    try {
      const { graphBaseUrl, version, wabaId, accessToken } = pending.credentials();
      const response = await fetch(`${graphBaseUrl}/${version}/${wabaId}/message_templates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'later',
          language: 'en',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'x' }],
        }),
      });
      expect(await response.json()).toMatchObject({ status: 'PENDING' });
      expect(pending.templates.find('later', 'en')?.status).toBe('PENDING');
    } finally {
      await pending.stop();
    }
  });
});
