/** Wall-clock fields of a moment in some time zone. */
interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** The shape of a plan date-time (calendar validity is checked separately). */
export const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The shape of a plan duration: weeks, days, hours, minutes, seconds in that order. */
export const DURATION_PATTERN = /^(?=\d)(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000] as const;

/** True when `text` names a time zone this runtime knows (IANA names and `UTC`). */
export function isTimeZone(text: string): boolean {
  if (text.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}

/** The canonical spelling of a known time zone (`europe/rome` -> `Europe/Rome`). */
export function canonicalTimeZone(text: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
}

/** True when `text` is a duration like `14d`, `36h`, `2w` or `1d12h` longer than zero. */
export function isDurationText(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** Milliseconds in a duration like `14d`, `36h` or `1d12h`; undefined when it is not one or is zero. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return undefined;
  let total = 0;
  for (let unit = 0; unit < UNIT_MS.length; unit++) {
    const amount = match[unit + 1];
    if (amount !== undefined) total += Number(amount) * (UNIT_MS[unit] ?? 0);
  }
  return total > 0 ? total : undefined;
}

/** A duration in ms written the way the plan file writes them (`14d`, `1d12h`, `90m`). */
export function formatDuration(ms: number): string {
  const units = ['d', 'h', 'm', 's'] as const;
  const sizes = [86_400_000, 3_600_000, 60_000, 1000] as const;
  let rest = Math.round(ms);
  let text = '';
  for (let index = 0; index < units.length; index++) {
    const size = sizes[index] ?? 1;
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) text += `${amount}${units[index]}`;
  }
  return text === '' ? '0s' : text;
}

/** True when `text` is an ISO 8601 date or date-time the plan accepts, naming a real calendar moment. */
export function isDateTimeText(text: string): boolean {
  return parseDateTimeParts(text) !== undefined;
}

interface DateTimeParts {
  readonly wall: WallClock;
  /** Offset from UTC in minutes when the text carried one (`Z` is 0). */
  readonly offsetMinutes?: number;
}

function parseDateTimeParts(text: string): DateTimeParts | undefined {
  const match = DATE_TIME_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '0').padEnd(3, '0')),
  };
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (probe.getUTCMonth() !== wall.month - 1 || probe.getUTCDate() !== wall.day) return undefined;
  if (offset === undefined) return { wall };
  if (offset === 'Z') return { wall, offsetMinutes: 0 };
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  if (minutes > 18 * 60) return undefined;
  return { wall, offsetMinutes: offset.startsWith('-') ? -minutes : minutes };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `epochMs`. */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'] ?? 0,
    month: fields['month'] ?? 1,
    day: fields['day'] ?? 1,
    hour: fields['hour'] ?? 0,
    minute: fields['minute'] ?? 0,
    second: fields['second'] ?? 0,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

function utcOf(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

function offsetAt(epochMs: number, timeZone: string): number {
  return utcOf(wallClockAt(epochMs, timeZone)) - epochMs;
}

/** The result of reading a plan date-time: the moment, and whether the local time had to move (DST gap). */
export interface ResolvedDateTime {
  readonly epochMs: number;
  /** True when the local time does not exist in the zone (spring-forward gap) and was moved forward. */
  readonly shifted: boolean;
}

/**
 * Reads an ISO date or date-time; without an offset it is a wall-clock time in `timeZone` (a date alone
 * is 00:00). In a repeated hour (autumn) the earlier moment wins; in a skipped hour the time moves forward.
 */
export function resolveDateTime(text: string, timeZone: string): ResolvedDateTime | undefined {
  const parts = parseDateTimeParts(text);
  if (parts === undefined) return undefined;
  const asUtc = utcOf(parts.wall);
  if (parts.offsetMinutes !== undefined) {
    return { epochMs: asUtc - parts.offsetMinutes * 60_000, shifted: false };
  }
  // Try both offsets around the guess: the earlier valid one wins for repeated hours.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const candidates = [asUtc - before, asUtc - after].sort((left, right) => left - right);
  for (const candidate of candidates) {
    if (utcOf(wallClockAt(candidate, timeZone)) === asUtc) return { epochMs: candidate, shifted: false };
  }
  // A skipped local time: keep the wall-clock distance from before the gap (02:30 becomes 03:30).
  return { epochMs: asUtc - before, shifted: true };
}
