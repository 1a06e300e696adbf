import { describe, expect, it } from 'vitest';
import { loadPlan } from './load.js';

const NOW = Date.parse('2026-01-20T12:00:00Z');

// Shapes of real credentials (made up): a leak test is only as good as its bait.
const TELEGRAM_TOKEN = '7212345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';
const META_TOKEN = 'EAAGm0PX4ZCpsBAKZAZBhdqZAq9Jk3oZB8ZCZC7x2NwLqQ';
const SLACK_TOKEN = 'xoxb-2713-4820-Zq3LmWkTg8sV';
const DISCORD_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0.GhT2aQ.d8q0F3sVb1Xy9Ww2Pp7Kk4Ll5Mm6Nn7Oo8Qq9';
const SIGNING_SECRET = 'c0ffee8badf00d42';

function planWith(targets: string, whatsapp = '  tier: 250'): string {
  return `version: 1
name: Leaky
whatsapp:
${whatsapp}
targets:
${targets}
cutoff: { at: 2026-04-15, timezone: UTC }
redirect: { text: We moved. }
linking: { tokenLifetime: 14d }
waves: [{ id: w1, at: 2026-04-01, template: { name: moved, language: en } }]
`;
}

function expectNoLeak(result: unknown, ...secrets: string[]) {
  const text = JSON.stringify(result);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('secrets in the plan', () => {
  it('refuses a token field under a target, says where it goes, and never echoes it', () => {
    const text = planWith(`  telegram:\n    username: acme_bot\n    botToken: "${TELEGRAM_TOKEN}"`);
    const result = loadPlan(text, { file: 'ferry.plan.yaml', now: NOW });
    expect(result.plan).toBeUndefined();
    expect(result.errors).toEqual([
      {
        path: 'targets.telegram.botToken',
        message: expect.stringMatching(/ferry credentials set telegram.*FERRY_TELEGRAM_BOT_TOKEN/),
        file: 'ferry.plan.yaml',
        line: 8,
        column: 5,
      },
    ]);
    expectNoLeak(result, TELEGRAM_TOKEN, 'AAHdqTcvCH1v');
  });

  it('refuses the WhatsApp access token, Slack signing secret and an API key at once', () => {
    const text = planWith(
      `  slack:\n    appId: A0123456789\n    signingSecret: ${SIGNING_SECRET}\n    apiKey: ${SIGNING_SECRET}${SIGNING_SECRET}`,
      `  tier: 250\n  accessToken: ${META_TOKEN}`,
    );
    const result = loadPlan(text, { now: NOW });
    expect(result.errors.map((issue) => issue.path)).toEqual([
      'whatsapp.accessToken',
      'targets.slack.signingSecret',
      'targets.slack.apiKey',
    ]);
    expect(result.errors[0]?.message).toContain('FERRY_WHATSAPP_ACCESS_TOKEN');
    expect(result.errors[1]?.message).toContain('ferry credentials set slack');
    expectNoLeak(result, META_TOKEN, SIGNING_SECRET);
  });

  it('catches a token pasted under an innocent field name, by its shape', () => {
    const text = planWith(
      `  discord:\n    applicationId: "${DISCORD_TOKEN}"\n  slack:\n    appId: ${SLACK_TOKEN}`,
    );
    const result = loadPlan(text, { now: NOW });
    // One error per field: the shape check, not also "must be an id" from the schema.
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: 'targets.discord.applicationId',
        message: expect.stringContaining('ferry credentials set discord'),
      }),
      expect.objectContaining({
        path: 'targets.slack.appId',
        message: expect.stringContaining('looks like an access token'),
      }),
    ]);
    expectNoLeak(result, DISCORD_TOKEN, SLACK_TOKEN);
  });

  it('leaves non-secrets alone: the link lifetime and a Discord public key', () => {
    const publicKey = 'a'.repeat(64);
    const text = planWith(`  discord:\n    applicationId: "123456789012345678"\n    publicKey: ${publicKey}`);
    const result = loadPlan(text, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.plan?.targets.discord?.publicKey).toBe(publicKey);
  });

  it('does not echo a secret through a schema error either', () => {
    // A bad Telegram username that is not token-shaped still must not be repeated.
    const text = planWith('  telegram:\n    username: "not a bot name with p4ssw0rd-inside"');
    const result = loadPlan(text, { now: NOW });
    expect(result.errors).toEqual([expect.objectContaining({ path: 'targets.telegram.username' })]);
    expectNoLeak(result, 'p4ssw0rd');
  });
});
