import type { Pacer, SendOutcome } from '@ferry/core';
import type { WebClient } from '@slack/web-api';
import { outcomeOfError } from './outcomes.js';

/** A user id (`U…`, `W…`): posting to them means opening the app's DM first. */
export function isUserId(recipient: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(recipient);
}

/**
 * Turns a recipient into the channel to post in: channel ids as they are, user ids through
 * `conversations.open`, called once per user (concurrent sends share the call) and cached.
 * @see PLATFORMS.md §3.1 (`conversations.open` is Tier 3)
 */
export class DirectMessages {
  readonly #opened = new Map<string, Promise<{ channel: string } | { failed: SendOutcome }>>();

  constructor(
    private readonly client: WebClient,
    private readonly pacer: Pacer,
  ) {}

  /** The channel id for `recipient`, or the outcome that stops the send. */
  async channelFor(
    recipient: string,
    signal?: AbortSignal,
  ): Promise<{ channel: string } | { failed: SendOutcome }> {
    if (!isUserId(recipient)) return { channel: recipient };
    const cached = this.#opened.get(recipient);
    if (cached !== undefined) return cached;
    const opening = this.open(recipient, signal);
    this.#opened.set(recipient, opening);
    const result = await opening;
    // Only successes are cached: a later send retries a user that failed (deactivated, rate-limited).
    if ('failed' in result) this.#opened.delete(recipient);
    return result;
  }

  /** Records a user's DM channel seen on an inbound message, so sending to them needs no `conversations.open`. */
  remember(user: string, channel: string): void {
    if (isUserId(user) && /^D[A-Z0-9]+$/.test(channel)) this.#opened.set(user, Promise.resolve({ channel }));
  }

  /** How many DMs are cached (for tests and stats). */
  get size(): number {
    return this.#opened.size;
  }

  private async open(
    user: string,
    signal?: AbortSignal,
  ): Promise<{ channel: string } | { failed: SendOutcome }> {
    await this.pacer.acquire('conversations.open', signal);
    try {
      const result = await this.client.conversations.open({ users: user });
      const id = result.channel?.id;
      if (id === undefined)
        return { failed: { status: 'rejected', reason: 'conversations.open returned no channel' } };
      return { channel: id };
    } catch (error) {
      const failed = outcomeOfError(error, 'conversations.open', false);
      if (failed.status === 'rate-limited') this.pacer.pause(failed.retryAfterMs);
      return { failed };
    }
  }
}
