import type { FormField } from '@ferry/core';
import type { FormTexts } from '../types.js';

/** A typed answer checked against its field: the value to store, or what to tell the user. */
export type Validation =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{4,}[0-9]$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a typed answer the way the Flow would have: the field type (email, phone, number, date,
 * passcode) and its length or value bounds. Text answers are trimmed.
 */
export function validateTyped(field: FormField, input: string, texts: FormTexts): Validation {
  const value = input.trim();
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength) return fail(texts.tooShort(field.minLength));
  if (field.maxLength !== undefined && length > field.maxLength) return fail(texts.tooLong(field.maxLength));
  switch (field.type) {
    case 'email':
      return EMAIL.test(value) ? pass(value) : fail(texts.invalid('email'));
    case 'phone': {
      if (!PHONE.test(value)) return fail(texts.invalid('phone'));
      return pass(value.replace(/[ ().-]/g, ''));
    }
    case 'passcode':
      return /^\d+$/.test(value) ? pass(value) : fail(texts.invalid('passcode'));
    case 'number': {
      const number = Number(value.replace(',', '.'));
      if (value === '' || !Number.isFinite(number)) return fail(texts.invalid('number'));
      const min = field.min === undefined ? undefined : Number(field.min);
      const max = field.max === undefined ? undefined : Number(field.max);
      if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
        return fail(texts.outOfRange(String(field.min ?? '…'), String(field.max ?? '…')));
      }
      return pass(String(number));
    }
    case 'date': {
      const date = isoDate(value);
      if (date === undefined) return fail(texts.invalid('date'));
      const min = typeof field.min === 'string' ? field.min : undefined;
      const max = typeof field.max === 'string' ? field.max : undefined;
      if ((min !== undefined && date < min) || (max !== undefined && date > max)) {
        return fail(texts.outOfRange(min ?? '…', max ?? '…'));
      }
      return pass(date);
    }
    default:
      return value === '' ? fail(texts.required) : pass(value);
  }
}

/** `YYYY-MM-DD` from `YYYY-MM-DD` or `DD.MM.YYYY` / `DD/MM/YYYY`, when it is a real calendar day. */
function isoDate(value: string): string | undefined {
  const european = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  const text =
    european === null
      ? value
      : `${european[3]}-${(european[2] ?? '').padStart(2, '0')}-${(european[1] ?? '').padStart(2, '0')}`;
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? text : undefined;
}

function pass(value: string): Validation {
  return { ok: true, value };
}

function fail(error: string): Validation {
  return { ok: false, error };
}
