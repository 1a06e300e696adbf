import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { isValidNumber } from './validity.js';

describe('isValidNumber', () => {
  it('agrees with libphonenumber-js isValid() on numbers of every country, valid or not', () => {
    let seed = 7;
    const digit = (): number => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % 10;
    };
    let valid = 0;
    let checked = 0;
    const codes = new Set(getCountries().map((country) => getCountryCallingCode(country)));
    for (const code of [...codes, '800', '808', '870', '881', '882', '883', '888', '979']) {
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const length = 4 + (attempt % 10);
        let national = '';
        for (let index = 0; index < length; index += 1) national += String(digit());
        const parsed = parsePhoneNumberFromString(`+${code}${national}`);
        if (parsed === undefined) continue;
        checked += 1;
        const expected = parsed.isValid();
        if (expected) valid += 1;
        expect([parsed.number, isValidNumber(parsed)]).toEqual([parsed.number, expected]);
      }
    }
    // Near-misses of real mobiles: the last digits changed, one digit more or less.
    for (const [country, example] of Object.entries(examples) as [CountryCode, string][]) {
      for (let attempt = 0; attempt < 30; attempt += 1) {
        const tail = String(digit()) + String(digit());
        const national =
          attempt % 3 === 0
            ? `${example}${digit()}`
            : attempt % 3 === 1
              ? example.slice(0, -1)
              : example.slice(0, -2) + tail;
        const parsed = parsePhoneNumberFromString(national, country);
        if (parsed === undefined) continue;
        checked += 1;
        const expected = parsed.isValid();
        if (expected) valid += 1;
        expect([parsed.number, isValidNumber(parsed)]).toEqual([parsed.number, expected]);
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(valid).toBeGreaterThan(1_000);
  });

  it('accepts real mobiles and refuses numbers outside the numbering plan', () => {
    const check = (text: string): boolean => isValidNumber(parsePhoneNumberFromString(text)!);
    expect(check('+5511912345678')).toBe(true);
    expect(check('+393331234567')).toBe(true);
    expect(check('+15551234567')).toBe(false); // 555 is not an assigned US area code
    expect(check('+5511012345678')).toBe(false);
  });
});
