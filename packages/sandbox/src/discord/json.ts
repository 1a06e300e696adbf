/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an array of objects (non-objects are dropped), or undefined when it is not an array. */
export function objectArray(value: unknown): JsonObject[] | undefined {
  return Array.isArray(value) ? value.filter(isObject) : undefined;
}

/** Length in Unicode code points, which is how Discord counts characters. */
export function textLength(value: unknown): number {
  if (typeof value === 'number') return String(value).length;
  return typeof value === 'string' ? Array.from(value).length : 0;
}

/** The value when it is a string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
