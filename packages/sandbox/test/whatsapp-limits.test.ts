import { afterEach, describe, expect, it } from 'vitest';
import { WhatsAppEmulator, type WhatsAppEmulatorOptions } from '../src/whatsapp/index.js';
import { manualClock } from './helpers.js';

const HOUR = 60 * 60 * 1000;

const running: WhatsAppEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

async function setup(options: WhatsAppEmulatorOptions = {}) {
  const clock = manualClock(1_750_000_000_000);
  const emulator = new WhatsAppEmulator({ clock, ...options });
  running.push(emulator);
  await emulator.start();
  emulator.templates.register({
    name: 'hello',
    language: 'en_US',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Hi' }],
  });
  const post = async (body: Record<string, unknown>) => {
    const { graphBaseUrl, version, phoneNumberId, accessToken } = emulator.credentials();
    const response = await fetch(`${graphBaseUrl}/${version}/${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', ...body }),
    });
    const json = (await response.json()) as { error?: { code: number }; messages?: { id: string }[] };
    return { status: response.status, code: json.error?.code, id: json.messages?.[0]?.id };
  };
  const text = (to: string, body = 'hello') => post({ to, type: 'text', text: { body } });
  const template = (to: string) =>
    post({ to, type: 'template', template: { name: 'hello', language: { code: 'en_US' } } });
  return { emulator, clock, text, template };
}

describe('WhatsAppEmulator: 24-hour customer-service window', () => {
  it('fails free-form messages outside the window with 131047 (async) and lets templates through', async () => {
    const { emulator, clock, text, template } = await setup();
    const user = emulator.users.create({ phone: '15550100001' });
    const outside = await text(user.waId);
    expect(outside.status).toBe(200);
    expect(emulator.message(outside.id ?? '')).toMatchObject({ status: 'failed', error: { code: 131047 } });
    expect(user.inbox()).toEqual([]);
    expect(emulator.ledger.size).toBe(0);
    clock.advance(6000);
    expect((await template(user.waId)).status).toBe(200);
    expect(user.inbox().map((message) => message.type)).toEqual(['template']);
  });

  it('opens on a user message, is not refreshed by the business, and closes after 24 h', async () => {
    const { emulator, clock, text } = await setup();
    const user = emulator.users.create({ phone: '15550100002' });
    await user.sendText('hi');
    clock.advance(23 * HOUR);
    const inside = await text(user.waId);
    expect(emulator.message(inside.id ?? '')?.status).toBe('delivered');
    clock.advance(HOUR);
    expect(emulator.isWindowOpen(user.waId)).toBe(false);
    const after = await text(user.waId);
    expect(emulator.message(after.id ?? '')?.error?.code).toBe(131047);
    await user.sendText('again');
    clock.advance(6000);
    expect(emulator.message((await text(user.waId)).id ?? '')?.status).toBe('delivered');
  });

  it('can refuse at once (windowViolation: reject) or not enforce the window at all', async () => {
    const strict = await setup({ limits: { windowViolation: 'reject' } });
    strict.emulator.users.create({ phone: '15550100003' });
    expect(await strict.text('15550100003')).toMatchObject({ status: 400, code: 131047 });
    const lax = await setup({ limits: { enforce24hWindow: false } });
    lax.emulator.users.create({ phone: '15550100003' });
    expect(lax.emulator.message((await lax.text('15550100003')).id ?? '')?.status).toBe('delivered');
  });
});

describe('WhatsAppEmulator: throughput (130429)', () => {
  it('refuses the message over the per-second throughput, inbound included, until the second slides', async () => {
    const { emulator, clock, template } = await setup({ limits: { throughputPerSecond: 5 } });
    const users = Array.from({ length: 8 }, (_, i) => emulator.users.create({ phone: `1555020000${i}` }));
    await users[0]?.sendText('inbound counts too');
    for (const user of users.slice(0, 4)) expect((await template(user.waId)).status).toBe(200);
    expect(await template(users[4]?.waId ?? '')).toMatchObject({ status: 429, code: 130429 });
    clock.advance(999);
    expect((await template(users[5]?.waId ?? '')).code).toBe(130429);
    clock.advance(1);
    expect((await template(users[6]?.waId ?? '')).status).toBe(200);
    expect(emulator.stats.maxPerSecond('global')).toBe(4);
  });

  it('allows up to 1000 messages per second and no more', () => {
    expect(() => new WhatsAppEmulator({ limits: { throughputPerSecond: 1000 } })).not.toThrow();
    expect(() => new WhatsAppEmulator({ limits: { throughputPerSecond: 1001 } })).toThrow(RangeError);
  });
});

describe('WhatsAppEmulator: pair rate (131056)', () => {
  it('allows 1 message per 6 s to the same user by default', async () => {
    const { emulator, clock, template } = await setup();
    const user = emulator.users.create({ phone: '15550300001' });
    const other = emulator.users.create({ phone: '15550300002' });
    expect((await template(user.waId)).status).toBe(200);
    expect(await template(user.waId)).toMatchObject({ status: 429, code: 131056 });
    expect((await template(other.waId)).status).toBe(200);
    clock.advance(5999);
    expect((await template(user.waId)).code).toBe(131056);
    clock.advance(1);
    expect((await template(user.waId)).status).toBe(200);
    expect(emulator.stats.maxPerSecond(`user:${user.waId}`)).toBe(1);
  });

  it('lets a configured burst (e.g. 45) through, then paces at the refill rate', async () => {
    const { emulator, clock, template } = await setup({ limits: { pairRate: { burst: 45 } } });
    const user = emulator.users.create({ phone: '15550300003' });
    for (let i = 0; i < 45; i++) expect((await template(user.waId)).status).toBe(200);
    expect((await template(user.waId)).code).toBe(131056);
    clock.advance(6000);
    expect((await template(user.waId)).status).toBe(200);
    expect((await template(user.waId)).code).toBe(131056);
  });
});

describe('WhatsAppEmulator: messaging limit (tier)', () => {
  it('fails business-initiated messages to more unique users than the tier in 24 h with 131048', async () => {
    const { emulator, clock, template } = await setup();
    const users = Array.from({ length: 252 }, (_, i) =>
      emulator.users.create({ phone: `1555040${String(i).padStart(4, '0')}` }),
    );
    const inWindow = users[251];
    await inWindow?.sendText('hello');
    for (const user of users.slice(0, 250)) {
      clock.advance(50);
      expect(emulator.message((await template(user.waId)).id ?? '')?.status).toBe('delivered');
    }
    expect(emulator.reachedUsers()).toBe(250);
    clock.advance(6000);
    const over = await template(users[250]?.waId ?? '');
    expect(over.status).toBe(200);
    expect(emulator.message(over.id ?? '')).toMatchObject({ status: 'failed', error: { code: 131048 } });
    // Users already reached, and users inside their service window, do not count again.
    expect(emulator.message((await template(users[0]?.waId ?? '')).id ?? '')?.status).toBe('delivered');
    expect(emulator.message((await template(inWindow?.waId ?? '')).id ?? '')?.status).toBe('delivered');
    clock.advance(24 * 60 * 60 * 1000);
    expect(emulator.message((await template(users[250]?.waId ?? '')).id ?? '')?.status).toBe('delivered');
  });

  it('has no cap when unlimited', async () => {
    const { emulator, template } = await setup({ limits: { tier: 'unlimited', throughputPerSecond: 1000 } });
    for (let i = 0; i < 300; i++) {
      const user = emulator.users.create({ phone: `1555050${String(i).padStart(4, '0')}` });
      expect(emulator.message((await template(user.waId)).id ?? '')?.status).toBe('delivered');
    }
  });
});
