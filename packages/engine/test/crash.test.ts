/**
 * Crash safety (issue 8): a child process runs a campaign against an emulator in this process, on
 * a SQLite file, and is SIGKILLed at seeded random moments spread over the whole campaign (most at
 * random points of its progress, a share right after a restart), restarting each time; the test
 * counts the kills that happened and checks the emulator's ledger against the journal.
 *
 * - WhatsApp, the size: 100,000 recipients at 1000 messages/s, 20 kills. The emulator's
 *   signed status webhooks reach the channel's webhook handler and `applyDeliveryStatus` while the
 *   campaign runs (see crash-statuses.ts), so a send in flight at a kill whose status arrives
 *   becomes `sent` and is not resent; the sends still ambiguous at the end never reached the
 *   platform, and `requeueUnconfirmed` plus one more run sends them: every recipient exactly once.
 * - Telegram: 10,000 recipients at paid-broadcast 1000/s, 20 kills. No idempotency and no
 *   statuses, so sends in flight at a kill stay `ambiguous` (reported, never resent); everyone else
 *   exactly once. Smaller than WhatsApp only for time: the WhatsApp run already takes ~2 minutes
 *   of the two-core CI machine, and Telegram's checks are a subset of it (the full size would add
 *   ~90 s of sending). FERRY_CRASH_TELEGRAM_RECIPIENTS=100000 runs it at the size.
 * - Discord: crash-discord.test.ts (its own file, so its rate-limited run overlaps this one).
 * FERRY_CRASH_RECIPIENTS sets the WhatsApp size; FERRY_CRASH_DEBUG=1 prints each kill.
 */
import { join } from 'node:path';
import { seededRandom, TelegramEmulator, WhatsAppEmulator } from '@ferry/sandbox';
import { describe, expect, it } from 'vitest';
import { requeueUnconfirmed } from '../src/campaign/index.js';
import { CRASH_CAMPAIGN_ID, CRASH_TEMPLATE } from './crash-fixtures.js';
import {
  checkLedger,
  crashAndResume,
  describeKills,
  expectKills,
  planKills,
  seedCrashAudience,
} from './crash-harness.js';
import { StatusWebhooks } from './crash-statuses.js';
import { onCleanup, phoneOf, tempDirectory } from './helpers.js';

