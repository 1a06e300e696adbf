import { type Button, buttonRows, type ChannelCapabilities, type ShortIdTable } from '@ferry/core';

/** One inline keyboard button as the Bot API takes it. */
export type InlineButton =
  | { readonly text: string; readonly callback_data: string }
  | { readonly text: string; readonly url: string };

/** `reply_markup` of an inline keyboard. */
export interface InlineKeyboard {
  readonly inline_keyboard: readonly (readonly InlineButton[])[];
}

/** Callback data of a form's open button; `~` plus a non-base64url char never collides with a fitted id. */
export const FORM_OPEN_PREFIX = '~f:';
/** Callback data of a form conversation's own buttons (`~q:<step>:<answer>`). */
export const FORM_STEP_PREFIX = '~q:';

/** `callback_data` is 1–64 bytes. @see PLATFORMS.md §2.3 */
export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * The inline keyboard for fitted buttons, laid out in rows of at most 8, or `undefined` for none:
 * reply buttons carry their (already shortened) id, URL buttons their URL, form buttons a form marker.
 * @see PLATFORMS.md §2.3 (8 per row, 100 in total [S]; `callback_data` 1–64 bytes [P])
 */
export function inlineKeyboard(
  buttons: readonly Button[] | undefined,
  caps: ChannelCapabilities,
  ids: ShortIdTable,
): InlineKeyboard | undefined {
  if (buttons === undefined || buttons.length === 0) return undefined;
  const native = buttons.map((button): InlineButton => {
    switch (button.kind) {
      case 'url':
        return { text: button.title, url: button.url };
      case 'form':
        return { text: button.title, callback_data: formOpenData(button.formId, ids) };
      case 'reply':
        return { text: button.title, callback_data: button.id };
      case 'phone':
        return { text: button.title, url: `tel:${button.phone}` };
      default:
        // copyCode: Telegram has no copy button (fit writes the code into the text); keep it pressable.
        return { text: button.title, callback_data: ids.shorten(button.code, CALLBACK_DATA_MAX_BYTES) };
    }
  });
  const rows: InlineButton[][] = [];
  let start = 0;
  for (const size of buttonRows(native.length, caps)) {
    rows.push(native.slice(start, start + size));
    start += size;
  }
  return { inline_keyboard: rows };
}

/** The callback data of the button that opens form `formId`. */
export function formOpenData(formId: string, ids: ShortIdTable): string {
  return FORM_OPEN_PREFIX + ids.shorten(formId, CALLBACK_DATA_MAX_BYTES - FORM_OPEN_PREFIX.length);
}
