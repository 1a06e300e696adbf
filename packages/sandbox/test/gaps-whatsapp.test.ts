import { afterEach, describe, expect, it } from 'vitest';
import { WhatsAppEmulator } from '../src/whatsapp/index.js';

const started: WhatsAppEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
});

async function start(account: ConstructorParameters<typeof WhatsAppEmulator>[0] = {}) {
  const emulator = new WhatsAppEmulator(account);
  started.push(emulator);
  await emulator.start();
  const credentials = emulator.credentials();
  const get = async (path: string, token: string | null = credentials.accessToken) => {
    const response = await fetch(`${credentials.graphBaseUrl}/${credentials.version}/${path}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  return { emulator, credentials, get };
}

describe('WhatsAppEmulator GET /{version}/{phone-number-id}', () => {
  it('answers the fields asked for, with the id, and Meta’s default set without fields', async () => {
    const { credentials, get } = await start({
      account: { displayPhoneNumber: '15551234567', verifiedName: 'Acme Shop' },
    });
    const asked = await get(`${credentials.phoneNumberId}?fields=display_phone_number,verified_name`);
    expect(asked).toEqual({
      status: 200,
      json: {
        id: credentials.phoneNumberId,
        display_phone_number: '+1 555-123-4567',
        verified_name: 'Acme Shop',
      },
    });
    const all = await get(credentials.phoneNumberId);
    expect(all.json).toEqual({
      id: credentials.phoneNumberId,
      display_phone_number: '+1 555-123-4567',
      verified_name: 'Acme Shop',
      quality_rating: 'GREEN',
    });
  });

  it('refuses a bad token (401, 190), another id (100 / 33) and an unknown field (100)', async () => {
    const { credentials, get, emulator } = await start();
    const refused = await get(`${credentials.phoneNumberId}?fields=verified_name`, 'EAAwrong');
    expect(refused.status).toBe(401);
    expect(refused.json['error']).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(JSON.stringify(refused.json)).not.toContain('EAAwrong');
    const missing = await get(`${credentials.phoneNumberId}`, null);
    expect(missing.status).toBe(401);
    const other = await get('999999999999999?fields=verified_name');
    expect([other.status, other.json['error']]).toEqual([
      400,
      expect.objectContaining({ code: 100, error_subcode: 33 }),
    ]);
    const unknown = await get(`${credentials.phoneNumberId}?fields=verified_name,favourite_colour`);
    expect(unknown.status).toBe(400);
    expect(unknown.json['error']).toMatchObject({
      code: 100,
      error_data: { details: expect.stringContaining('favourite_colour') },
    });
    expect(emulator.ledger.entries()).toEqual([]);
  });
});
