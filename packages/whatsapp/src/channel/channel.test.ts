import { createHmac } from 'node:crypto';
import { ConfigError, FerryError, type LogLevel } from '@ferry/core';
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

  it('a failing webhook handler answers 500 and its reason is logged without the app secret', async () => {
    const lines: [LogLevel, string, unknown][] = [];
    const appSecret = 'the-app-secret-value';
    const channel = createWhatsAppChannel({
      accessToken: 'EAA-token',
      phoneNumberId: '42',
      appSecret,
      logger: { log: (level, message, fields) => void lines.push([level, message, fields]) },
    });
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '7',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100000', phone_number_id: '42' },
                contacts: [{ profile: { name: 'Ada' }, wa_id: '15550100001' }],
                messages: [
                  {
                    from: '15550100001',
                    id: 'wamid.1',
                    timestamp: '1750000000',
                    type: 'text',
                    text: { body: 'hi' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
    const response = await channel.handleWebhook(
      new Request('http://127.0.0.1/whatsapp', {
        method: 'POST',
        headers: { 'x-hub-signature-256': signature, 'content-type': 'application/json' },
        body,
      }),
      () => {
        throw new Error(`cannot store: ${appSecret}`);
      },
    );
    expect(response.status).toBe(500);
    expect(lines).toEqual([
      ['error', 'WhatsApp webhook handler failed', { error: 'cannot store: [redacted]' }],
    ]);
  });
});
