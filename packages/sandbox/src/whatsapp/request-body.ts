import { type EmulatorRequest, parseBody } from '../shared/emulator.js';
import { isJsonObject, type JsonObject } from './validator.js';

/** JSON bodies, or form bodies whose object values are JSON strings (Graph accepts both). */
export function decodeBody(request: EmulatorRequest): JsonObject | undefined {
  let body: Record<string, unknown>;
  try {
    body = parseBody(request);
  } catch {
    return undefined;
  }
  if (!isJsonObject(body)) return undefined;
  if (!String(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
    return body;
  const decoded: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        decoded[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the string.
      }
    }
    decoded[key] = value;
  }
  return decoded;
}
