export { validateHomeView, validateMessageBlocks, validateModalView } from './block-kit.js';
export { blockKitLimits } from './block-kit-limits.js';
export { defaultSlackLimits, defaultSlackScopes, defaultSlackWorkspace } from './defaults.js';
export { slackSignatureHeaders } from './delivery.js';
export { SlackChannelDirectory, type SlackChannelInit, SlackUserDirectory } from './directories.js';
export { isSlackEmojiName, slackEmojiNames } from './emoji-names.js';
export { SlackEmulator } from './emulator.js';
export { SimulatedSlackUser, type SimulatedSlackUserInit } from './simulated-user.js';
export { triggerLifetimeMs } from './state.js';
export type {
  DeliveryOptions,
  SlackChannelKind,
  SlackChannelRecord,
  SlackCredentials,
  SlackDelivery,
  SlackEmulatorOptions,
  SlackLimits,
  SlackMessageRecord,
  SlackReactionRecord,
  SlackUserRecord,
  SlackViewRecord,
  SlackWorkspace,
} from './types.js';
export type { SlackViewValues } from './view-state.js';
