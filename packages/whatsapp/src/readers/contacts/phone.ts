import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isValidNumber } from './validity.js';
import { memoised } from './values.js';

/** A phone number in E.164 (`+5511912345678`) and the country it belongs to, or why it is not one. */
export type PhoneNormalisation =
  | { readonly ok: true; readonly phone: string; readonly country: CountryCode | undefined }
  | { readonly ok: false; readonly reason: string };

/** Normalises one written phone number, using `country` for numbers without a country code. */
export type PhoneNormaliser = (raw: string, country: CountryCode | undefined) => PhoneNormalisation;

/** Characters people put between digits: spaces (also no-break), dashes, dots, brackets, slashes. */
const FORMATTING = /[\s\u00a0\u2000-\u200f\u2010-\u2015\-.()[\]/]/g;

/**
 * Enough for a customer who recurs on nearby rows. A large map costs more than it saves on files of
 * distinct numbers: with 50,000 entries each look-up was 0.5 µs, with 4,096 0.1 µs.
 */
const DEFAULT_CACHE_SIZE = 4096;

/**
 * Creates a normaliser with a bounded cache per country, so a file that repeats numbers (the same
 * customer on many rows) parses each writing once. Validation uses libphonenumber's full (`max`)
 * metadata: a number must exist in its country's numbering plan, not just have a plausible length.
 * @see PLATFORMS.md §1.1 (`wa_id` is the number's digits; Ferry stores E.164 with `+`)
 */
export function createPhoneNormaliser(cacheSize: number = DEFAULT_CACHE_SIZE): PhoneNormaliser {
  const byCountry = new Map<CountryCode | undefined, (raw: string) => PhoneNormalisation>();
  return (raw, country) => {
    let normaliseHere = byCountry.get(country);
    if (normaliseHere === undefined) {
      normaliseHere = memoised((text) => normalise(text.trim(), country), cacheSize);
      byCountry.set(country, normaliseHere);
    }
    return normaliseHere(raw);
  };
}

/** True when `code` is an ISO 3166-1 alpha-2 country libphonenumber knows. */
export function isPhoneCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

function normalise(raw: string, country: CountryCode | undefined): PhoneNormalisation {
  const cleaned = raw.replace(FORMATTING, '');
  if (cleaned === '') return { ok: false, reason: 'the phone number is empty' };
  if (!/^\+?\d+$/.test(cleaned)) {
    return { ok: false, reason: `"${raw}" is not a phone number (only digits, spaces, + - . ( ) / allowed)` };
  }
  if (cleaned.startsWith('+')) {
    return valid(cleaned, undefined) ?? invalid(raw, undefined);
  }
  // 00 is the international prefix almost everywhere; trying it first saves a failed national parse.
  if (cleaned.startsWith('00')) {
    const withPrefix = valid(`+${cleaned.slice(2)}`, undefined);
    if (withPrefix !== undefined) return withPrefix;
  }
  const national = country === undefined ? undefined : valid(cleaned, country);
  if (national !== undefined) return national;
  // Exports often drop the '+' (a wa_id is exactly that).
  if (cleaned.length >= 10 && !cleaned.startsWith('0')) {
    const asInternational = valid(`+${cleaned}`, undefined);
    if (asInternational !== undefined) return asInternational;
  }
  return invalid(raw, country);
}

function valid(text: string, country: CountryCode | undefined): PhoneNormalisation | undefined {
  const parsed = parsePhoneNumberFromString(text, country);
  if (parsed !== undefined && isValidNumber(parsed))
    return { ok: true, phone: parsed.number, country: parsed.country };
  // Mexican mobiles used to be written +52 1 …; the 1 was dropped from the numbering plan in 2019.
  if (parsed?.countryCallingCode === '52' && parsed.nationalNumber.length === 11) {
    const withoutMobileToken = parsePhoneNumberFromString(`+52${parsed.nationalNumber.slice(1)}`);
    if (
      parsed.nationalNumber.startsWith('1') &&
      withoutMobileToken !== undefined &&
      isValidNumber(withoutMobileToken)
    ) {
      return { ok: true, phone: withoutMobileToken.number, country: withoutMobileToken.country };
    }
  }
  return undefined;
}

function invalid(raw: string, country: CountryCode | undefined): PhoneNormalisation {
  const where = raw.trim().startsWith('+') || country === undefined ? '' : ` for ${country}`;
  const hint =
    country === undefined && !raw.trim().startsWith('+') ? ' (no country code and no default country)' : '';
  return { ok: false, reason: `"${raw}" is not a valid phone number${where}${hint}` };
}
