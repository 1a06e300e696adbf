import { withDetectedEntities } from '../formatting/detect.js';
import { type FormattedText, formatText } from '../formatting/index.js';
import type { Params } from '../params.js';
import { validateReplyMarkup } from '../reply-markup.js';
import { badRequest, isFailure, success } from '../responses.js';
import type { TelegramApiFailure, TelegramApiResult, TelegramFile, TelegramMessage } from '../types.js';
import {
  admitSend,
  explicitEntities,
  type MethodContext,
  recordSend,
  replyTarget,
  resolveChat,
} from './common.js';

type MessageContent = Omit<TelegramMessage, 'message_id' | 'chat' | 'date' | 'from'>;

/** Runs the checks every send shares, in Telegram's order, then stores, records and answers the message. */
function deliver(
  context: MethodContext,
  params: Params,
  method: string,
  content: MessageContent | TelegramApiFailure,
): TelegramApiResult {
  if (isFailure(content)) return content;
  const markup = validateReplyMarkup(params.json('reply_markup'));
  if (isFailure(markup)) return markup;
  const { world } = context;
  const chat = resolveChat(world, params);
  if (isFailure(chat)) return chat;
  const replyTo = replyTarget(chat, params);
  if (replyTo === undefined && wantsReply(params) && !allowsMissingReply(params))
    return badRequest('message to be replied not found');
  const refused = admitSend(world, chat, params);
  if (refused) return refused;
  const message = world.addMessage(
    chat,
    world.bot.user,
    {
      ...content,
      ...(replyTo === undefined ? {} : { reply_to_message: replyTo }),
      ...(markup.kind === 'inline' ? { reply_markup: markup.markup } : {}),
    },
    true,
  );
  if (chat.user !== undefined) {
    if (markup.kind === 'keyboard') chat.user.keyboard = markup.markup;
    if (markup.kind === 'remove-keyboard') chat.user.keyboard = undefined;
  }
  recordSend(world, method, message, params);
  return success(message);
}

function wantsReply(params: Params): boolean {
  return params.has('reply_parameters') || params.has('reply_to_message_id');
}

function allowsMissingReply(params: Params): boolean {
  const replyParameters = params.json('reply_parameters');
  const nested =
    typeof replyParameters === 'object' &&
    replyParameters !== null &&
    (replyParameters as Record<string, unknown>)['allow_sending_without_reply'] === true;
  return nested || params.boolean('allow_sending_without_reply');
}

function textFields(formatted: FormattedText, field: 'text' | 'caption'): MessageContent {
  const entities = withDetectedEntities(formatted.text, formatted.entities);
  if (field === 'text') return { text: formatted.text, ...(entities.length > 0 ? { entities } : {}) };
  if (formatted.text.length === 0) return {};
  return { caption: formatted.text, ...(entities.length > 0 ? { caption_entities: entities } : {}) };
}

/** sendMessage: text 1–4096 after entity parsing. @see PLATFORMS.md §2.3, §2.5 */
export function sendMessage(context: MethodContext, params: Params): TelegramApiResult {
  const formatted = formatText(
    params.string('text') ?? '',
    params.string('parse_mode'),
    explicitEntities(params, 'entities'),
    'text',
  );
  return deliver(
    context,
    params,
    'sendMessage',
    isFailure(formatted) ? formatted : textFields(formatted, 'text'),
  );
}

/** The media kinds the emulator stores, with the field each is sent in. */
export type MediaKind = 'photo' | 'document' | 'video' | 'audio' | 'sticker';

const fileIdPrefix: Record<MediaKind, string> = {
  photo: 'AgACAgI',
  document: 'BQACAgI',
  video: 'BAACAgI',
  audio: 'CQACAgI',
  sticker: 'CAACAgI',
};

/**
 * sendPhoto, sendDocument, sendVideo, sendAudio: a file id, an HTTP URL or an upload; caption 0–1024.
 * sendSticker takes the same inputs and has no caption (Bot API: `sticker`, `emoji`).
 */
