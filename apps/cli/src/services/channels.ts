import type { Channel, PacingPreset } from '@ferry/core';
import type { FlowTokenLookup, WhatsAppStatus } from '@ferry/whatsapp';
import { CliError, EXIT_CODES } from '../errors.js';
import type { ChannelId } from './targets.js';

/** What creating a channel needs: its credentials, non-secret settings and API endpoint (the sandbox in rehearsals). */
export interface ChannelSettings {
  readonly telegram?: {
    readonly botToken: string;
    readonly apiRoot?: string;
    readonly username?: string;
    readonly webhookSecret?: string;
  };
  readonly slack?: {
    readonly botToken: string;
    readonly signingSecret: string;
    readonly appToken?: string;
    readonly apiUrl?: string;
    readonly appId?: string;
    /** The plan's `linking.emailMatching`: allows `users.lookupByEmail` (needs `users:read.email`). */
    readonly emailMatching?: boolean;
    /** Overrides Slack's default pacing (rehearsals against the emulator). */
    readonly pacing?: PacingPreset;
  };
  readonly discord?: {
    readonly botToken: string;
    readonly applicationId: string;
    readonly publicKey: string;
    readonly apiUrl?: string;
    readonly clientSecret?: string;
    readonly redirectUri?: string;
  };
  readonly whatsapp?: {
    readonly accessToken: string;
    readonly phoneNumberId: string;
    readonly appSecret?: string;
    readonly verifyToken?: string;
    readonly graphBaseUrl?: string;
    readonly wabaId?: string;
    /** The number's throughput preset (80/s by default, 1000/s after Meta's upgrade, 20/s coexistence). */
    readonly pacing?: 'whatsapp80' | 'whatsapp1000' | 'whatsappCoexistence';
  };
}

/** Placeholder credentials that pass each channel's shape checks; enough to `render`, never to send. */
export const PREVIEW_SETTINGS: Required<ChannelSettings> = {
  telegram: { botToken: '1000000001:PREVIEW_ONLY_NOT_A_REAL_TOKEN_xx', username: 'preview_bot' },
  slack: { botToken: 'xoxb-preview-only', signingSecret: 'preview-only' },
  discord: { botToken: 'preview-only', applicationId: '100000000000000001', publicKey: '0'.repeat(64) },
  whatsapp: { accessToken: 'preview-only', phoneNumberId: '100000000000001' },
};

/** Callbacks some channels take at creation. */
export interface ChannelHooks {
  /** Every WhatsApp delivery status the webhook receives. */
  readonly whatsAppStatus?: (status: WhatsAppStatus) => void | Promise<void>;
  /** Where WhatsApp remembers custom Flow tokens across processes (the workspace store's `flowTokens`). */
  readonly whatsAppFlowTokens?: FlowTokenLookup;
}

type WhatsAppFactory = (config: Readonly<Record<string, unknown>>) => Channel;

/** The WhatsApp Cloud API channel factory, when this build of @ferry/whatsapp has it. */
export async function whatsAppFactory(): Promise<WhatsAppFactory | undefined> {
  const module: Readonly<Record<string, unknown>> = await import('@ferry/whatsapp');
  const factory = module['createWhatsAppChannel'];
  return typeof factory === 'function' ? (factory as WhatsAppFactory) : undefined;
}

/**
 * Creates one channel from settings, loading only that channel's SDK. Missing settings are a
 * credentials error naming the command that fixes it.
 */
export async function createChannel(
  name: ChannelId,
  settings: ChannelSettings,
  hooks: ChannelHooks = {},
): Promise<Channel> {
  const missing = () =>
    new CliError(`No ${name} credentials are configured.`, {
      hint: `Run \`ferry credentials set ${name} --from-env\` (or set its FERRY_* environment variables).`,
      exitCode: EXIT_CODES.auth,
      code: 'auth_failed',
    });
  switch (name) {
    case 'telegram': {
      const config = settings.telegram;
      if (config === undefined) throw missing();
      const { createTelegramChannel } = await import('@ferry/telegram');
      return createTelegramChannel({
        token: config.botToken,
        ...(config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot }),
        ...(config.username === undefined ? {} : { username: config.username }),
        ...(config.webhookSecret === undefined ? {} : { webhookSecret: config.webhookSecret }),
      });
    }
    case 'slack': {
      const config = settings.slack;
      if (config === undefined) throw missing();
      const { createSlackChannel } = await import('@ferry/slack');
      return createSlackChannel({
        token: config.botToken,
        signingSecret: config.signingSecret,
        ...(config.appToken === undefined ? {} : { appToken: config.appToken }),
        ...(config.apiUrl === undefined ? {} : { slackApiUrl: config.apiUrl }),
        ...(config.appId === undefined ? {} : { appId: config.appId }),
        ...(config.pacing === undefined ? {} : { pacing: config.pacing }),
        ...(config.emailMatching === true ? { emailMatching: true } : {}),
      });
    }
    case 'discord': {
      const config = settings.discord;
      if (config === undefined) throw missing();
      const { createDiscordChannel } = await import('@ferry/discord');
      return createDiscordChannel({
        token: config.botToken,
        applicationId: config.applicationId,
        publicKey: config.publicKey,
        ...(config.apiUrl === undefined ? {} : { api: config.apiUrl }),
        ...(config.clientSecret !== undefined && config.redirectUri !== undefined
          ? {
              oauth: {
                clientSecret: config.clientSecret,
                redirectUri: config.redirectUri,
                ...(config.apiUrl === undefined ? {} : { api: config.apiUrl }),
              },
            }
          : {}),
      });
    }
    case 'whatsapp': {
      const config = settings.whatsapp;
      if (config === undefined) throw missing();
      const factory = await whatsAppFactory();
      if (factory === undefined) {
        throw new CliError('This build has no WhatsApp Cloud API channel yet.', {
          hint: 'Update Ferry, or leave whatsapp out of --to.',
          code: 'internal',
        });
      }
      return factory({
        accessToken: config.accessToken,
        phoneNumberId: config.phoneNumberId,
        ...(config.appSecret === undefined ? {} : { appSecret: config.appSecret }),
        ...(config.verifyToken === undefined ? {} : { verifyToken: config.verifyToken }),
        ...(config.graphBaseUrl === undefined ? {} : { graphBaseUrl: config.graphBaseUrl }),
        ...(config.wabaId === undefined ? {} : { wabaId: config.wabaId }),
        ...(config.pacing === undefined ? {} : { pacing: config.pacing }),
        ...(hooks.whatsAppStatus === undefined ? {} : { statusHandler: hooks.whatsAppStatus }),
        ...(hooks.whatsAppFlowTokens === undefined ? {} : { flowTokenLookup: hooks.whatsAppFlowTokens }),
      });
    }
  }
}
