/** How many custom tokens a table keeps before forgetting the oldest. */
export const FLOW_TOKEN_CAPACITY = 100_000;

/**
 * Sets `key` as the map's newest entry (re-inserting moves it to the end) and drops the oldest
 * past `capacity`, so the map keeps the most recently set keys.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}

/** Where rendering records each Flow token it sends with its form id (a `FlowTokenTable`, for one). */
export interface FlowTokenRecorder {
  /** Records that `token` was sent for `formId`. */
  remember(token: string, formId: string): void;
}

/** Where parsing a webhook looks up which form a Flow token was sent for (a `FlowTokenTable`, for one). */
export interface FlowTokenNames {
  /** The form id `token` was sent for, or `undefined` when unknown. */
  formIdOf(token: string): string | undefined;
}

/**
 * Which form a custom Flow token (`meta.flowToken`, a template's FLOW button `flowToken`) opens,
 * so the completion webhook, which carries only the token, can name the form.
 *
 * It lives in memory, beside the channel's `ShortIdTable`: without a persistent `FlowTokenLookup`
 * (`config.flowTokenLookup`), a token sent by another process or before a restart, or pushed out
 * by newer ones past `capacity`, is unknown, and the `form` event then carries the token itself as
 * `formId`. A token reused for another form names the latest one.
 * @see PLATFORMS.md §1.1 "nfm_reply" (the Flow id is not in the reply)
 */
export class FlowTokenTable implements FlowTokenRecorder, FlowTokenNames {
  readonly #formIds = new Map<string, string>();

  constructor(readonly capacity: number = FLOW_TOKEN_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('A flow token table needs a capacity of at least 1.');
  }

  /** Records that `token` was sent for `formId`; a token equal to its form id needs no entry (and drops an older one). */
  remember(token: string, formId: string): void {
    if (token === formId) this.#formIds.delete(token);
    else setNewest(this.#formIds, token, formId, this.capacity);
  }

  /** The form id `token` was sent for, or `undefined` when this table never saw it. */
  formIdOf(token: string): string | undefined {
    return this.#formIds.get(token);
  }

  /** How many custom tokens the table holds. */
  get size(): number {
    return this.#formIds.size;
  }
}
