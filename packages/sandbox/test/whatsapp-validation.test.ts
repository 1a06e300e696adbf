import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppEmulator } from '../src/whatsapp/index.js';

type Body = Record<string, unknown>;

const emulator = new WhatsAppEmulator({ limits: { throughputPerSecond: 1000, pairRate: { burst: 10_000 } } });
const PHONE = '15550001111';

async function send(body: unknown, init: { token?: string; path?: string; contentType?: string } = {}) {
  const { graphBaseUrl, version, phoneNumberId, accessToken } = emulator.credentials();
  const response = await fetch(`${graphBaseUrl}/${version}/${init.path ?? phoneNumberId}/messages`, {
    method: 'POST',
    headers: {
      ...(init.token === '' ? {} : { authorization: `Bearer ${init.token ?? accessToken}` }),
      'content-type': init.contentType ?? 'application/json',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: Record<string, unknown> } };
}

const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: PHONE };
const text = (body: string): Body => ({ ...base, type: 'text', text: { body } });
const interactive = (value: Body): Body => ({ ...base, type: 'interactive', interactive: value });
const replyButtons = (titles: string[], ids = titles) =>
  interactive({
    type: 'button',
    body: { text: 'Pick one' },
    action: { buttons: titles.map((title, i) => ({ type: 'reply', reply: { id: ids[i], title } })) },
  });
const list = (sections: Body[], extra: Body = {}) =>
  interactive({ type: 'list', body: { text: 'Menu' }, action: { button: 'Open', sections }, ...extra });
