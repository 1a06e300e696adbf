/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string at `key`, or undefined when absent or not a string. */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** A form field that carries JSON (Slack form-encodes nested values as JSON strings). */
export function jsonField(record: Record<string, unknown>, key: string): unknown {
  const value = record[key];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The `text` of a Block Kit text object, or undefined. */
export function textOf(value: unknown): string | undefined {
  return isRecord(value) ? stringField(value, 'text') : undefined;
}

/** A form boolean (`true`, `1`) or a JSON boolean. */
export function booleanField(record: Record<string, unknown>, key: string): boolean {
  const value = record[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}
