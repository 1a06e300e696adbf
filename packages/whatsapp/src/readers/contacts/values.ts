const TRUE_WORDS = new Set([
  'true',
  'yes',
  'y',
  '1',
  'x',
  'on',
  'ok',
  'optedin',
  'optin',
  'subscribed',
  'granted',
  'accepted',
  'sim',
  's',
  'si',
  'oui',
  'ja',
  'j',
  'vero',
  'verdadeiro',
  'verdadero',
]);
const FALSE_WORDS = new Set([
  'false',
  'no',
  'n',
  '0',
  'off',
  'nao',
  'non',
  'nein',
  'falso',
  'none',
  'denied',
  'notoptedin',
]);

/** A yes/no cell in several languages; `undefined` for an empty cell, `'invalid'` for anything else. */
export function parseYesNo(text: string): boolean | undefined | 'invalid' {
  const plain = text.trim().toLowerCase();
  if (TRUE_WORDS.has(plain)) return true;
  if (FALSE_WORDS.has(plain)) return false;
  const word = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (word === '') return text.trim() === '' ? undefined : text.trim() === '✓' ? true : 'invalid';
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return 'invalid';
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A time cell: ISO 8601 (`2025-03-01`, `2025-03-01 14:30`, `2025-03-01T14:30:00-03:00`; no zone
 * means UTC, so the result never depends on the machine) or Unix seconds/milliseconds.
 */
export function parseTime(text: string): number | undefined {
  const value = text.trim();
  if (/^\d{9,11}$/.test(value)) return Number(value) * 1000;
  if (/^\d{12,14}$/.test(value)) return Number(value);
  const match = ISO_DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
    milliseconds,
  );
  const check = new Date(utc);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return undefined;
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return (zone.startsWith('-') ? -1 : 1) * minutes * 60_000;
}

/** Tags separated by `|`, `;` or `,`, trimmed, without empties or duplicates, sorted. */
export function splitTags(text: string): string[] {
  const tags = new Set<string>();
  for (const part of text.split(/[|;,]/)) {
    const tag = part.trim();
    if (tag !== '') tags.add(tag);
  }
  return [...tags].sort();
}

/** `pt-br`, `pt_BR`, `PT` -> `pt_BR`, `pt` (WhatsApp's spelling); undefined when it is not a language tag. */
export function normaliseLanguage(text: string): string | undefined {
  const match = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, language, region] = match;
  return region === undefined
    ? language!.toLowerCase()
    : `${language!.toLowerCase()}_${region.toUpperCase()}`;
}

/**
 * `compute` remembering its last results by input: export columns repeat the same dates, tags and
 * languages on row after row. At most `size` results are kept; all are dropped at once when full.
 */
export function memoised<T>(compute: (text: string) => T, size = 4096): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    // One look-up on a hit; `has` only for a remembered `undefined` (an unreadable cell).
    const known = results.get(text);
    if (known !== undefined || results.has(text)) return known as T;
    const result = compute(text);
    if (results.size >= size) results.clear();
    results.set(text, result);
    return result;
  };
}
