/**
 * Crash safety on Discord (issue 8): 300 recipients, 20 SIGKILLs at seeded random moments of the
 * campaign, restarting each time (see crash.test.ts). Discord de-duplicates resends by nonce, so
 * sends in flight at a kill are sent again: zero duplicates and zero ambiguous. Discord paces at
 * 50 requests/s, two per recipient (open the DM, send), so the run is small: ~12 s of sending.
 */
import { join } from 'node:path';
import { bulkDmDiscordLimits, DiscordEmulator, seededRandom } from '@ferry/sandbox';
import { describe, expect, it } from 'vitest';
import {
  checkLedger,
  crashAndResume,
  describeKills,
  expectKills,
  planKills,
  seedCrashAudience,
} from './crash-harness.js';
import { onCleanup, phoneOf, tempDirectory } from './helpers.js';

const KILLS = 20;
const RECIPIENTS = 300;

describe('crash safety on Discord', () => {
  it(`survives ${KILLS} SIGKILLs of a ${RECIPIENTS}-recipient campaign with zero duplicates and zero ambiguous (nonce)`, async () => {
    // Discord's DM-open anti-spam limit (5/s) would make the run minutes long; messages keep their limits.
    const discord = new DiscordEmulator({ gateway: false, limits: bulkDmDiscordLimits });
    await discord.start();
    onCleanup(() => discord.stop());
    const users = Array.from({ length: RECIPIENTS }, (_, index) =>
      discord.users.create({ username: `user${index}` }),
    );
    const userIds = users.map((user) => user.id);
    const path = join(tempDirectory(), 'crash.db');
    const { store, contactIds } = await seedCrashAudience(
      path,
      userIds.map((userId, index) => ({ phone: phoneOf(index), linked: { channel: 'discord', userId } })),
    );
    const credentials = discord.credentials();
    const env = {
      FERRY_CHANNEL: 'discord',
      FERRY_DB: path,
      FERRY_API: credentials.api,
      FERRY_TOKEN: credentials.botToken,
      FERRY_APPLICATION_ID: credentials.applicationId,
      FERRY_PUBLIC_KEY: credentials.publicKey,
    };
    const delivered = () => users.reduce((sum, user) => sum + user.messages().length, 0);
    const moments = planKills(seededRandom(4242), KILLS, RECIPIENTS);
    const { kills, last } = await crashAndResume(env, moments, delivered);
    expect(last.code, last.output).toBe(0);
    expectKills(kills, KILLS, RECIPIENTS);
    const received = new Map(users.map((user) => [user.id, user.messages().length]));
    const { journal } = await checkLedger(store, contactIds, userIds, received);
    expect(journal).toMatchObject({ sent: RECIPIENTS, ambiguous: 0 });
    console.log(
      `crash test (discord): ${RECIPIENTS} recipients, ${kills.length} SIGKILLs at ` +
        `${describeKills(kills)} messages; each recipient exactly once`,
    );
  }, 600_000);
});
