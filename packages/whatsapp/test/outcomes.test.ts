import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, ConfigError } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { createWhatsAppChannel, outcomeOfGraphError, RETRY_AFTER_MS } from '../src/index.js';
import { startRig } from './rig.js';

const graph = (code: number, extra: Record<string, unknown> = {}) => ({
  code,
  message: `(#${code}) Something`,
  error_data: { details: 'details' },
  ...extra,
});

describe('outcomeOfGraphError (the one mapping)', () => {
  it.each([
    [130429, 429, { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.throughput, scope: 'global' }],
    [131056, 429, { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.pairRate, scope: 'recipient' }],
    [4, 429, { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.callLimit, scope: 'global' }],
    [80007, 429, { status: 'rate-limited', retryAfterMs: RETRY_AFTER_MS.callLimit, scope: 'global' }],
    [131026, 400, { status: 'blocked' }],
    [131047, 400, { status: 'rejected', code: 'outside-window' }],
    [131048, 400, { status: 'rejected', code: 'spam-limit' }],
    [132000, 400, { status: 'rejected', code: 'template-parameter-mismatch' }],
    [132001, 400, { status: 'rejected', code: 'template-not-found' }],
    [132015, 400, { status: 'rejected', code: 'template-paused' }],
    [132016, 400, { status: 'rejected', code: 'template-disabled' }],
    [2, 500, { status: 'transient' }],
    [131000, 500, { status: 'transient' }],
    [100, 400, { status: 'rejected', code: 'graph-100' }],
  ])('maps code %i (HTTP %i)', (code, status, expected) => {
    expect(outcomeOfGraphError(graph(code), status)).toMatchObject(expected);
  });

  it('treats an unknown 5xx or a transient flag as transient, and keys on the code not the HTTP status', () => {
    expect(outcomeOfGraphError(undefined, 503)).toMatchObject({ status: 'transient' });
    expect(outcomeOfGraphError(graph(9999, { is_transient: true }), 400)).toMatchObject({
      status: 'transient',
    });
    expect(outcomeOfGraphError(graph(131056), 400)).toMatchObject({
      status: 'rate-limited',
      scope: 'recipient',
    });
  });

  it('throws AuthError for 190 and HTTP 401', () => {
    expect(() => outcomeOfGraphError(graph(190), 401)).toThrow(AuthError);
    expect(() => outcomeOfGraphError(undefined, 401)).toThrow(AuthError);
  });

  it('throws AuthError with missing_scope for a missing permission (10, 200)', () => {
    for (const code of [10, 200]) {
      const error = (() => {
        try {
          outcomeOfGraphError(graph(code), 403);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).code).toBe('missing_scope');
    }
  });
});

describe('whoAmI', () => {
  it("reads the phone number's display number and verified name when Graph serves the node", async () => {
    let seen = '';
    const server = createServer((request, response) => {
      seen = `${request.method} ${request.url} ${request.headers.authorization}`;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ display_phone_number: '+1 555-010-0000', verified_name: 'Ferry', id: '42' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const channel = createWhatsAppChannel({
        accessToken: 'EAA-token',
        phoneNumberId: '42',
        graphBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
      expect(channel.inviteLink('tok')).toBe('https://wa.me/?text=LINK%20tok');
      expect(await channel.whoAmI()).toEqual({
        id: '42',
        name: 'Ferry',
        handle: '42',
        displayPhoneNumber: '+1 555-010-0000',
      });
      expect(seen).toBe('GET /v23.0/42?fields=display_phone_number%2Cverified_name Bearer EAA-token');
      expect(channel.inviteLink('tok')).toBe('https://wa.me/15550100000?text=LINK%20tok');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('names the phone number, and refuses an id Graph does not know', async () => {
    const rig = await startRig();
    try {
      expect(await rig.channel.whoAmI()).toMatchObject({ id: rig.whatsapp.credentials().phoneNumberId });
      const channel = createWhatsAppChannel({
        ...rig.whatsapp.credentials(),
        phoneNumberId: '999000111222333',
      });
      await expect(channel.whoAmI()).rejects.toBeInstanceOf(ConfigError);
    } finally {
      await rig.close();
    }
  });
});
