import { describeChannelContract } from '@ferry/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { createWhatsAppChannel } from '../src/index.js';
import { nextPhone, startRig, type WhatsAppRig } from './rig.js';

let rig: WhatsAppRig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

describeChannelContract('whatsapp', {
  // Blocked users are accepted by the Cloud API and fail later with a 131026 status, so the
  // channel waits for the first status of each message (confirmDeliveryWithinMs).
  channel: () => rig.useChannel({ confirmDeliveryWithinMs: 5_000 }),
  recipient: () => rig.user(),
  blockedRecipient: async () => {
    const user = rig.whatsapp.users.create({ phone: nextPhone() });
    await user.sendText('hi');
    user.block();
    return user.waId;
  },
  // A string no WhatsApp user can have; a real number not on WhatsApp fails later with 131026 (blocked).
  unknownRecipient: () => 'no-such-user',
  injectRateLimit: () => rig.whatsapp.faults.schedule({ kind: 'rate-limit', method: 'POST /messages' }),
  injectServerError: () => rig.whatsapp.faults.schedule({ kind: 'server-error', method: 'POST /messages' }),
  badCredentials: () => {
    const secret = 'EAAwrong-token-for-the-contract-suite';
    const credentials = rig.whatsapp.credentials();
    return {
      secret,
      channel: createWhatsAppChannel({
        accessToken: secret,
        phoneNumberId: credentials.phoneNumberId,
        wabaId: credentials.wabaId,
        graphBaseUrl: credentials.graphBaseUrl,
      }),
    };
  },
  claimLink: async (token) => {
    const events = rig.collect();
    const user = rig.whatsapp.users.create({ phone: nextPhone() });
    const link = new URL(rig.channel.inviteLink(token));
    const delivery = await user.sendText(link.searchParams.get('text') ?? '');
    if (delivery.delivery.status !== 200) throw new Error(`webhook answered ${delivery.delivery.status}`);
    return events;
  },
  forgedWebhookStatus: async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const response = await fetch(rig.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      body,
    });
    return response.status;
  },
});
