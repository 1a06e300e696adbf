/**
 * @ferry/discord — puts a WhatsApp assistant's messages on Discord: components, embeds and modals
 * on discord.js, nonce-idempotent DMs within rate limits, signed interactions and account linking.
 */
export { createDiscordChannel, type DiscordChannel } from './channel.js';
export { MemoryFormSessionStore } from './format/form-store.js';
export { LINK_COMMAND } from './link/link-prompt.js';
export { authorizeUrl, DISCORD_AUTHORIZE_URL } from './link/oauth.js';
export { DISCORD_CHANNEL_CAPABILITIES } from './render/capabilities.js';
export { CREATE_MESSAGE } from './render/message.js';
export { DISCORD_INVALID_REQUEST_LIMIT, type RequestStats } from './send/invalid-requests.js';
export { NONCE_MAX, nonceFor } from './send/nonce.js';
export { DiscordErrorCodes } from './send/outcomes.js';
export {
  DEFAULT_TEXTS,
  type DiscordChannelConfig,
  type DiscordOAuthConfig,
  type DiscordTexts,
  type FormSession,
  type FormSessionStore,
  type OAuthTokens,
  type OAuthUser,
} from './types.js';
export { discordPublicKey, verifyDiscordSignature } from './webhook/verify.js';
