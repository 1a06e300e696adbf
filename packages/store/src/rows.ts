import type { StoredJson } from '@ferry/core';

/** `{ [key]: value }` when the column holds a value, `{}` when it is NULL (for exact optional properties). */
export function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** Reads a JSON column written by `toJson`. */
export function fromJson(text: string): StoredJson {
  return JSON.parse(text) as StoredJson;
}

/** Writes a JSON column. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
