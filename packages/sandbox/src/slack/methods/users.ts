import type { EmulatorResponse } from '../../shared/index.js';
import { fail, ok, rateLimited, type SlackMethodContext } from '../api.js';
import { stringField } from '../json.js';
import type { SlackUserRecord, SlackWorkspace } from '../types.js';

/** A member in the Web API's JSON shape; the email only shows with `users:read.email`. */
export function userJson(user: SlackUserRecord, workspace: SlackWorkspace): Record<string, unknown> {
  const showEmail = user.email !== undefined && workspace.scopes.includes('users:read.email');
  return {
    id: user.id,
    team_id: workspace.teamId,
    name: user.name,
    deleted: user.deleted,
    real_name: user.name,
    is_bot: user.isBot,
    is_app_user: false,
    profile: {
      real_name: user.name,
      display_name: user.name,
      team: workspace.teamId,
      ...(showEmail ? { email: user.email } : {}),
      ...(user.isBot ? { bot_id: workspace.botId } : {}),
    },
  };
}

/** `users.info`: one member by id, or `user_not_found`. */
export function userInfo(context: SlackMethodContext): EmulatorResponse {
  const userId = stringField(context.args, 'user');
  const user = userId === undefined ? undefined : context.state.users.get(userId);
  if (!user) return fail('user_not_found');
  return ok({ user: userJson(user, context.workspace) });
}

/**
 * `users.lookupByEmail`: one member by email (Tier 3), or `users_not_found`.
 * @see PLATFORMS.md §3.1
 */
export function lookupUserByEmail(context: SlackMethodContext): EmulatorResponse {
  const email = stringField(context.args, 'email');
  if (email === undefined || email === '') return fail('invalid_arguments');
  const room = context.limiters.tier3.take('users.lookupByEmail');
  if (!room.ok) return rateLimited(room.retryAfterMs);
  const user = context.state.userByEmail(email);
  if (!user) return fail('users_not_found');
  return ok({ user: userJson(user, context.workspace) });
}
