/**
 * The Telegram Bot API objects the emulator produces, trimmed to the fields it fills in.
 * @see PLATFORMS.md §2 (Bot API 10.1 api.json)
 */

/** A Telegram user or bot. */
export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** What getMe answers: the bot's own user plus its capabilities. */
export interface TelegramBotUser extends TelegramUser {
  is_bot: true;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
}

/** A chat: private chats with simulated users, or simulated groups. */
export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
}

/** A formatting or detected entity inside a text or caption, offsets in UTF-16 code units. */
export interface TelegramMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: TelegramUser;
  language?: string;
  custom_emoji_id?: string;
}

/** A contact card, own or forwarded. */
export interface TelegramContact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
  vcard?: string;
}

/** A stored file as messages reference it. */
export interface TelegramFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
  width?: number;
  height?: number;
  duration?: number;
}

/** An inline keyboard button as the emulator stores it (validated). */
export interface TelegramInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [action: string]: unknown;
}

/** The inline keyboard attached to a message. */
export interface TelegramInlineKeyboardMarkup {
  inline_keyboard: TelegramInlineKeyboardButton[][];
}

/** A message in a chat, sent by the bot or by a simulated user. */
export interface TelegramMessage {
  message_id: number;
  from?: TelegramUser;
  chat: TelegramChat;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: TelegramMessageEntity[];
  caption?: string;
  caption_entities?: TelegramMessageEntity[];
  photo?: TelegramFile[];
  document?: TelegramFile;
  video?: TelegramFile;
  audio?: TelegramFile;
  sticker?: TelegramFile & { is_animated: boolean; is_video: boolean; type: string };
  location?: { latitude: number; longitude: number; horizontal_accuracy?: number };
  contact?: TelegramContact;
  reply_to_message?: TelegramMessage;
  reply_markup?: TelegramInlineKeyboardMarkup;
}

/** A reaction the bot sets: one of the Bot API's emoji. @see https://core.telegram.org/bots/api#reactiontypeemoji */
export interface TelegramReactionType {
  readonly type: 'emoji';
  readonly emoji: string;
}

/** A change of the bot's own membership in a chat (block and unblock in private chats). */
export interface TelegramChatMemberUpdated {
  chat: TelegramChat;
  from: TelegramUser;
  date: number;
  old_chat_member: { status: 'member' | 'kicked'; user: TelegramUser; until_date?: number };
  new_chat_member: { status: 'member' | 'kicked'; user: TelegramUser; until_date?: number };
}

/** A press on an inline keyboard button. */
export interface TelegramCallbackQuery {
  id: string;
  from: TelegramUser;
  message: TelegramMessage;
  chat_instance: string;
  data: string;
}

/** One incoming update; exactly one of the optional fields is present. */
export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  callback_query?: TelegramCallbackQuery;
  my_chat_member?: TelegramChatMemberUpdated;
}

/** The update types an update can carry (the keys of `TelegramUpdate` other than `update_id`). */
export type TelegramUpdateType = Exclude<keyof TelegramUpdate, 'update_id'>;

/** A Telegram-shaped failure: `{ ok: false, error_code, description, parameters? }`. */
export interface TelegramApiFailure {
  readonly ok: false;
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

/** A Telegram-shaped success, with the optional description some methods add (setWebhook). */
export interface TelegramApiSuccess {
  readonly ok: true;
  readonly result: unknown;
  readonly description?: string;
}

/** What every method handler answers. */
export type TelegramApiResult = TelegramApiSuccess | TelegramApiFailure;
