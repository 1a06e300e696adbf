import { badRequest } from './responses.js';
import type {
  TelegramApiFailure,
  TelegramInlineKeyboardButton,
  TelegramInlineKeyboardMarkup,
} from './types.js';

/** A reply keyboard button as the user sees it. */
export interface TelegramReplyKeyboardButton {
  readonly text: string;
  readonly request_contact?: boolean;
  readonly request_location?: boolean;
}

/** A reply keyboard shown in place of the user's keyboard. */
export interface TelegramReplyKeyboard {
  readonly keyboard: TelegramReplyKeyboardButton[][];
  readonly one_time_keyboard?: boolean;
  readonly is_persistent?: boolean;
  readonly input_field_placeholder?: string;
}

/** A validated `reply_markup`. */
export type ValidatedMarkup =
  | { readonly kind: 'none' }
  | { readonly kind: 'inline'; readonly markup: TelegramInlineKeyboardMarkup }
  | { readonly kind: 'keyboard'; readonly markup: TelegramReplyKeyboard }
  | { readonly kind: 'remove-keyboard' }
  | { readonly kind: 'force-reply' };

const inlineActions = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

/** Community-measured caps; the real server answers "reply markup is too long". @see PLATFORMS.md §2.3 */
const maxInlineButtons = 100;
const maxReplyButtons = 300;
const maxCallbackDataBytes = 64;

const cantParseButton = (detail: string) => badRequest(`can't parse inline keyboard button: ${detail}`);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isArrayOfArrays = (value: unknown): value is unknown[][] =>
  Array.isArray(value) && value.every((row) => Array.isArray(row));

/**
 * Validates a `reply_markup` as Telegram does: inline buttons need exactly one action, callback
 * data is 1–64 bytes, reply keyboards hold text or request buttons.
 * @see PLATFORMS.md §2.2, §2.3
 */
export function validateReplyMarkup(raw: unknown): ValidatedMarkup | TelegramApiFailure {
  if (raw === undefined || raw === null || raw === '') return { kind: 'none' };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return badRequest("can't parse reply keyboard markup JSON object");
    }
  }
  if (!isRecord(value)) return badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in value) return validateInline(value['inline_keyboard']);
  if ('keyboard' in value) return validateKeyboard(value);
  if (value['remove_keyboard'] === true) return { kind: 'remove-keyboard' };
  if (value['force_reply'] === true) return { kind: 'force-reply' };
  return badRequest("can't parse reply keyboard markup JSON object");
}

function validateInline(rows: unknown): ValidatedMarkup | TelegramApiFailure {
  if (!isArrayOfArrays(rows))
    return badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  const keyboard: TelegramInlineKeyboardButton[][] = [];
  let count = 0;
  for (const row of rows) {
    const validRow: TelegramInlineKeyboardButton[] = [];
    for (const button of row) {
      if (!isRecord(button)) return cantParseButton('InlineKeyboardButton must be an Object');
      if (typeof button['text'] !== 'string') return cantParseButton('Field "text" must be of type String');
      const actions = inlineActions.filter((action) => button[action] !== undefined);
      if (actions.length === 0) return cantParseButton('Text buttons are unallowed in the inline keyboard');
      if (actions.length > 1) return badRequest('BUTTON_TYPE_INVALID');
      const data = button['callback_data'];
      if (data !== undefined) {
        const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
        if (bytes < 1 || bytes > maxCallbackDataBytes) return badRequest('BUTTON_DATA_INVALID');
      }
      const url = button['url'];
      if (url !== undefined && !isButtonUrl(url)) return badRequest('BUTTON_URL_INVALID');
      validRow.push({ ...button, text: button['text'] });
      count++;
    }
    keyboard.push(validRow);
  }
  if (count > maxInlineButtons) return badRequest('reply markup is too long');
  return { kind: 'inline', markup: { inline_keyboard: keyboard } };
}

function validateKeyboard(value: Record<string, unknown>): ValidatedMarkup | TelegramApiFailure {
  const rows = value['keyboard'];
  if (!isArrayOfArrays(rows))
    return badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
  const keyboard: TelegramReplyKeyboardButton[][] = [];
  let count = 0;
  for (const row of rows) {
    const validRow: TelegramReplyKeyboardButton[] = [];
    for (const button of row) {
      if (typeof button === 'string') validRow.push({ text: button });
      else if (isRecord(button) && typeof button['text'] === 'string')
        validRow.push({
          text: button['text'],
          ...(button['request_contact'] === true ? { request_contact: true } : {}),
          ...(button['request_location'] === true ? { request_location: true } : {}),
        });
      else return badRequest('can\'t parse keyboard button: Field "text" must be of type String');
      count++;
    }
    keyboard.push(validRow);
  }
  if (count > maxReplyButtons) return badRequest('reply markup is too long');
  const placeholder = value['input_field_placeholder'];
  return {
    kind: 'keyboard',
    markup: {
      keyboard,
      ...(value['one_time_keyboard'] === true ? { one_time_keyboard: true } : {}),
      ...(value['is_persistent'] === true ? { is_persistent: true } : {}),
      ...(typeof placeholder === 'string' ? { input_field_placeholder: placeholder } : {}),
    },
  };
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`);
    return ['http:', 'https:', 'tg:'].includes(parsed.protocol);
  } catch {
    return false;
  }
}
