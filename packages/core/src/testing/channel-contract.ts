import { describe, expect, it } from 'vitest';
import type { Channel, InboundEvent, SendOutcome } from '../contract/index.js';
import type { Message } from '../model/message.js';
import { CONTRACT_MESSAGES } from './contract-messages.js';

/**
 * What a channel's test provides so the shared contract suite can drive it against its emulator.
 * Every function talks to the real emulator; nothing of ours is mocked.
 */
export interface ChannelContractHarness {
  /** A channel pointed at a running emulator (called once per test). */
  channel(): Channel | Promise<Channel>;
  /** A fresh recipient who can receive messages. */
  recipient(): string | Promise<string>;
  /** A recipient who blocked the bot / cannot receive DMs. */
  blockedRecipient(): string | Promise<string>;
  /** A recipient id the platform does not know. */
  unknownRecipient(): string | Promise<string>;
  /** Makes the emulator answer the next send with its 429. */
  injectRateLimit(): void | Promise<void>;
  /** Makes the emulator answer the next send with a 5xx. */
  injectServerError(): void | Promise<void>;
  /** A channel whose credentials the emulator refuses, and the secret it must never echo. */
  badCredentials():
    | { readonly channel: Channel; readonly secret: string }
    | Promise<{ readonly channel: Channel; readonly secret: string }>;
  /**
   * Makes a simulated user claim `token` the platform's way (deep link, slash command, OAuth…) and
   * returns the inbound events the channel produced for it.
   */
  claimLink(token: string): Promise<readonly InboundEvent[]>;
  /** Sends one inbound request signed with the wrong secret and returns the channel's HTTP status. */
  forgedWebhookStatus?(): Promise<number>;
}

/** Messages the suite renders and sends; a channel may add its own. */
export const contractMessages: Readonly<Record<string, Message>> = CONTRACT_MESSAGES;

const SEVERITIES = new Set(['info', 'degraded', 'lost']);

/**
 * The shared contract suite every channel runs against its emulator: render is pure and notes are
 * well formed, every contract message is accepted by the platform, outcomes are typed, credentials
 * errors never echo the secret, and link claims arrive as `link-claim` events.
 */
export function describeChannelContract(name: string, harness: ChannelContractHarness): void {
  describe(`${name} channel contract`, () => {
    for (const [label, message] of Object.entries(contractMessages)) {
      it(`renders "${label}" purely, with well-formed notes`, async () => {
        const channel = await harness.channel();
        const first = channel.render(message);
        const second = channel.render(message);
        expect(second).toEqual(first);
        expect(first.payloads.length).toBeGreaterThan(0);
        for (const note of first.notes) {
          expect(SEVERITIES.has(note.severity)).toBe(true);
          expect(note.reason.length).toBeGreaterThan(0);
        }
      });

      it(`delivers "${label}" and the platform accepts every request`, async () => {
        const channel = await harness.channel();
        const outcome = await channel.send(await harness.recipient(), message);
        expect(outcome).toMatchObject({ status: 'sent' });
      });
    }

    it('maps a blocked recipient to `blocked`', async () => {
      const channel = await harness.channel();
      const outcome = await channel.send(await harness.blockedRecipient(), { text: 'hello' });
      expect(outcome.status).toBe('blocked');
    });

    it('maps an unknown recipient to `unknown-recipient`', async () => {
      const channel = await harness.channel();
      const outcome = await channel.send(await harness.unknownRecipient(), { text: 'hello' });
      expect(outcome.status).toBe('unknown-recipient');
    });

    it('maps a 429 to `rate-limited` with the retry-after', async () => {
      const channel = await harness.channel();
      const recipient = await harness.recipient();
      await harness.injectRateLimit();
      const outcome: SendOutcome = await channel.send(recipient, { text: 'hello' });
      expect(outcome.status).toBe('rate-limited');
      if (outcome.status === 'rate-limited') expect(outcome.retryAfterMs).toBeGreaterThan(0);
    });

    it('maps a 5xx to `transient`', async () => {
      const channel = await harness.channel();
      const recipient = await harness.recipient();
      await harness.injectServerError();
      const outcome = await channel.send(recipient, { text: 'hello' });
      expect(outcome.status).toBe('transient');
    });

    it('says whose credentials these are, and refuses bad ones without echoing them', async () => {
      const channel = await harness.channel();
      const identity = await channel.whoAmI();
      expect(identity.id.length).toBeGreaterThan(0);
      const bad = await harness.badCredentials();
      const error = await bad.channel.whoAmI().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).not.toContain(bad.secret);
      expect(JSON.stringify(error)).not.toContain(bad.secret);
      expect((error as { code?: string }).code).toMatch(/auth_failed|missing_scope|config_invalid/);
    });

    it('puts the link token in its invite link and turns a claim into a `link-claim` event', async () => {
      const channel = await harness.channel();
      const token = 'AbC123_-tokenForContractTests0123456789abcdefghijk';
      expect(channel.inviteLink(token)).toContain(token);
      const events = await harness.claimLink(token);
      expect(events.some((event) => event.type === 'link-claim' && event.token === token)).toBe(true);
    });

    if (harness.forgedWebhookStatus) {
      const forged = harness.forgedWebhookStatus.bind(harness);
      it('refuses an inbound request with a forged signature', async () => {
        const status = await forged();
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      });
    }
  });
}
