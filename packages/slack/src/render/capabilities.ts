import { type ChannelCapabilities, SLACK_CAPABILITIES } from '@ferry/core';

/**
 * Core's Slack capabilities with a footer: Ferry shows a message footer as a `context` block of one
 * `plain_text` element rather than folding it into the text.
 * @see PLATFORMS.md §3.2 (context ≤10 elements; the 2000 cap is Ferry's, below the 3000 of text objects)
 */
export const SLACK_CHANNEL_CAPABILITIES: ChannelCapabilities = {
  ...SLACK_CAPABILITIES,
  footer: { max: 2000, unit: 'utf16' },
};
