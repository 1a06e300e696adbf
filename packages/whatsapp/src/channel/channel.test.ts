import { ConfigError, FerryError } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { createWhatsAppChannel } from './channel.js';
import type { WhatsAppChannelConfig } from './types.js';

// Nothing listens on the discard port: every Graph call fails before it is written.
const UNREACHABLE = 'http://127.0.0.1:9';

describe('WhatsApp channel: user mistakes and outages end in one clear error', () => {
  it('a config without an access token or phone number id is a ConfigError, not a TypeError', () => {
    const missingToken = { phoneNumberId: '42' } as unknown as WhatsAppChannelConfig;
    expect(() => createWhatsAppChannel(missingToken)).toThrow(ConfigError);
    const missingNumber = { accessToken: 'EAA-token' } as unknown as WhatsAppChannelConfig;
    expect(() => createWhatsAppChannel(missingNumber)).toThrow(ConfigError);
  });

  it('whoAmI and listTemplates against an unreachable Graph are retryable transient errors', async () => {
    const channel = createWhatsAppChannel({
      accessToken: 'EAA-secret-token',
      phoneNumberId: '42',
      wabaId: '7',
      graphBaseUrl: UNREACHABLE,
    });
    for (const call of [() => channel.whoAmI(), () => channel.listTemplates()]) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('transient');
      expect((error as FerryError).retryable).toBe(true);
      expect((error as FerryError).message).not.toContain('EAA-secret-token');
    }
  });
});