const rows = (count: number, prefix = 'r') =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${prefix}${i}` }));
const flow = (parameters: Body) =>
  interactive({
    type: 'flow',
    body: { text: 'Tell us more' },
    action: {
      name: 'flow',
      parameters: { flow_message_version: '3', flow_id: '123', flow_cta: 'Open', ...parameters },
    },
  });
const cta = (parameters: Body) =>
  interactive({ type: 'cta_url', body: { text: 'See' }, action: { name: 'cta_url', parameters } });
const image = (media: Body) => ({ ...base, type: 'image', image: media });
const x = (count: number) => 'x'.repeat(count);

beforeAll(async () => {
  await emulator.start();
  await emulator.users.create({ phone: PHONE }).sendText('hi');
});
afterAll(() => emulator.stop());

describe('WhatsAppEmulator: authentication and routing', () => {
  it('refuses a missing or wrong token with Graph code 190 (HTTP 401) and never echoes the token', async () => {
    for (const token of ['', 'wrong-token']) {
      const response = await send(text('hi'), { token });
      expect(response.status).toBe(401);
      expect(response.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
      if (token) expect(JSON.stringify(response.body)).not.toContain(token);
    }
  });

  it('refuses another phone number id with code 100, subcode 33', async () => {
    const response = await send(text('hi'), { path: '999' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('refuses a body that is not JSON with code 100', async () => {
    const response = await send('{not json');
    expect(response.body.error).toMatchObject({ code: 100 });
  });

  it('accepts form-encoded bodies whose objects are JSON strings, as Graph does', async () => {
    const form = new URLSearchParams({
      messaging_product: 'whatsapp',
      to: PHONE,
      type: 'text',
      text: '{"body":"hi"}',
    });
    const response = await send(form.toString(), { contentType: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(200);
  });
});

describe('WhatsAppEmulator: accepts the documented maximums', () => {
  it.each<[string, Body]>([
    ['text of 4096 characters', text(x(4096))],
    ['caption of 1024 characters', image({ link: 'https://example.com/a.png', caption: x(1024) })],
    ['3 reply buttons with 20-character titles', replyButtons([x(20), `${x(19)}y`, `${x(19)}z`])],
    ['a reply button id of 256 characters', replyButtons(['A'], [x(256)])],
    [
      'a list of 10 rows over 2 sections with maximal fields',
      list([
        { title: x(24), rows: rows(5, 'a') },
        { title: 'B', rows: [...rows(4, 'b'), { id: x(200), title: x(24), description: x(72) }] },
      ]),
    ],
    ['a single untitled section', list([{ rows: rows(1) }])],
    [
      'header 60, body 1024 and footer 60',
      interactive({
        type: 'button',
        header: { type: 'text', text: x(60) },
        body: { text: x(1024) },
        footer: { text: x(60) },
        action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
      }),
    ],
    ['a cta_url with a 20-character label', cta({ display_text: x(20), url: 'https://example.com' })],
    [
      'a flow with a 30-character CTA by name',
      flow({ flow_id: undefined, flow_name: 'survey', flow_cta: x(30) }),
    ],
    [
      '5 contact cards',
      { ...base, type: 'contacts', contacts: Array(5).fill({ name: { formatted_name: 'A' } }) },
    ],
    [
      'a reaction removal (empty emoji)',
      { ...base, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '' } },
    ],
    [
      'a location at the date line',
      { ...base, type: 'location', location: { latitude: -90, longitude: 180 } },
    ],
    ['512 characters of callback data', { ...text('hi'), biz_opaque_callback_data: x(512) }],
  ])('%s', async (_, body) => {
    const response = await send(body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });
});

describe('WhatsAppEmulator: rejects each validation class with the Graph error shape', () => {
  it.each<[string, Body, number]>([
    ['no messaging_product', { to: PHONE, type: 'text', text: { body: 'hi' } }, 100],
    ['an unknown type', { ...base, type: 'carousel', carousel: {} }, 131009],
    ['a group recipient', { ...text('hi'), recipient_type: 'group' }, 131009],
    ['a "to" that is neither a number nor a known BSUID', { ...text('hi'), to: 'someone' }, 131009],
    ['text over 4096', text(x(4097)), 100],
    ['empty text', text(''), 100],
    ['missing text object', { ...base, type: 'text' }, 100],
    ['callback data over 512', { ...text('hi'), biz_opaque_callback_data: x(513) }, 100],
    ['media with neither id nor link', image({ caption: 'c' }), 100],
    ['media with both id and link', image({ id: '1', link: 'https://example.com/a.png' }), 100],
    ['media link that is not http(s)', image({ link: 'ftp://example.com/a.png' }), 131009],
    ['caption over 1024', image({ id: '1', caption: x(1025) }), 100],
    ['a caption on audio', { ...base, type: 'audio', audio: { id: '1', caption: 'c' } }, 100],
    [
      'latitude out of range',
      { ...base, type: 'location', location: { latitude: 91, longitude: 0 } },
      131009,
    ],
    ['no contact card', { ...base, type: 'contacts', contacts: [] }, 131009],
    [
      '6 contact cards',
      { ...base, type: 'contacts', contacts: Array(6).fill({ name: { formatted_name: 'A' } }) },
      131009,
    ],
    ['a contact without formatted_name', { ...base, type: 'contacts', contacts: [{ name: {} }] }, 100],
    ['a reaction without message_id', { ...base, type: 'reaction', reaction: { emoji: 'x' } }, 100],
    ['4 reply buttons', replyButtons(['A', 'B', 'C', 'D']), 131009],
    ['no reply button', replyButtons([]), 131009],
    ['a button title over 20', replyButtons([x(21)]), 100],
    ['duplicate button titles', replyButtons(['Yes', 'Yes'], ['a', 'b']), 131009],
    ['a button id over 256', replyButtons(['A'], [x(257)]), 100],
    [
      'interactive without body',
      interactive({
        type: 'button',
        action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
      }),
      100,
    ],
    [
      'body over 1024',
      interactive({
        type: 'cta_url',
        body: { text: x(1025) },
        action: { name: 'cta_url', parameters: { display_text: 'Go', url: 'https://example.com' } },
      }),
      100,
    ],
    ['header text over 60', list([{ rows: rows(1) }], { header: { type: 'text', text: x(61) } }), 100],
    ['footer over 60', list([{ rows: rows(1) }], { footer: { text: x(61) } }), 100],
    [
      'a list with an image header',
      list([{ rows: rows(1) }], { header: { type: 'image', image: { id: '1' } } }),
      131009,
    ],
    [
      'a list button label over 20',
      interactive({
        type: 'list',
        body: { text: 'M' },
        action: { button: x(21), sections: [{ rows: rows(1) }] },
      }),
      100,
    ],
    [
      '11 sections',
      list(Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) }))),
      131009,
    ],
    [
      '11 rows over 2 sections',
      list([
        { title: 'A', rows: rows(6, 'a') },
        { title: 'B', rows: rows(5, 'b') },
      ]),
      131009,
    ],
    [
      'a section without title among several',
      list([{ rows: rows(1, 'a') }, { title: 'B', rows: rows(1, 'b') }]),
      100,
    ],
    ['a section title over 24', list([{ title: x(25), rows: rows(1) }]), 100],
    ['a row title over 24', list([{ rows: [{ id: 'a', title: x(25) }] }]), 100],
    ['a row description over 72', list([{ rows: [{ id: 'a', title: 'A', description: x(73) }] }]), 100],
    ['a row id over 200', list([{ rows: [{ id: x(201), title: 'A' }] }]), 100],
    [
      'duplicate row ids',
      list([
        { title: 'A', rows: rows(1) },
        { title: 'B', rows: rows(1) },
      ]),
      131009,
    ],
    ['a cta_url label over 20', cta({ display_text: x(21), url: 'https://example.com' }), 100],
    ['a cta_url without a valid URL', cta({ display_text: 'Go', url: 'example' }), 131009],
    ['a flow CTA over 30', flow({ flow_cta: x(31) }), 100],
    ['a flow with both flow_id and flow_name', flow({ flow_name: 'survey' }), 100],
    ['a flow with neither flow_id nor flow_name', flow({ flow_id: undefined }), 100],
    ['a flow in an unknown mode', flow({ mode: 'live' }), 131009],
    ['a flow message version other than 3', flow({ flow_message_version: '2' }), 131009],
    ['an unknown flow action', flow({ flow_action: 'jump' }), 131009],
    ['a template without language', { ...base, type: 'template', template: { name: 'hello_world' } }, 100],
  ])('%s', async (_, body, code) => {
    const before = emulator.ledger.size;
    const response = await send(body);
    expect(response.status).toBe(400);
    const error = response.body.error;
    expect(error).toMatchObject({
      code,
      type: 'OAuthException',
      message: expect.stringMatching(new RegExp(`^\\(#${code}\\) `)),
      error_data: { messaging_product: 'whatsapp', details: expect.any(String) },
      fbtrace_id: expect.any(String),
    });
    expect(emulator.ledger.size).toBe(before);
  });

  it('counts rejections by reason in the stats', () => {
    const { rejected, rejectedByReason } = emulator.stats.snapshot();
    expect(rejected).toBeGreaterThan(40);
    expect(Object.keys(rejectedByReason).some((reason) => reason.startsWith('131009 '))).toBe(true);
  });
});
