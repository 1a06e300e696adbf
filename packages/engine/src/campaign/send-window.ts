import type { Contact } from '@ferry/core';

/** Hours of the recipient's local day in which sends may go: `[startHour, endHour)`, 0–24. */
export interface SendWindow {
  readonly startHour: number;
  readonly endHour: number;
  /** Zone for contacts whose country is unknown or not in the table (default `UTC`). */
  readonly fallbackZone?: string;
}

/**
 * One representative time zone per country (the most populous zone where a country has several),
 * for the send window; countries not listed fall back to the window's `fallbackZone`.
 */
const ZONE_BY_COUNTRY: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  AT: 'Europe/Vienna',
  AU: 'Australia/Sydney',
  BE: 'Europe/Brussels',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CH: 'Europe/Zurich',
  CL: 'America/Santiago',
  CO: 'America/Bogota',
  DE: 'Europe/Berlin',
  EG: 'Africa/Cairo',
  ES: 'Europe/Madrid',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GH: 'Africa/Accra',
  ID: 'Asia/Jakarta',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KE: 'Africa/Nairobi',
  MX: 'America/Mexico_City',
  MY: 'Asia/Kuala_Lumpur',
  NG: 'Africa/Lagos',
  NL: 'Europe/Amsterdam',
  PE: 'America/Lima',
  PH: 'Asia/Manila',
  PK: 'Asia/Karachi',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  SA: 'Asia/Riyadh',
  SG: 'Asia/Singapore',
  TR: 'Europe/Istanbul',
  US: 'America/New_York',
  VE: 'America/Caracas',
  ZA: 'Africa/Johannesburg',
};

/** Calling codes (longest first) for contacts whose country was not imported. */
const COUNTRY_BY_CALLING_CODE: readonly (readonly [string, string])[] = [
  ['351', 'PT'],
  ['353', 'IE'],
  ['234', 'NG'],
  ['233', 'GH'],
  ['254', 'KE'],
  ['966', 'SA'],
  ['972', 'IL'],
  ['55', 'BR'],
  ['54', 'AR'],
  ['56', 'CL'],
  ['57', 'CO'],
  ['58', 'VE'],
  ['51', 'PE'],
  ['52', 'MX'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['39', 'IT'],
  ['34', 'ES'],
  ['33', 'FR'],
  ['31', 'NL'],
  ['32', 'BE'],
  ['41', 'CH'],
  ['43', 'AT'],
  ['48', 'PL'],
  ['90', 'TR'],
  ['91', 'IN'],
  ['92', 'PK'],
  ['62', 'ID'],
  ['63', 'PH'],
  ['60', 'MY'],
  ['65', 'SG'],
  ['61', 'AU'],
  ['81', 'JP'],
  ['20', 'EG'],
  ['27', 'ZA'],
  ['1', 'US'],
];

/** The contact's country: as imported, else from the phone number's calling code. */
export function countryOf(contact: Contact): string | undefined {
  if (contact.country !== undefined) return contact.country.toUpperCase();
  const digits = (contact.phone ?? contact.waId ?? '').replace(/\D/g, '');
  for (const [code, country] of COUNTRY_BY_CALLING_CODE) if (digits.startsWith(code)) return country;
  return undefined;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) at `at` in `zone`. */
export function localHour(at: number, zone: string): number {
  let format = hourFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone });
    hourFormats.set(zone, format);
  }
  return Number(format.format(at)) % 24;
}

/** Whether `at` falls inside the window in the contact's local time. */
export function isInSendWindow(window: SendWindow, contact: Contact, at: number): boolean {
  const country = countryOf(contact);
  const zone = (country === undefined ? undefined : ZONE_BY_COUNTRY[country]) ?? window.fallbackZone ?? 'UTC';
  const hour = localHour(at, zone);
  return window.startHour <= window.endHour
    ? hour >= window.startHour && hour < window.endHour
    : hour >= window.startHour || hour < window.endHour;
}
