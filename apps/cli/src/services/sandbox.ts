import type { Sandbox, SandboxDescription } from '@ferry/sandbox';

/** Starts the four emulators on loopback; `firstPort` 0 lets the system pick free ports. */
export async function startEmulators(
  firstPort = 0,
  whatsAppLimits: {
    readonly tier?: 250 | 2000 | 10000 | 100000 | 'unlimited';
    readonly throughputPerSecond?: number;
  } = {},
): Promise<Sandbox> {
  const { startSandbox } = await import('@ferry/sandbox');
  const port = (offset: number) => ({ port: firstPort === 0 ? 0 : firstPort + offset });
  return startSandbox({
    whatsapp: { ...port(0), limits: whatsAppLimits },
    telegram: port(1),
    slack: port(2),
    discord: port(3),
  });
}

/**
 * The FERRY_* environment variables that point every Ferry command at a running sandbox: its test
 * credentials and base URLs (valid only against the emulators).
 */
export function sandboxEnvironment(description: SandboxDescription): Record<string, string> {
  const { whatsapp, telegram, slack, discord } = description;
  return {
    FERRY_WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
    FERRY_WHATSAPP_APP_SECRET: whatsapp.appSecret,
    FERRY_WHATSAPP_VERIFY_TOKEN: whatsapp.verifyToken,
    FERRY_WHATSAPP_PHONE_NUMBER_ID: whatsapp.phoneNumberId,
    FERRY_WHATSAPP_GRAPH_URL: whatsapp.graphBaseUrl,
    FERRY_TELEGRAM_BOT_TOKEN: telegram.token,
    FERRY_TELEGRAM_API_ROOT: telegram.apiRoot,
    FERRY_TELEGRAM_USERNAME: telegram.username,
    FERRY_SLACK_BOT_TOKEN: slack.botToken,
    FERRY_SLACK_SIGNING_SECRET: slack.signingSecret,
    FERRY_SLACK_APP_TOKEN: slack.appToken,
    FERRY_SLACK_API_URL: slack.slackApiUrl,
    FERRY_DISCORD_BOT_TOKEN: discord.botToken,
    FERRY_DISCORD_APPLICATION_ID: discord.applicationId,
    FERRY_DISCORD_PUBLIC_KEY: discord.publicKey,
    FERRY_DISCORD_API_URL: discord.api,
  };
}

/** Registers the templates of a Meta template export with the WhatsApp emulator, as if approved there. */
export function registerTemplates(sandbox: Sandbox, exportText: string): number {
  const parsed = JSON.parse(exportText) as { data?: unknown[] } | unknown[];
  const templates = Array.isArray(parsed) ? parsed : (parsed.data ?? []);
  let registered = 0;
  for (const template of templates) {
    const record = template as Record<string, unknown>;
    if (typeof record['name'] !== 'string' || typeof record['language'] !== 'string') continue;
    if (sandbox.whatsapp.templates.find(record['name'], record['language']) !== undefined) continue;
    sandbox.whatsapp.templates.register({
      name: record['name'],
      language: record['language'],
      ...(typeof record['category'] === 'string' ? { category: record['category'] as 'UTILITY' } : {}),
      ...(Array.isArray(record['components']) ? { components: record['components'] as never[] } : {}),
    });
    registered++;
  }
  return registered;
}

/** Creates a WhatsApp user in the emulator for each phone number (those already there are kept). */
export function createWhatsAppUsers(
  sandbox: Sandbox,
  people: readonly { readonly phone: string; readonly name?: string }[],
): number {
  let created = 0;
  for (const person of people) {
    if (sandbox.whatsapp.users.get(person.phone) !== undefined) continue;
    try {
      sandbox.whatsapp.users.create({
        phone: person.phone,
        ...(person.name === undefined ? {} : { name: person.name }),
      });
      created++;
    } catch {
      // A number the emulator cannot parse is one the importer rejected too: no user to create.
    }
  }
  return created;
}
