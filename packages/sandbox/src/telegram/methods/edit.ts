import { withDetectedEntities } from '../formatting/detect.js';
import { formatText } from '../formatting/index.js';
import type { Params } from '../params.js';
import { validateReplyMarkup } from '../reply-markup.js';
import { badRequest, isFailure, success } from '../responses.js';
import type { TelegramApiFailure, TelegramApiResult, TelegramInlineKeyboardMarkup } from '../types.js';
import type { MessageRecord } from '../world.js';
import { checkReachable, explicitEntities, type MethodContext, resolveChat } from './common.js';

const notModified =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

/** Finds the bot's own message an edit names; inline messages are not emulated. */
function findEditable(context: MethodContext, params: Params): MessageRecord | TelegramApiFailure {
  if (params.has('inline_message_id')) return badRequest('MESSAGE_ID_INVALID');
  const chat = resolveChat(context.world, params);
  if (isFailure(chat)) return chat;
  const messageId = params.number('message_id');
  if (messageId === undefined) return badRequest('message identifier is not specified');
  const stored = chat.messages.get(messageId);
  if (stored === undefined) return badRequest('message to edit not found');
  if (!stored.sentByBot) return badRequest("message can't be edited");
  return checkReachable(chat) ?? stored;
}

function readInlineMarkup(params: Params): TelegramInlineKeyboardMarkup | undefined | TelegramApiFailure {
  const markup = validateReplyMarkup(params.json('reply_markup'));
  if (isFailure(markup)) return markup;
  if (markup.kind === 'none') return undefined;
  if (markup.kind !== 'inline') return badRequest('inline keyboard expected');
  return markup.markup;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * editMessageText: the same text rules as sendMessage; omitting `reply_markup` removes the inline
 * keyboard, and an identical edit is refused as "message is not modified".
 */
export function editMessageText(context: MethodContext, params: Params): TelegramApiResult {
  const formatted = formatText(
    params.string('text') ?? '',
    params.string('parse_mode'),
    explicitEntities(params, 'entities'),
    'text',
  );
  if (isFailure(formatted)) return formatted;
  const markup = readInlineMarkup(params);
  if (isFailure(markup)) return markup;
  const stored = findEditable(context, params);
  if (isFailure(stored)) return stored;
  const current = stored.message;
  if (current.text === undefined) return badRequest('there is no text in the message to edit');
  const entities = withDetectedEntities(formatted.text, formatted.entities);
  if (
    current.text === formatted.text &&
    same(current.entities ?? [], entities) &&
    same(current.reply_markup, markup)
  )
    return badRequest(notModified);
  const { entities: _entities, reply_markup: _markup, ...rest } = current;
  stored.message = {
    ...rest,
    text: formatted.text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(markup === undefined ? {} : { reply_markup: markup }),
    edit_date: context.world.unixNow(),
  };
  return success(stored.message);
}

/** editMessageReplyMarkup: replaces (or, when omitted, removes) a message's inline keyboard. */
export function editMessageReplyMarkup(context: MethodContext, params: Params): TelegramApiResult {
  const markup = readInlineMarkup(params);
  if (isFailure(markup)) return markup;
  const stored = findEditable(context, params);
  if (isFailure(stored)) return stored;
  if (same(stored.message.reply_markup, markup)) return badRequest(notModified);
  const { reply_markup: _markup, ...rest } = stored.message;
  stored.message = {
    ...rest,
    ...(markup === undefined ? {} : { reply_markup: markup }),
    edit_date: context.world.unixNow(),
  };
  return success(stored.message);
}

/** answerCallbackQuery: once per query, text up to 200 characters. @see PLATFORMS.md §2.3 */
export function answerCallbackQuery(context: MethodContext, params: Params): TelegramApiResult {
  const id = params.string('callback_query_id') ?? '';
  const text = params.string('text');
  if (text !== undefined && text.length > 200) return badRequest('MESSAGE_TOO_LONG');
  const query = context.world.callbackQueries.get(id);
  if (query === undefined || query.answered)
    return badRequest('query is too old and response timeout expired or query ID is invalid');
  query.answered = true;
  const url = params.string('url');
  query.user.callbackAnswers.push({
    callbackQueryId: id,
    ...(text === undefined ? {} : { text }),
    showAlert: params.boolean('show_alert'),
    ...(url === undefined ? {} : { url }),
  });
  return success(true);
}
