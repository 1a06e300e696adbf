import type { Clock } from '@ferry/core';
import { FerryError } from '@ferry/core';

/** Discord bans an IP that makes 10,000 invalid requests (401, 403, 429) in 10 minutes. @see PLATFORMS.md §4.4 */
export const INVALID_REQUEST_WINDOW_MS = 10 * 60 * 1000;
/** Discord's ban threshold. @see PLATFORMS.md §4.4 */
export const DISCORD_INVALID_REQUEST_LIMIT = 10_000;

/** Counts of this channel's responses, for progress displays and the <1% invalid-share goal. */
export interface RequestStats {
  readonly requests: number;
  /** 401, 403 and 429 responses (except 429s of scope `shared`, which Discord does not count). */
  readonly invalid: number;
  /** Invalid responses in the last 10 minutes. */
  readonly invalidInWindow: number;
}

/**
 * Watches 401/403/429 responses in a sliding 10 minutes and stops a run well before Discord's
 * invalid-request ban, with an error saying why.
 * @see PLATFORMS.md §4.4 (invalid-request limit)
 */
export class InvalidRequestGuard {
  readonly #times: number[] = [];
  #requests = 0;
  #invalid = 0;

  constructor(
    private readonly clock: Clock,
    private readonly budget: number,
  ) {}

  /** Records one response's status (and 429 scope). */
  record(status: number, scope: string | null): void {
    this.#requests++;
    const invalid = status === 401 || status === 403 || (status === 429 && scope !== 'shared');
    if (!invalid) return;
    this.#invalid++;
    this.#times.push(this.clock.now());
  }

  /** Throws when the invalid responses of the last 10 minutes reached the budget. */
  assertWithinBudget(): void {
    const count = this.inWindow();
    if (count < this.budget) return;
    throw new FerryError(
      'rate_limited',
      `Stopped sending: ${count} invalid Discord responses (401/403/429) in the last 10 minutes; Discord bans at ${DISCORD_INVALID_REQUEST_LIMIT}.`,
      {
        retryable: true,
        details: { invalidInWindow: count, budget: this.budget },
        hint: 'Check the bot token and the recipients (blocked users give 403), then resume after 10 minutes.',
      },
    );
  }

  /** The counts so far. */
  stats(): RequestStats {
    return { requests: this.#requests, invalid: this.#invalid, invalidInWindow: this.inWindow() };
  }

  private inWindow(): number {
    const since = this.clock.now() - INVALID_REQUEST_WINDOW_MS;
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= since) this.#times.shift();
    return this.#times.length;
  }
}
