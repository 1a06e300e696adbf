import type { EmulatorResponse } from '../../shared/index.js';
import { fail, ok, rateLimited, type SlackMethodContext } from '../api.js';
import { booleanField, stringField } from '../json.js';

/** Most people a group DM can hold besides the bot. */
const maxDmUsers = 8;

/**
 * `conversations.open`: the DM (or group DM) with `users`, the same id on every call (Tier 3).
 * @see PLATFORMS.md §3.1
 */
export function openConversation(context: SlackMethodContext): EmulatorResponse {
  const { args, state } = context;
  const channelArgument = stringField(args, 'channel');
  const usersArgument = stringField(args, 'users');
  if (channelArgument === undefined && (usersArgument === undefined || usersArgument.trim() === ''))
    return fail('users_list_not_supplied');
  const room = context.limiters.tier3.take('conversations.open');
  if (!room.ok) return rateLimited(room.retryAfterMs);
  if (channelArgument !== undefined) {
    const channel = state.channels.get(channelArgument);
    if (!channel || (channel.kind !== 'im' && channel.kind !== 'mpim')) return fail('channel_not_found');
    return ok({ no_op: true, already_open: true, channel: { id: channel.id } });
  }
  const userIds = (usersArgument ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (userIds.length > maxDmUsers) return fail('too_many_users');
  for (const userId of userIds) {
    const user = state.users.get(userId);
    if (!user) return fail('user_not_found');
    if (user.isBot) return fail('cannot_dm_bot');
    if (user.deleted) return fail('user_disabled');
  }
  const { channel, existed } = state.openDm(userIds);
  const channelJson = booleanField(args, 'return_im')
    ? {
        id: channel.id,
        created: 0,
        is_im: channel.kind === 'im',
        user: channel.userId ?? null,
        is_open: true,
      }
    : { id: channel.id };
  return ok({ ...(existed ? { no_op: true, already_open: true } : {}), channel: channelJson });
}
