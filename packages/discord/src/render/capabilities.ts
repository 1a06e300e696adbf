import { type ChannelCapabilities, DISCORD_CAPABILITIES } from '@ferry/core';

/** What this package renders for Discord: core's table, which already carries the embed header and footer. */
export const DISCORD_CHANNEL_CAPABILITIES: ChannelCapabilities = DISCORD_CAPABILITIES;
