/**
 * @ferry/sandbox — local emulators of the four platforms Ferry speaks to, for tests, benchmarks and
 * the rehearsal. Each emulator is a real HTTP server the real clients talk to unchanged except for
 * their base URL. Platform-specific helpers (simulated users, validators) are under the namespaces.
 */

export * as discord from './discord/index.js';
export {
  bulkDmDiscordLimits,
  type DiscordCredentials,
  DiscordEmulator,
  type DiscordEmulatorOptions,
} from './discord/index.js';
export { type Sandbox, type SandboxDescription, type SandboxOptions, startSandbox } from './sandbox.js';
export * from './shared/index.js';
export * as slack from './slack/index.js';
export { type SlackCredentials, SlackEmulator, type SlackEmulatorOptions } from './slack/index.js';
export * as telegram from './telegram/index.js';
export {
  type TelegramCredentials,
  TelegramEmulator,
  type TelegramEmulatorOptions,
} from './telegram/index.js';
export * as whatsapp from './whatsapp/index.js';
export {
  type WhatsAppCredentials,
  WhatsAppEmulator,
  type WhatsAppEmulatorOptions,
} from './whatsapp/index.js';
