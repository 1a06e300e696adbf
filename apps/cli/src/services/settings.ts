import type { NormalizedPlan } from '@ferry/engine';
import type { ChannelSettings } from './channels.js';
import type { CredentialStore } from './credentials.js';

/**
 * Joins the stored credentials with the plan's public ids into the settings each channel needs;
 * a channel whose required secrets are missing is left out.
 */
export function channelSettings(
  credentials: CredentialStore,
  plan?: NormalizedPlan,
  publicUrl?: string,
): ChannelSettings {
  const value = (account: Parameters<CredentialStore['resolve']>[0], field: string) =>
    credentials.resolve(account)[field]?.value;
  const optional = <K extends string>(key: K, found: string | undefined) =>
    (found === undefined ? {} : { [key]: found }) as Partial<Record<K, string>>;
  const settings: { -readonly [K in keyof ChannelSettings]: ChannelSettings[K] } = {};

  const telegramToken = value('telegram', 'botToken');
  if (telegramToken !== undefined) {
    settings.telegram = {
      botToken: telegramToken,
      ...optional('apiRoot', value('telegram', 'apiRoot')),
      ...optional('username', value('telegram', 'username') ?? plan?.targets.telegram?.username),
      ...optional('webhookSecret', value('telegram', 'webhookSecret')),
    };
  }
  const slackToken = value('slack', 'botToken');
  const signingSecret = value('slack', 'signingSecret');
  if (slackToken !== undefined && signingSecret !== undefined) {
    settings.slack = {
      botToken: slackToken,
      signingSecret,
      ...optional('appToken', value('slack', 'appToken')),
      ...optional('apiUrl', value('slack', 'apiUrl')),
      ...optional('appId', plan?.targets.slack?.appId),
      ...(plan?.linking.emailMatching === true ? { emailMatching: true } : {}),
    };
  }
  const discordToken = value('discord', 'botToken');
  const applicationId = value('discord', 'applicationId') ?? plan?.targets.discord?.applicationId;
  const publicKey = value('discord', 'publicKey') ?? plan?.targets.discord?.publicKey;
  if (discordToken !== undefined && applicationId !== undefined && publicKey !== undefined) {
    settings.discord = {
      botToken: discordToken,
      applicationId,
      publicKey,
      ...optional('apiUrl', value('discord', 'apiUrl')),
      ...optional('clientSecret', value('discord', 'clientSecret')),
      ...optional(
        'redirectUri',
        publicUrl === undefined ? undefined : `${publicUrl.replace(/\/$/, '')}/discord/oauth`,
      ),
    };
  }
  const accessToken = value('whatsapp', 'accessToken');
  const phoneNumberId = value('whatsapp', 'phoneNumberId') ?? plan?.whatsapp.phoneNumberId;
  if (accessToken !== undefined && phoneNumberId !== undefined) {
    settings.whatsapp = {
      accessToken,
      phoneNumberId,
      ...optional('appSecret', value('whatsapp', 'appSecret')),
      ...optional('verifyToken', value('whatsapp', 'verifyToken')),
      ...optional('graphBaseUrl', value('whatsapp', 'graphBaseUrl')),
      ...optional('wabaId', plan?.whatsapp.wabaId),
      ...(plan === undefined ? {} : { pacing: whatsAppPacingOf(plan) }),
    };
  }
  return settings;
}

/**
 * The WhatsApp pacing preset for the plan's declared throughput.
 * @see PLATFORMS.md §1.5 (80 messages/s by default, 1000 after the upgrade, 20 for coexistence numbers)
 */
export function whatsAppPacingOf(
  plan: NormalizedPlan,
): 'whatsapp80' | 'whatsapp1000' | 'whatsappCoexistence' {
  const perSecond = plan.whatsapp.throughputPerSecond;
  if (perSecond <= 20) return 'whatsappCoexistence';
  return perSecond > 80 ? 'whatsapp1000' : 'whatsapp80';
}
