import { AuthError, ConfigError } from '@ferry/core';
import { WhatsAppEmulator } from '@ferry/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createWhatsAppChannel } from '../src/index.js';

const started: WhatsAppEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
});

async function start(account: Partial<WhatsAppEmulator['account']> = {}) {
  const whatsapp = new WhatsAppEmulator({ account });
  started.push(whatsapp);
  await whatsapp.start();
  const { wabaId: _wabaId, ...credentials } = whatsapp.credentials();
  return { whatsapp, credentials };
}

describe('whoAmI against the emulator’s phone number node', () => {
  it('reads the verified name and display number from GET /{phone-number-id}, no fallback needed', async () => {
    const { credentials } = await start({ displayPhoneNumber: '15557654321', verifiedName: 'Acme Shop' });
    // No WABA id and no display number configured: only the phone number node can answer.
    const channel = createWhatsAppChannel(credentials);
    expect(await channel.whoAmI()).toEqual({
      id: credentials.phoneNumberId,
      name: 'Acme Shop',
      handle: credentials.phoneNumberId,
      displayPhoneNumber: '+1 555-765-4321',
    });
    expect(channel.inviteLink('tok')).toBe('https://wa.me/15557654321?text=LINK%20tok');
  });

  it('a refused token is an AuthError and an unknown phone number id a ConfigError', async () => {
    const { credentials } = await start();
    await expect(
      createWhatsAppChannel({ ...credentials, accessToken: 'EAA-not-the-token' }).whoAmI(),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(
      createWhatsAppChannel({ ...credentials, phoneNumberId: '999999999999999' }).whoAmI(),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