const KILLS = 20;
const WHATSAPP_RECIPIENTS = Number(process.env.FERRY_CRASH_RECIPIENTS ?? 100_000);
const TELEGRAM_RECIPIENTS = Number(process.env.FERRY_CRASH_TELEGRAM_RECIPIENTS ?? 10_000);

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs of a ${WHATSAPP_RECIPIENTS}-recipient WhatsApp campaign: every recipient exactly once after reconciliation`, async () => {
    const whatsapp = new WhatsAppEmulator({ limits: { tier: 'unlimited', throughputPerSecond: 1000 } });
    await whatsapp.start();
    onCleanup(() => whatsapp.stop());
    whatsapp.templates.register(CRASH_TEMPLATE);
    const waIds = Array.from(
      { length: WHATSAPP_RECIPIENTS },
      (_, index) => whatsapp.users.create({ phone: phoneOf(index, '+1631') }).waId,
    );
    const path = join(tempDirectory(), 'crash.db');
    const { store, contactIds } = await seedCrashAudience(
      path,
      waIds.map((waId, index) => ({ phone: `+${waId}`, waId, profileName: `Person ${index}` })),
    );
    const credentials = whatsapp.credentials();
    const statuses = new StatusWebhooks(whatsapp, store);
    onCleanup(() => statuses.close());
    statuses.start();
    const env = {
      FERRY_CHANNEL: 'whatsapp',
      FERRY_DB: path,
      FERRY_API: credentials.graphBaseUrl,
      FERRY_VERSION: credentials.version,
      FERRY_TOKEN: credentials.accessToken,
      FERRY_PHONE_NUMBER_ID: credentials.phoneNumberId,
      FERRY_CONCURRENCY: '64',
    };
    const moments = planKills(seededRandom(20260302), KILLS, WHATSAPP_RECIPIENTS);
    const { kills, last } = await crashAndResume(env, moments, () => whatsapp.ledger.size);
    expect(last.code, last.output).toBe(0);
    expectKills(kills, KILLS, WHATSAPP_RECIPIENTS);

    await statuses.stop();
    const received = whatsapp.ledger.countByRecipient();
    const ambiguous = await store.journal.listByState(CRASH_CAMPAIGN_ID, 'ambiguous', {
      limit: WHATSAPP_RECIPIENTS,
    });
    // Every ambiguous send the platform accepted was reconciled by its status webhook.
    expect(statuses.reconciledAmbiguous).toBeGreaterThan(0);
    expect(statuses.refused).toBe(0);
    const waIdOf = new Map(contactIds.map((contactId, index) => [contactId, waIds[index] ?? '']));
    const accepted = ambiguous.filter((entry) => received.has(waIdOf.get(entry.contactId) ?? ''));
    expect(accepted).toEqual([]);

    // After the grace period, what no status confirmed never went out: send it again.
    const now = Date.now();
    expect(await requeueUnconfirmed(store, CRASH_CAMPAIGN_ID, { before: now + 1, at: now })).toBe(
      ambiguous.length,
    );
    statuses.start();
    const resend = await crashAndResume(env, [], () => whatsapp.ledger.size);
    expect(resend.last.code, resend.last.output).toBe(0);
    await statuses.stop();

    const { journal } = await checkLedger(store, contactIds, waIds, whatsapp.ledger.countByRecipient());
    expect(journal).toMatchObject({ sent: WHATSAPP_RECIPIENTS, ambiguous: 0 });
    expect(whatsapp.ledger.size).toBe(WHATSAPP_RECIPIENTS);
    console.log(
      `crash test (whatsapp): ${WHATSAPP_RECIPIENTS} recipients, ${kills.length} SIGKILLs at ` +
        `${describeKills(kills)} sends; ${statuses.handed} status webhooks of unsettled sends handed over, ` +
        `${statuses.reconciled} in-flight sends reconciled from them ` +
        `(${statuses.reconciledAmbiguous} of them already ambiguous after a restart), ` +
        `${ambiguous.length} never sent and sent after reconciliation; each recipient exactly once`,
    );
  }, 600_000);

  it(`survives ${KILLS} SIGKILLs of a ${TELEGRAM_RECIPIENTS}-recipient Telegram campaign: every recipient exactly once, except sends journaled ambiguous`, async () => {
    const telegram = new TelegramEmulator({
      limits: { globalPerSecond: 100_000, paidBroadcastPerSecond: 1_000 },
    });
    await telegram.start();
    onCleanup(() => telegram.stop());
    const userIds = Array.from({ length: TELEGRAM_RECIPIENTS }, (_, index) =>
      String(telegram.users.create({ firstName: `U${index}`, started: true }).id),
    );
    const path = join(tempDirectory(), 'crash.db');
    const { store, contactIds } = await seedCrashAudience(
      path,
      userIds.map((userId, index) => ({
        phone: phoneOf(index),
        linked: { channel: 'telegram', userId },
      })),
    );
    const { token, apiRoot, username } = telegram.credentials();
    const env = {
      FERRY_CHANNEL: 'telegram',
      FERRY_DB: path,
      FERRY_API: apiRoot,
      FERRY_TOKEN: token,
      FERRY_USERNAME: username,
    };
    const moments = planKills(seededRandom(20260303), KILLS, TELEGRAM_RECIPIENTS);
    const { kills, last } = await crashAndResume(env, moments, () => telegram.ledger.size);
    expect(last.code, last.output).toBe(0);
    expectKills(kills, KILLS, TELEGRAM_RECIPIENTS);
    const { journal, ambiguousDelivered } = await checkLedger(
      store,
      contactIds,
      userIds,
      telegram.ledger.countByRecipient(),
    );
    // Only sends journaled in flight at a kill can be ambiguous: at most the concurrency per kill.
    expect(journal.ambiguous).toBeLessThanOrEqual(KILLS * 16);
    console.log(
      `crash test (telegram): ${TELEGRAM_RECIPIENTS} recipients, ${kills.length} SIGKILLs at ` +
        `${describeKills(kills)} sends; ${journal.sent} sent, ${journal.ambiguous} ambiguous ` +
        `(${ambiguousDelivered} of them delivered, none resent)`,
    );
  }, 600_000);
});