export function sendMedia(context: MethodContext, params: Params, kind: MediaKind): TelegramApiResult {
  const method = `send${kind[0]!.toUpperCase()}${kind.slice(1)}`;
  const file = resolveInputFile(context, params, kind);
  if (isFailure(file)) return deliver(context, params, method, file);
  if (kind === 'sticker') {
    return deliver(context, params, method, {
      sticker: { ...file, width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' },
    });
  }
  const caption = formatText(
    params.string('caption') ?? '',
    params.string('parse_mode'),
    explicitEntities(params, 'caption_entities'),
    'caption',
  );
  if (isFailure(caption)) return deliver(context, params, method, caption);
  const media: MessageContent =
    kind === 'photo'
      ? { photo: [{ ...file, width: 90, height: 90 }, file] }
      : kind === 'document'
        ? { document: file }
        : kind === 'video'
          ? { video: file }
          : { audio: file };
  return deliver(context, params, method, { ...media, ...textFields(caption, 'caption') });
}

function resolveInputFile(
  context: MethodContext,
  params: Params,
  kind: MediaKind,
): TelegramFile | TelegramApiFailure {
  const { world } = context;
  const value = params.string(kind);
  const uploadName = value?.startsWith('attach://') ? value.slice('attach://'.length) : kind;
  const upload = params.files.get(uploadName);
  if (upload === undefined && (value === undefined || value === '' || value.startsWith('attach://')))
    return badRequest(`there is no ${kind} in the request`);
  if (upload === undefined && value !== undefined) {
    const known = world.files.get(value);
    if (known) return known;
    if (!/^https?:\/\/[^\s/]+/i.test(value)) return badRequest('wrong file identifier/HTTP URL specified');
  }
  const sequence = world.nextSequence();
  const file: TelegramFile = {
    file_id: `${fileIdPrefix[kind]}${String(sequence).padStart(8, '0')}Sandbox`,
    file_unique_id: `AQAD${String(sequence).padStart(6, '0')}`,
    file_size: upload?.data.length ?? 0,
    ...(kind === 'photo' ? { width: 1280, height: 1280 } : {}),
    ...(kind === 'sticker' ? { width: 512, height: 512 } : {}),
    ...(kind === 'video' ? { width: 1280, height: 720, duration: 0 } : {}),
    ...(kind === 'audio' ? { duration: 0 } : {}),
    ...(kind === 'document' || kind === 'audio'
      ? {
          file_name: upload?.fileName ?? value?.split('/').pop() ?? 'file',
          mime_type: upload?.contentType ?? 'application/octet-stream',
        }
      : {}),
  };
  world.files.set(file.file_id, file);
  return file;
}

/** sendLocation: latitude −90..90, longitude −180..180. */
export function sendLocation(context: MethodContext, params: Params): TelegramApiResult {
  const latitude = params.number('latitude');
  const longitude = params.number('longitude');
  const accuracy = params.number('horizontal_accuracy');
  const content: MessageContent | TelegramApiFailure =
    latitude === undefined || longitude === undefined || Math.abs(latitude) > 90 || Math.abs(longitude) > 180
      ? badRequest('wrong location specified')
      : {
          location: {
            latitude,
            longitude,
            ...(accuracy === undefined ? {} : { horizontal_accuracy: accuracy }),
          },
        };
  return deliver(context, params, 'sendLocation', content);
}

/** sendContact: a phone number and a first name are required. */
export function sendContact(context: MethodContext, params: Params): TelegramApiResult {
  const phone = params.string('phone_number');
  const firstName = params.string('first_name');
  const lastName = params.string('last_name');
  const vcard = params.string('vcard');
  let content: MessageContent | TelegramApiFailure;
  if (phone === undefined || phone.trim() === '') content = badRequest('phone number is empty');
  else if (firstName === undefined || firstName.trim() === '') content = badRequest('first name is empty');
  else
    content = {
      contact: {
        phone_number: phone,
        first_name: firstName,
        ...(lastName === undefined ? {} : { last_name: lastName }),
        ...(vcard === undefined ? {} : { vcard }),
      },
    };
  return deliver(context, params, 'sendContact', content);
}
