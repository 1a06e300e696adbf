import { type ChannelCapabilities, SLACK_CAPABILITIES } from '@ferry/core';

/** What this package renders for Slack: core's table, which already carries the context-block footer. */
export const SLACK_CHANNEL_CAPABILITIES: ChannelCapabilities = SLACK_CAPABILITIES;
