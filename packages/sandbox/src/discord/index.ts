export {
  DiscordEmulator,
  type DiscordEmulatorOptions,
  DM_OPEN,
  defaultDiscordApp,
  MESSAGE_CREATE,
} from './emulator.js';
export type { DiscordErrorTree, DiscordFieldError } from './errors.js';
export { CallbackTypes, InteractionTypes } from './interaction-payloads.js';
export { InteractionDeadlines } from './interactions.js';
export {
  bulkDmDiscordLimits,
  type DiscordBucketLimit,
  type DiscordLimitOptions,
  type DiscordLimits,
  DiscordRateLimiter,
  defaultDiscordLimits,
} from './rate-limits.js';
export type {
  DiscordApp,
  DiscordCredentials,
  DiscordDmChannelObject,
  DiscordInteractionPayload,
  DiscordMessageObject,
  DiscordUserObject,
  InboundDm,
  InteractionDelivery,
  StoredCommand,
} from './types.js';
export {
  type CommandOptionValue,
  type ModalValue,
  SimulatedDiscordUser,
  type SimulatedDiscordUserInit,
  SimulatedDiscordUsers,
} from './users.js';
export { MessageLimits } from './validate-message.js';
