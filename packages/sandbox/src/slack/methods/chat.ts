import type { EmulatorResponse } from '../../shared/index.js';
import { fail, failWithMessages, messageJson, ok, rateLimited, type SlackMethodContext } from '../api.js';
import { validateMessageBlocks } from '../block-kit.js';
import { jsonField, stringField } from '../json.js';
import type { SlackChannelRecord } from '../types.js';

/** Longest `text` accepted; Slack documents truncation past 40,000 characters. @see PLATFORMS.md §3.2 */
export const maxMessageTextLength = 40_000;

/** The conversation a message may go to, or the error Slack gives for it. */
export function resolvePostTarget(
  context: SlackMethodContext,
  channelArgument: string,
): { channel: SlackChannelRecord } | { error: string } {
  const { state, workspace } = context;
  const user = state.users.get(channelArgument);
  if (user && !user.isBot) {
    // Posting to a user id lands in the app's DM with that user.
    if (user.deleted) return { error: 'account_inactive' };
    return { channel: state.openDm([user.id]).channel };
  }
  const channel = state.findChannel(channelArgument);
  if (!channel) return { error: 'channel_not_found' };
  const botIsMember = channel.members.has(workspace.botUserId);
  if (!botIsMember) {
    // Private conversations the bot is not in are invisible to it.
    if (channel.kind !== 'channel') return { error: 'channel_not_found' };
    if (!workspace.scopes.includes('chat:write.public')) return { error: 'not_in_channel' };
  }
  if (channel.archived) return { error: 'is_archived' };
  if (channel.kind === 'im' && channel.userId !== undefined && state.users.get(channel.userId)?.deleted)
    return { error: 'account_inactive' };
  return { channel };
}

/** Checks `text` / `blocks`: `no_text`, `msg_too_long`, `invalid_blocks` (with the limit named). */
function checkContent(
  args: Record<string, unknown>,
): { text: string; blocks: unknown[] | undefined } | { response: EmulatorResponse } {
  const text = stringField(args, 'text') ?? '';
  const rawBlocks = args['blocks'] === undefined ? undefined : jsonField(args, 'blocks');
  const hasAttachments = args['attachments'] !== undefined;
  if (rawBlocks !== undefined && !Array.isArray(rawBlocks))
    return { response: fail('invalid_blocks_format') };
  const blocks = rawBlocks as unknown[] | undefined;
  if (text.length === 0 && (blocks === undefined || blocks.length === 0) && !hasAttachments)
    return { response: fail('no_text') };
  if (text.length > maxMessageTextLength) return { response: fail('msg_too_long') };
  if (blocks !== undefined) {
    const errors = validateMessageBlocks(blocks);
    if (errors.length > 0) return { response: failWithMessages('invalid_blocks', errors) };
  }
  return { text, blocks };
}

/** `chat.postMessage`: validates, enforces 1/s per channel (burst) and the workspace cap, records the message. */
export function postMessage(context: SlackMethodContext): EmulatorResponse {
  const { args, state, workspace, limiters } = context;
  const channelArgument = stringField(args, 'channel');
  if (channelArgument === undefined || channelArgument === '') return fail('channel_not_found');
  const target = resolvePostTarget(context, channelArgument);
  if ('error' in target) return fail(target.error);
  const content = checkContent(args);
  if ('response' in content) return content.response;
  const channelId = target.channel.id;
  const channelRoom = limiters.channel.peek(channelId);
  if (!channelRoom.ok) return rateLimited(channelRoom.retryAfterMs);
  const workspaceRoom = limiters.workspace.peek('chat.postMessage');
  if (!workspaceRoom.ok) return rateLimited(workspaceRoom.retryAfterMs);
  limiters.channel.take(channelId);
  limiters.workspace.take('chat.postMessage');
  const message = state.addMessage({
    channel: channelId,
    ts: state.nextTs(),
    user: workspace.botUserId,
    text: content.text,
    blocks: content.blocks === undefined ? undefined : state.normalizeBlocks(content.blocks),
    threadTs: stringField(args, 'thread_ts'),
    fromBot: true,
    edited: false,
  });
  // A token sent as a form field must not end up in the ledger.
  const { token: _token, ...payload } = args;
  context.ledger.record({
    method: 'chat.postMessage',
    recipient: channelId,
    messageId: message.ts,
    payload,
    at: context.clock.now(),
  });
  context.stats.accept(['global', `channel:${channelId}`]);
  return ok({ channel: channelId, ts: message.ts, message: messageJson(message, workspace) });
}

/** `chat.update`: replaces the text/blocks of one of the bot's messages (Tier 3). */
export function updateMessage(context: SlackMethodContext): EmulatorResponse {
  const { args, state, workspace } = context;
  const channelArgument = stringField(args, 'channel');
  const ts = stringField(args, 'ts');
  if (channelArgument === undefined || channelArgument === '') return fail('channel_not_found');
  if (ts === undefined || ts === '') return fail('message_not_found');
  const target = resolvePostTarget(context, channelArgument);
  if ('error' in target) return fail(target.error);
  const message = state.findMessage(target.channel.id, ts);
  if (!message) return fail('message_not_found');
  if (!message.fromBot) return fail('cant_update_message');
  const content = checkContent(args);
  if ('response' in content) return content.response;
  const room = context.limiters.tier3.take('chat.update');
  if (!room.ok) return rateLimited(room.retryAfterMs);
  message.text = content.text;
  message.blocks = content.blocks === undefined ? undefined : state.normalizeBlocks(content.blocks);
  message.edited = true;
  return ok({ channel: target.channel.id, ts, text: message.text, message: messageJson(message, workspace) });
}
