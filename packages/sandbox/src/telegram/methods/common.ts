import type { Params } from '../params.js';
import { badRequest, forbidden, tooManyRequests } from '../responses.js';
import type { TelegramApiFailure, TelegramMessage, TelegramMessageEntity } from '../types.js';
import type { WebhookDelivery } from '../webhook.js';
import type { ChatRecord, TelegramWorld } from '../world.js';

/** What a method handler works with. */
export interface MethodContext {
  readonly world: TelegramWorld;
  readonly webhook: WebhookDelivery;
}

/** Finds the chat a call names in `chat_id`; only numeric ids of known chats exist. */
export function resolveChat(world: TelegramWorld, params: Params): ChatRecord | TelegramApiFailure {
  const raw = params.string('chat_id');
  if (raw === undefined || raw.trim() === '') return badRequest('chat_id is empty');
  const id = Number(raw);
  const chat = Number.isInteger(id) ? world.chats.get(id) : undefined;
  return chat ?? badRequest('chat not found');
}

/** Whether the bot may write into the chat at all (private chats: started and not blocked). */
export function checkReachable(chat: ChatRecord): TelegramApiFailure | undefined {
  const user = chat.user;
  if (user === undefined) return undefined;
  if (user.blocked) return forbidden('bot was blocked by the user');
  if (!user.started) return forbidden("bot can't initiate conversation with a user");
  return undefined;
}

/** Reads an `entities`-like parameter given instead of a parse mode. */
export function explicitEntities(params: Params, name: string): TelegramMessageEntity[] | undefined {
  const value = params.json(name);
  return Array.isArray(value) ? (value as TelegramMessageEntity[]) : undefined;
}

/**
 * The last gate of every send: the chat is reachable and flood control has room. Paid broadcasts
 * use the 1000/s window instead of the global 30/s one.
 * @see PLATFORMS.md §2.3
 */
export function admitSend(
  world: TelegramWorld,
  chat: ChatRecord,
  params: Params,
): TelegramApiFailure | undefined {
  const unreachable = checkReachable(chat);
  if (unreachable) return unreachable;
  const isGroup = chat.chat.type !== 'private';
  const admission = world.limiter.admit(chat.chat.id, isGroup, params.boolean('allow_paid_broadcast'));
  return admission.ok ? undefined : tooManyRequests(admission.retryAfterMs);
}

/** Records an accepted message in the ledger and the stats. */
export function recordSend(
  world: TelegramWorld,
  method: string,
  message: TelegramMessage,
  params: Params,
): void {
  world.ledger.record({
    method,
    recipient: String(message.chat.id),
    messageId: String(message.message_id),
    payload: params.values,
    at: world.clock.now(),
  });
  world.stats.accept(['global', `chat:${message.chat.id}`]);
}

/** The message a `reply_parameters` or `reply_to_message_id` points at, when it exists in the chat. */
export function replyTarget(chat: ChatRecord, params: Params): TelegramMessage | undefined {
  const replyParameters = params.json('reply_parameters');
  const id =
    typeof replyParameters === 'object' && replyParameters !== null
      ? Number((replyParameters as Record<string, unknown>)['message_id'])
      : params.number('reply_to_message_id');
  if (id === undefined || !Number.isInteger(id)) return undefined;
  const target = chat.messages.get(id)?.message;
  if (target === undefined) return undefined;
  const { reply_to_message: _nested, ...withoutNested } = target;
  return withoutNested;
}
