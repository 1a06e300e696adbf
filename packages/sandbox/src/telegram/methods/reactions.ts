import type { Params } from '../params.js';
import { badRequest, isFailure, success } from '../responses.js';
import type { TelegramApiResult, TelegramReactionType } from '../types.js';
import { checkReachable, type MethodContext, resolveChat } from './common.js';

/**
 * The emoji a bot may react with: the fixed list of the Bot API's `ReactionTypeEmoji` (exact
 * strings: `❤` without a variation selector, as listed).
 * @see https://core.telegram.org/bots/api#reactiontypeemoji
 */
export const telegramReactionEmoji: ReadonlySet<string> = new Set([
  '👍',
  '👎',
  '❤',
  '🔥',
  '🥰',
  '👏',
  '😁',
  '🤔',
  '🤯',
  '😱',
  '🤬',
  '😢',
  '🎉',
  '🤩',
  '🤮',
  '💩',
  '🙏',
  '👌',
  '🕊',
  '🤡',
  '🥱',
  '🥴',
  '😍',
  '🐳',
  '❤‍🔥',
  '🌚',
  '🌭',
  '💯',
  '🤣',
  '⚡',
  '🍌',
  '🏆',
  '💔',
  '🤨',
  '😐',
  '🍓',
  '🍾',
  '💋',
  '🖕',
  '😈',
  '😴',
  '😭',
  '🤓',
  '👻',
  '👨‍💻',
  '👀',
  '🎃',
  '🙈',
  '😇',
  '😨',
  '🤝',
  '✍',
  '🤗',
  '🫡',
  '🎅',
  '🎄',
  '☃',
  '💅',
  '🤪',
  '🗿',
  '🆒',
  '💘',
  '🙉',
  '🦄',
  '😘',
  '💊',
  '🙊',
  '😎',
  '👾',
  '🤷‍♂',
  '🤷',
  '🤷‍♀',
  '😡',
]);

/** Reactions a bot may set on one message (bots are not Premium users). */
const maxBotReactions = 1;

function readReactions(params: Params): TelegramReactionType[] | ReturnType<typeof badRequest> {
  const raw = params.json('reaction');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return badRequest('REACTION_INVALID');
  const reactions: TelegramReactionType[] = [];
  for (const item of raw) {
    const type =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['type'] : undefined;
    const emoji =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['emoji'] : undefined;
    // Custom and paid reactions need Premium or a channel; the sandbox has neither.
    if (type !== 'emoji' || typeof emoji !== 'string' || !telegramReactionEmoji.has(emoji))
      return badRequest('REACTION_INVALID');
    reactions.push({ type: 'emoji', emoji });
  }
  if (reactions.length > maxBotReactions) return badRequest('REACTIONS_TOO_MANY');
  return reactions;
}

/**
 * setMessageReaction: replaces the bot's reaction on a message of the chat (an empty or absent
 * `reaction` removes it). `REACTION_INVALID` for an emoji outside the Bot API's list or a custom
 * emoji, `REACTIONS_TOO_MANY` past one, `MESSAGE_ID_INVALID` for a message the chat does not have.
 * @see https://core.telegram.org/bots/api#setmessagereaction
 */
export function setMessageReaction(context: MethodContext, params: Params): TelegramApiResult {
  const chat = resolveChat(context.world, params);
  if (isFailure(chat)) return chat;
  const messageId = params.number('message_id');
  if (messageId === undefined) return badRequest('message identifier is not specified');
  const reactions = readReactions(params);
  if (isFailure(reactions)) return reactions;
  const stored = chat.messages.get(messageId);
  if (stored === undefined) return badRequest('MESSAGE_ID_INVALID');
  const unreachable = checkReachable(chat);
  if (unreachable) return unreachable;
  stored.botReactions = reactions;
  context.world.ledger.record({
    method: 'setMessageReaction',
    recipient: String(chat.chat.id),
    messageId: String(messageId),
    payload: params.values,
    at: context.world.clock.now(),
  });
  return success(true);
}
