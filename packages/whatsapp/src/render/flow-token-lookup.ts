import { FLOW_TOKEN_CAPACITY, setNewest } from './flow-tokens.js';

/**
 * A persistent place for custom Flow tokens, shared by the processes that send and receive for one
 * number (Ferry's store: `store.flowTokens` satisfies it). `remember` is an upsert (a token re-sent
 * for another form names the latest; a token equal to its form id keeps no entry); `at` is in ms.
 * @see PLATFORMS.md §1.1 "nfm_reply" (the Flow id is not in the reply)
 */
export interface FlowTokenLookup {
  /** Records that `token` was sent for `formId` at `at`. */
  remember(token: string, formId: string, at: number): Promise<void>;
  /** The form id `token` was last sent for, or `undefined` when unknown. */
  formIdOf(token: string): Promise<string | undefined>;
}

/**
 * How long (ms) a channel skips re-writing a token it already wrote for the same form: a campaign
 * sending one Flow to everyone writes its token once an hour, not once per recipient, and the
 * stored `sent_at` stays far inside any retention counted in days.
 */
export const FLOW_TOKEN_REWRITE_MS = 60 * 60 * 1000;

interface Written {
  readonly formId: string;
  readonly at: number;
  readonly done: Promise<void>;
}

/**
 * Writes a channel's sent Flow tokens through to a `FlowTokenLookup`, once per token and form per
 * `FLOW_TOKEN_REWRITE_MS`; concurrent sends of one token share one write, and each waits for it,
 * so the row exists before the message leaves.
 */
export class FlowTokenWriter {
  readonly #written = new Map<string, Written>();

  constructor(
    readonly lookup: FlowTokenLookup,
    readonly capacity: number = FLOW_TOKEN_CAPACITY,
  ) {}

  /** Writes `token` -> `formId` unless this writer wrote the same pair less than an hour before `at`. */
  remember(token: string, formId: string, at: number): Promise<void> {
    const last = this.#written.get(token);
    if (last !== undefined && last.formId === formId && at - last.at < FLOW_TOKEN_REWRITE_MS)
      return last.done;
    const done = this.lookup.remember(token, formId, at);
    const written: Written = { formId, at, done };
    setNewest(this.#written, token, written, this.capacity);
    // A failed write is tried again by the next send of the token.
    done.catch(() => {
      if (this.#written.get(token) === written) this.#written.delete(token);
    });
    return done;
  }
}
