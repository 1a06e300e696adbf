import type { EmulatorResponse } from '../../shared/index.js';
import { fail, ok, type SlackMethodContext } from '../api.js';
import { canonicalEmojiName, isSlackEmojiName } from '../emoji-names.js';
import { stringField } from '../json.js';
import { resolvePostTarget } from './chat.js';

/**
 * `reactions.add`: the bot reacts to a message (`channel` + `timestamp`) with an emoji short `name`.
 * Errors: `no_item_specified`, `invalid_name`, `channel_not_found` (and the other conversation errors of
 * `chat.postMessage`), `message_not_found`, `already_reacted`.
 * @see https://api.slack.com/methods/reactions.add
 */
export function addReaction(context: SlackMethodContext): EmulatorResponse {
  const { args, state, workspace } = context;
  const channelArgument = stringField(args, 'channel');
  const timestamp = stringField(args, 'timestamp');
  const name = stringField(args, 'name');
  if (channelArgument === undefined || channelArgument === '' || timestamp === undefined || timestamp === '')
    return fail('no_item_specified');
  if (name === undefined || !isSlackEmojiName(name)) return fail('invalid_name');
  const target = resolvePostTarget(context, channelArgument);
  if ('error' in target) return fail(target.error);
  const message = state.findMessage(target.channel.id, timestamp);
  if (!message) return fail('message_not_found');
  const reactions = message.reactions ?? [];
  const emoji = canonicalEmojiName(name);
  const existing = reactions.find((reaction) => reaction.name === emoji);
  if (existing?.users.includes(workspace.botUserId)) return fail('already_reacted');
  if (existing) existing.users.push(workspace.botUserId);
  else reactions.push({ name: emoji, users: [workspace.botUserId] });
  message.reactions = reactions;
  const { token: _token, ...payload } = args;
  context.ledger.record({
    method: 'reactions.add',
    recipient: target.channel.id,
    messageId: timestamp,
    payload,
    at: context.clock.now(),
  });
  return ok();
}
