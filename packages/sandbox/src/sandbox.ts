import { DiscordEmulator, type DiscordEmulatorOptions } from './discord/index.js';
import type { SandboxClock } from './shared/index.js';
import { SlackEmulator, type SlackEmulatorOptions } from './slack/index.js';
import { TelegramEmulator, type TelegramEmulatorOptions } from './telegram/index.js';
import { WhatsAppEmulator, type WhatsAppEmulatorOptions } from './whatsapp/index.js';

/** Options for all four emulators at once; each platform's own options pass through. */
export interface SandboxOptions {
  /** Bind address for all four (default `127.0.0.1`, loopback only). */
  readonly host?: string;
  readonly clock?: SandboxClock;
  readonly whatsapp?: WhatsAppEmulatorOptions;
  readonly telegram?: TelegramEmulatorOptions;
  readonly slack?: SlackEmulatorOptions;
  readonly discord?: DiscordEmulatorOptions;
}

/** The four running emulators. */
export interface Sandbox {
  readonly whatsapp: WhatsAppEmulator;
  readonly telegram: TelegramEmulator;
  readonly slack: SlackEmulator;
  readonly discord: DiscordEmulator;
  /** Base URLs and test credentials of every emulator, as printed by `pnpm sandbox`. */
  describe(): SandboxDescription;
  stop(): Promise<void>;
}

/** What a client needs to talk to each emulator. These are test credentials, valid only here. */
export interface SandboxDescription {
  readonly whatsapp: ReturnType<WhatsAppEmulator['credentials']> & { readonly baseUrl: string };
  readonly telegram: ReturnType<TelegramEmulator['credentials']> & { readonly baseUrl: string };
  readonly slack: ReturnType<SlackEmulator['credentials']> & { readonly baseUrl: string };
  readonly discord: ReturnType<DiscordEmulator['credentials']> & { readonly baseUrl: string };
}

/** Starts all four emulators (each on its own port, 0 = any free one) and returns them. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const shared = {
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  };
  const whatsapp = new WhatsAppEmulator({ ...shared, ...options.whatsapp });
  const telegram = new TelegramEmulator({ ...shared, ...options.telegram });
  const slack = new SlackEmulator({ ...shared, ...options.slack });
  const discord = new DiscordEmulator({ ...shared, ...options.discord });
  const all = [whatsapp, telegram, slack, discord];
  try {
    await Promise.all(all.map((emulator) => emulator.start()));
  } catch (error) {
    await Promise.all(all.map((emulator) => emulator.stop()));
    throw error;
  }
  return {
    whatsapp,
    telegram,
    slack,
    discord,
    describe: () => ({
      whatsapp: { baseUrl: whatsapp.baseUrl, ...whatsapp.credentials() },
      telegram: { baseUrl: telegram.baseUrl, ...telegram.credentials() },
      slack: { baseUrl: slack.baseUrl, ...slack.credentials() },
      discord: { baseUrl: discord.baseUrl, ...discord.credentials() },
    }),
    stop: async () => {
      await Promise.all(all.map((emulator) => emulator.stop()));
    },
  };
}
