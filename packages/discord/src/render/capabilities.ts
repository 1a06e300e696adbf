import type { ChannelCapabilities } from '@ferry/core';
import { DISCORD_CAPABILITIES } from '@ferry/core';

/**
 * Core's Discord capabilities with the header and footer kept out of the text: this package shows
 * them in an embed (title ≤256, footer ≤2048), which reads better than bold and italic lines.
 * @see PLATFORMS.md §4.1 (embed limits)
 */
export const DISCORD_CHANNEL_CAPABILITIES: ChannelCapabilities = {
  ...DISCORD_CAPABILITIES,
  header: { max: 256, unit: 'utf16' },
  footer: { max: 2048, unit: 'utf16' },
};
