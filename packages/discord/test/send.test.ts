import { FerryError, InputError } from '@ferry/core';
import { discord } from '@ferry/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordRig, startRig } from './support/sandbox.js';

const { MESSAGE_CREATE, DM_OPEN } = discord;
let rig: DiscordRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('idempotent sends (nonce + enforce_nonce)', () => {
  it('a send repeated after its answer was lost creates one message, and both report the same id', async () => {
    rig = await startRig({ retries: 0 });
    const user = rig.emulator.users.create({ username: 'Ada' });
    rig.emulator.faults.schedule({ kind: 'drop-response', method: MESSAGE_CREATE });

    const first = await rig.channel.send(
      user.id,
      { text: 'Your new home' },
      { idempotencyKey: 'campaign-1:ada' },
    );
    expect(first.status).toBe('ambiguous');
    const second = await rig.channel.send(
      user.id,
      { text: 'Your new home' },
      { idempotencyKey: 'campaign-1:ada' },
    );

    expect(second.status).toBe('sent');
    const created = rig.emulator.ledger.entries((entry) => entry.method === MESSAGE_CREATE);
    expect(created).toHaveLength(1);
    expect(second).toMatchObject({ id: created[0]?.messageId });
    expect(created[0]?.nonce?.length).toBeLessThanOrEqual(25);
  });

  it('a lost answer is re-sent within the call with the same nonce: one message, outcome sent', async () => {
    rig = await startRig();
    const user = rig.emulator.users.create({ username: 'Grace' });
    rig.emulator.faults.schedule({ kind: 'drop-response', method: MESSAGE_CREATE });
    const outcome = await rig.channel.send(user.id, { text: 'Hello' });
    expect(outcome.status).toBe('sent');
    expect(rig.emulator.messagesIn(user.dmChannelId ?? '')).toHaveLength(1);
  });

  it('different idempotency keys are different messages', async () => {
    rig = await startRig();
    const user = rig.emulator.users.create({ username: 'Linus' });
    await rig.channel.send(user.id, { text: 'One' }, { idempotencyKey: 'a' });
    await rig.channel.send(user.id, { text: 'One' }, { idempotencyKey: 'b' });
    expect(rig.emulator.messagesIn(user.dmChannelId ?? '')).toHaveLength(2);
  });
});

