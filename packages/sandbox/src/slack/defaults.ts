import type { SlackLimits, SlackWorkspace } from './types.js';

/** Scopes a freshly installed Ferry app holds in the emulator unless a test says otherwise. */
export const defaultSlackScopes: readonly string[] = [
  'chat:write',
  'im:write',
  'im:history',
  'mpim:write',
  'users:read',
  'users:read.email',
  'commands',
  'reactions:write',
];

/** The test workspace (obviously fake tokens and secrets). */
export const defaultSlackWorkspace: SlackWorkspace = {
  teamId: 'T0FERRY01',
  teamName: 'Ferry Sandbox',
  botToken: 'xoxb-0000-sandbox-bot-token',
  signingSecret: 'sandbox-signing-secret',
  appToken: 'xapp-1-A0FERRY01-0000-sandbox-app-token',
  botUserId: 'U0FERRYBOT',
  botId: 'B0FERRYBOT',
  appId: 'A0FERRY01',
  scopes: defaultSlackScopes,
  homeTabEnabled: true,
};

/**
 * Default limits: 1 message/s per channel with a burst of 3, Tier 3 at 50/min, and a workspace cap
 * of 100 `chat.postMessage` per minute. That cap is an ASSUMPTION (Slack publishes no figure): the
 * floor of Tier 4, the same figure as `PACING_PRESETS.slack` in @ferry/core.
 * @see PLATFORMS.md §3.1
 * @see packages/core/src/pacing/presets.ts
 */
export const defaultSlackLimits: SlackLimits = {
  perChannelPerSecond: 1,
  perChannelBurst: 3,
  workspacePerMinute: 100,
  tier3PerMinute: 50,
};

/** Bot scopes each method needs (any one of them); methods not listed need none. */
export const requiredScopes: Readonly<Record<string, readonly string[]>> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write', 'mpim:write', 'channels:manage', 'groups:write'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'reactions.add': ['reactions:write'],
};
