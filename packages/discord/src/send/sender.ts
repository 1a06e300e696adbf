import { RateLimitError, RequestMethod } from '@discordjs/rest';
import type { Logger, SendOptions, SendOutcome } from '@ferry/core';
import { Routes } from 'discord.js';
import type { DiscordRequest } from '../render/message.js';
import type { DiscordApi } from './api.js';
import { nonceBase, nonceFor } from './nonce.js';
import { DiscordErrorCodes, isRetryable, outcomeOf } from './outcomes.js';

/** Where a recipient string points: a user to DM, or a channel to post in. */
export type RecipientTarget = { readonly kind: 'user' | 'channel' | 'either'; readonly id: string };

/**
 * Reads a recipient: `user:<id>` or `channel:<id>` say which; a bare snowflake is tried as a user
 * first (DM opened for you), then as a channel.
 */
export function parseRecipient(recipient: string): RecipientTarget {
  const match = /^(user|channel):(.+)$/.exec(recipient);
  if (match !== null) return { kind: match[1] === 'user' ? 'user' : 'channel', id: match[2] ?? '' };
  return { kind: 'either', id: recipient };
}

/**
 * Sends rendered requests to one recipient: opens (and caches) the DM channel, then posts each
 * part with a nonce and `enforce_nonce`, re-sending after a 5xx or a lost answer with the SAME
 * nonce so Discord returns the first message instead of creating a second one.
 * @see PLATFORMS.md §4.1 (nonce, enforce_nonce), §4.3 (opening a DM)
 */
export class DiscordSender {
  readonly #channels = new Map<string, string>();
  /** DM opens in flight, so concurrent sends to one user open the DM once. */
  readonly #opening = new Map<string, Promise<string | SendOutcome>>();

  constructor(
    private readonly api: DiscordApi,
    private readonly retries: number,
    private readonly secrets: readonly string[],
    private readonly logger: Logger,
  ) {}

  async send(
    recipient: string,
    requests: readonly DiscordRequest[],
    options: SendOptions = {},
  ): Promise<SendOutcome> {
    const channel = await this.resolve(parseRecipient(recipient), options.signal);
    if (typeof channel !== 'string') return channel;
    const base = nonceBase(options.idempotencyKey);
    const ids: string[] = [];
    for (const [index, request] of requests.entries()) {
      const outcome = await this.post(channel, request, nonceFor(base, index), options.signal);
      if (outcome.status !== 'sent') return outcome;
      ids.push(...outcome.ids);
    }
    const [id] = ids;
    return id === undefined
      ? { status: 'rejected', reason: 'Nothing to send.' }
      : { status: 'sent', id, ids };
  }

  /** The DM channel id for a user (cached), or the channel id itself; an outcome when neither works. */
  async resolve(target: RecipientTarget, signal?: AbortSignal): Promise<string | SendOutcome> {
    if (target.kind === 'channel') return target.id;
    const cached = this.#channels.get(target.id);
    if (cached !== undefined) return cached;
    const pending = this.#opening.get(target.id);
    if (pending !== undefined) return pending;
    const opening = this.open(target, signal).finally(() => this.#opening.delete(target.id));
    this.#opening.set(target.id, opening);
    return opening;
  }

  private async open(target: RecipientTarget, signal?: AbortSignal): Promise<string | SendOutcome> {
    try {
      const channel = await this.api.call<{ id: string }>({
        method: RequestMethod.Post,
        route: Routes.userChannels(),
        body: { recipient_id: target.id },
        key: 'dm-open',
        ...(signal === undefined ? {} : { signal }),
      });
      this.#channels.set(target.id, channel.id);
      return channel.id;
    } catch (error) {
      const outcome = outcomeOf(error, 'open', this.secrets);
      if (outcome.status === 'rate-limited') {
        const global = error instanceof RateLimitError && error.global;
        this.api.pacer.pause(outcome.retryAfterMs, global ? undefined : 'dm-open');
        this.logger.log('warn', 'Discord rate-limited opening a DM', {
          retryAfterMs: outcome.retryAfterMs,
          global,
        });
        // Opening DMs is limited per bot (40003 and its route bucket), not per recipient.
        return { ...outcome, scope: 'global' };
      }
      if (target.kind === 'either' && isUnknownUser(error)) {
        this.#channels.set(target.id, target.id);
        return target.id;
      }
      return outcome;
    }
  }

  private async post(
    channel: string,
    request: DiscordRequest,
    nonce: string,
    signal?: AbortSignal,
  ): Promise<SendOutcome> {
    let outcome: SendOutcome = { status: 'transient', reason: 'not sent' };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      try {
        if (request.reaction !== undefined) {
          await this.api.call({
            method: RequestMethod.Put,
            route: Routes.channelMessageOwnReaction(
              channel,
              request.reaction.messageId,
              request.reaction.emoji,
            ),
            key: channel,
            ...(signal === undefined ? {} : { signal }),
          });
          return { status: 'sent', id: request.reaction.messageId, ids: [request.reaction.messageId] };
        }
        const message = await this.api.call<{ id: string }>({
          method: RequestMethod.Post,
          route: Routes.channelMessages(channel),
          body: { ...request.request.body, nonce, enforce_nonce: true },
          files: request.files,
          key: channel,
          ...(signal === undefined ? {} : { signal }),
        });
        return { status: 'sent', id: message.id, ids: [message.id] };
      } catch (error) {
        outcome = outcomeOf(error, 'create', this.secrets);
        if (outcome.status === 'rate-limited') {
          this.api.pacer.pause(outcome.retryAfterMs, outcome.scope === 'global' ? undefined : channel);
          this.logger.log('warn', 'Discord rate-limited a message', {
            retryAfterMs: outcome.retryAfterMs,
            scope: outcome.scope,
          });
          return outcome;
        }
        if (!isRetryable(outcome) || signal?.aborted === true) return outcome;
      }
    }
    return outcome;
  }
}

function isUnknownUser(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === DiscordErrorCodes.unknownUser
  );
}
