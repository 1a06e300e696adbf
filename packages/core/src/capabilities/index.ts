export { DISCORD_CAPABILITIES } from './discord.js';
export { CAPABILITIES, capabilitiesFor } from './for-channel.js';
export { SLACK_CAPABILITIES } from './slack.js';
export { TELEGRAM_CAPABILITIES } from './telegram.js';
export type * from './types.js';
export { WHATSAPP_CAPABILITIES } from './whatsapp.js';