describe('recipients', () => {
  it('opens the DM once and caches it; a channel id is posted to directly', async () => {
    rig = await startRig();
    const user = rig.emulator.users.create({ username: 'Barbara' });
    await rig.channel.send(user.id, { text: 'one' });
    await rig.channel.send(`user:${user.id}`, { text: 'two' });
    await rig.channel.send(`channel:${user.dmChannelId}`, { text: 'three' });
    expect(rig.emulator.ledger.entries((entry) => entry.method === DM_OPEN).length).toBeLessThanOrEqual(1);
    expect(rig.emulator.messagesIn(user.dmChannelId ?? '').map((message) => message.content)).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('a user who blocks DMs is `blocked` (50007); an unknown user is `unknown-recipient` (10013)', async () => {
    rig = await startRig();
    const blocked = rig.emulator.users.create({ username: 'Shy', allowDms: false });
    expect(await rig.channel.send(blocked.id, { text: 'hi' })).toMatchObject({
      status: 'blocked',
      reason: expect.stringContaining('50007'),
    });
    expect(await rig.channel.send('user:1234567890123456789', { text: 'hi' })).toMatchObject({
      status: 'unknown-recipient',
      reason: expect.stringContaining('10013'),
    });
  });

  it('opening DMs too fast (40003) is `rate-limited`, not a failure of the recipient', async () => {
    rig = await startRig({}, { limits: { dmOpenPerSecond: 1 } });
    const users = Array.from({ length: 3 }, (_, index) =>
      rig?.emulator.users.create({ username: `u${index}` }),
    );
    const outcomes = await Promise.all(
      users.map((user) => rig?.channel.send(user?.id ?? '', { text: 'hi' })),
    );
    expect(outcomes[0]).toMatchObject({ status: 'sent' });
    const refused = outcomes.filter((item) => item?.status !== 'sent');
    expect(refused.length).toBeGreaterThan(0);
    for (const outcome of refused) expect(outcome).toMatchObject({ status: 'rate-limited', scope: 'global' });
  });
});

describe('attachments', () => {
  it('a local file that cannot be read is an InputError naming the path, and nothing is sent', async () => {
    rig = await startRig({ retries: 0 });
    const user = rig.emulator.users.create({ username: 'Ada' });
    const missing = '/nonexistent/ferry/brochure.pdf';
    const error = await rig.channel
      .send(user.id, { media: [{ kind: 'document', source: { path: missing } }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(missing);
    expect(rig.emulator.ledger.entries((entry) => entry.method === MESSAGE_CREATE)).toHaveLength(0);
  });
});

describe('rate limits', () => {
  it('paces from the X-RateLimit headers: 12 messages to one user through a 3-per-300ms bucket, no 429', async () => {
    rig = await startRig({}, { limits: { routeBuckets: { [MESSAGE_CREATE]: { limit: 3, windowMs: 300 } } } });
    const user = rig.emulator.users.create({ username: 'Busy' });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, index) => rig?.channel.send(user.id, { text: `message ${index}` })),
    );
    expect(outcomes.every((outcome) => outcome?.status === 'sent')).toBe(true);
    expect(rig.emulator.invalidRequestCount()).toBe(0);
    expect(rig.channel.requestStats()).toMatchObject({ invalid: 0 });
  });

  it('a bucket 429 is `rate-limited` for the recipient with its retry-after, and the next send waits and succeeds', async () => {
    rig = await startRig();
    const user = rig.emulator.users.create({ username: 'Ada' });
    rig.emulator.faults.schedule({ kind: 'rate-limit', method: MESSAGE_CREATE, retryAfterMs: 400 });
    const limited = await rig.channel.send(user.id, { text: 'first' });
    expect(limited).toMatchObject({ status: 'rate-limited', scope: 'recipient' });
    if (limited.status === 'rate-limited') expect(limited.retryAfterMs).toBeGreaterThanOrEqual(400);
    const started = Date.now();
    expect(await rig.channel.send(user.id, { text: 'second' })).toMatchObject({ status: 'sent' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(rig.emulator.invalidRequestCount()).toBe(1);
  });

  it('a global 429 is `rate-limited` with scope global', async () => {
    rig = await startRig({}, { limits: { globalPerSecond: 2 } });
    const users = Array.from({ length: 3 }, (_, index) =>
      rig?.emulator.users.create({ username: `g${index}` }),
    );
    const outcomes = [];
    for (const user of users) outcomes.push(await rig.channel.send(user?.id ?? '', { text: 'hi' }));
    const limited = outcomes.find((outcome) => outcome.status === 'rate-limited');
    expect(limited).toMatchObject({ status: 'rate-limited', scope: 'global' });
    expect(outcomes[0]).toMatchObject({ status: 'sent' });
  });

  it('a run stops with a clear error before the invalid-request ban, without echoing the token', async () => {
    rig = await startRig({ invalidRequestBudget: 3 });
    const blocked = Array.from({ length: 4 }, (_, index) =>
      rig?.emulator.users.create({ username: `b${index}`, allowDms: false }),
    );
    for (const user of blocked.slice(0, 3)) {
      expect((await rig.channel.send(user?.id ?? '', { text: 'hi' })).status).toBe('blocked');
    }
    const error = await rig.channel.send(blocked[3]?.id ?? '', { text: 'hi' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).code).toBe('rate_limited');
    expect((error as FerryError).message).toMatch(/3 invalid Discord responses .* bans at 10000/);
    expect(JSON.stringify(error)).not.toContain(rig.emulator.credentials().botToken);
  });

  it('keeps 401/403/429 under 1% over a run of 150 sends to 30 users', async () => {
    rig = await startRig(
      {},
      {
        limits: {
          dmOpenPerSecond: 1000,
          routeBuckets: {
            [MESSAGE_CREATE]: { limit: 5, windowMs: 200 },
            [DM_OPEN]: { limit: 50, windowMs: 1000 },
          },
        },
      },
    );
    const users = Array.from({ length: 30 }, (_, index) =>
      rig?.emulator.users.create({ username: `r${index}` }),
    );
    const sends = users.flatMap((user) =>
      Array.from({ length: 5 }, (_, index) => rig?.channel.send(user?.id ?? '', { text: `part ${index}` })),
    );
    const outcomes = await Promise.all(sends);
    expect(outcomes.every((outcome) => outcome?.status === 'sent')).toBe(true);
    const stats = rig.channel.requestStats();
    // One DM open per user (concurrent sends share it) and one create per message.
    expect(stats.requests).toBe(180);
    expect(stats.invalid / stats.requests).toBeLessThan(0.01);
  });
});

describe('whoAmI', () => {
  it('names the bot from /users/@me', async () => {
    rig = await startRig();
    expect(await rig.channel.whoAmI()).toEqual({
      id: rig.emulator.app.botUserId,
      name: rig.emulator.app.username,
      handle: rig.emulator.app.applicationId,
    });
  });
});
