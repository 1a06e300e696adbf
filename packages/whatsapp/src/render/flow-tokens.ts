/** How many custom tokens a table keeps before forgetting the oldest. */
export const FLOW_TOKEN_CAPACITY = 100_000;

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
    // Re-inserting moves the token to the newest end, so eviction drops the least recently sent.
    this.#formIds.delete(token);
    if (token === formId) return;
    this.#formIds.set(token, formId);
    if (this.#formIds.size > this.capacity) {
      const oldest = this.#formIds.keys().next();
      if (oldest.done !== true) this.#formIds.delete(oldest.value);
    }
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
