import type { Sandbox, SandboxDescription } from '@ferry/sandbox';

/** Starts the four emulators on loopback; `firstPort` 0 lets the system pick free ports. */
export async function startEmulators(firstPort = 0): Promise<Sandbox> {
  const { startSandbox } = await import('@ferry/sandbox');
  const port = (offset: number) => ({ port: firstPort === 0 ? 0 : firstPort + offset });
  return startSandbox({ whatsapp: port(0), telegram: port(1), slack: port(2), discord: port(3) });
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
