import { DISCORD_CAPABILITIES } from './discord.js';
import { SLACK_CAPABILITIES } from './slack.js';
import { TELEGRAM_CAPABILITIES } from './telegram.js';
import type { ChannelCapabilities, ChannelName } from './types.js';
import { WHATSAPP_CAPABILITIES } from './whatsapp.js';

/** The capabilities of every channel, by name. */
export const CAPABILITIES: Readonly<Record<ChannelName, ChannelCapabilities>> = {
  whatsapp: WHATSAPP_CAPABILITIES,
  telegram: TELEGRAM_CAPABILITIES,
  slack: SLACK_CAPABILITIES,
  discord: DISCORD_CAPABILITIES,
};

/** The capabilities of one channel. */
export function capabilitiesFor(channel: ChannelName): ChannelCapabilities {
  return CAPABILITIES[channel];
}
