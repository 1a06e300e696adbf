import { messageJson, viewJson } from './api.js';
import type { SlackState } from './state.js';
import type { SlackMessageRecord, SlackUserRecord, SlackViewRecord, SlackWorkspace } from './types.js';

/** The verification token Slack still includes in payloads (deprecated; apps should verify signatures). */
export const legacyVerificationToken = 'ferry-sandbox-verification-token';

/** The `user` object of interactivity payloads. */
export function payloadUser(user: SlackUserRecord, workspace: SlackWorkspace): Record<string, unknown> {
  return { id: user.id, username: user.name, name: user.name, team_id: workspace.teamId };
}

/** The `team` object of interactivity payloads. */
export function payloadTeam(workspace: SlackWorkspace): Record<string, unknown> {
  return { id: workspace.teamId, domain: workspace.teamName.toLowerCase().replace(/[^a-z0-9-]/g, '-') };
}

/** An Events API `event_callback` envelope around `event`. */
export function eventCallback(
  state: SlackState,
  workspace: SlackWorkspace,
  event: Record<string, unknown>,
  nowMs: number,
): Record<string, unknown> {
  return {
    token: legacyVerificationToken,
    team_id: workspace.teamId,
    context_team_id: workspace.teamId,
    api_app_id: workspace.appId,
    event,
    type: 'event_callback',
    event_id: state.nextId('Ev'),
    event_time: Math.floor(nowMs / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: workspace.teamId,
        user_id: workspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** A `block_actions` payload for one action on a stored message. */
export function blockActionsPayload(options: {
  workspace: SlackWorkspace;
  user: SlackUserRecord;
  message: SlackMessageRecord;
  channelName: string;
  action: Record<string, unknown>;
  triggerId: string;
  responseUrl: string;
}): Record<string, unknown> {
  const { workspace, user, message } = options;
  return {
    type: 'block_actions',
    user: payloadUser(user, workspace),
    api_app_id: workspace.appId,
    token: legacyVerificationToken,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: options.triggerId,
    team: payloadTeam(workspace),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: options.channelName },
    message: messageJson(message, workspace),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [options.action],
  };
}

/** A `block_actions` payload for one action in a view (App Home tab or modal): a `view` container, no message. */
export function viewBlockActionsPayload(options: {
  workspace: SlackWorkspace;
  user: SlackUserRecord;
  view: SlackViewRecord;
  action: Record<string, unknown>;
  triggerId: string;
}): Record<string, unknown> {
  const { workspace, user, view } = options;
  return {
    type: 'block_actions',
    user: payloadUser(user, workspace),
    api_app_id: workspace.appId,
    token: legacyVerificationToken,
    container: { type: 'view', view_id: view.id },
    trigger_id: options.triggerId,
    team: payloadTeam(workspace),
    enterprise: null,
    is_enterprise_install: false,
    view: viewJson(view, workspace),
    actions: [options.action],
  };
}
