import { access } from 'node:fs/promises';
import {
  type Clock,
  InputError,
  type Logger,
  type NativeRequest,
  type Pacer,
  type SendOutcome,
} from '@ferry/core';
import type { Api } from 'grammy';
import { LocalFile } from '../render/media.js';
import { outcomeOfError } from './classify.js';

/** How a raw Bot API call is made by method name (grammY's `api.raw`). */
type RawCall = (payload: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>;

/** Retries of a later part of a split message after a 429, so earlier parts are not sent twice. */
const LATER_PART_RATE_LIMIT_RETRIES = 3;

/** Options of a {@link TelegramSender}. */
export interface TelegramSenderOptions {
  readonly api: Api;
  readonly pacer: Pacer;
  readonly clock: Clock;
  readonly token: string;
  readonly paidBroadcast: boolean;
  readonly logger: Logger;
}

/** The pacer key of a chat. */
export function chatKey(chatId: string): string {
  return `chat:${chatId}`;
}

/**
 * Sends rendered requests to one chat through the pacer, honouring every retry-after: a 429 pauses
 * the chat (and everything, when two chats are refused within a second), so no request goes into a
 * scope still waiting out its retry-after.
 */
export class TelegramSender {
  private lastRateLimit: { readonly chat: string; readonly at: number } | undefined;

  constructor(private readonly options: TelegramSenderOptions) {}

  /** Sends `requests` in order to `chatId`; the outcome of the first failure, or `sent` with every message id. */
  async send(chatId: string, requests: readonly NativeRequest[], signal?: AbortSignal): Promise<SendOutcome> {
    await assertLocalFilesReadable(requests);
    const ids: string[] = [];
    for (const [index, request] of requests.entries()) {
      let attempts = 0;
      for (;;) {
        const outcome = await this.call(chatId, request, signal);
        if (typeof outcome === 'string') {
          ids.push(outcome);
          break;
        }
        if (outcome.status === 'rate-limited' && index > 0 && attempts++ < LATER_PART_RATE_LIMIT_RETRIES)
          continue;
        if (index === 0) return outcome;
        return withPartNote(outcome, index, requests.length);
      }
    }
    const first = ids[0] ?? '';
    return { status: 'sent', id: first, ids };
  }

  /** One paced call; the new message id, or the failure's outcome. */
  async call(
    chatId: string,
    request: NativeRequest,
    signal?: AbortSignal,
  ): Promise<string | Exclude<SendOutcome, { status: 'sent' }>> {
    const key = chatKey(chatId);
    try {
      await this.options.pacer.acquire(key, signal);
    } catch {
      return { status: 'transient', reason: 'The send was cancelled before it went out.' };
    }
    const raw = (this.options.api.raw as unknown as Record<string, RawCall | undefined>)[request.method];
    if (raw === undefined) return { status: 'rejected', reason: `Unknown Bot API method ${request.method}.` };
    const payload: Record<string, unknown> = {
      chat_id: chatIdValue(chatId),
      ...request.body,
      ...(this.options.paidBroadcast && request.method.startsWith('send')
        ? { allow_paid_broadcast: true }
        : {}),
    };
    try {
      const result = await raw.call(this.options.api.raw, payload, signal);
      return messageIdOf(result);
    } catch (error) {
      const outcome = outcomeOfError(error, this.options.token);
      if (outcome.status === 'rate-limited') return this.rateLimited(chatId, outcome.retryAfterMs);
      this.options.logger.log('debug', 'telegram send failed', {
        method: request.method,
        status: outcome.status,
      });
      return outcome;
    }
  }

  private rateLimited(chatId: string, retryAfterMs: number): Exclude<SendOutcome, { status: 'sent' }> {
    const now = this.options.clock.now();
    const previous = this.lastRateLimit;
    this.lastRateLimit = { chat: chatId, at: now };
    // Telegram does not say which limit it applied; refusals in two chats within a second mean the bot-wide one.
    const global = previous !== undefined && previous.chat !== chatId && now - previous.at < 1000;
    this.options.pacer.pause(retryAfterMs, chatKey(chatId));
    if (global) this.options.pacer.pause(retryAfterMs);
    this.options.logger.log('warn', 'telegram asked to wait', {
      retryAfterMs,
      scope: global ? 'global' : 'recipient',
    });
    return { status: 'rate-limited', retryAfterMs, scope: global ? 'global' : 'recipient' };
  }
}

/** Telegram chat ids are integers; `@channel` usernames stay strings. */
export function chatIdValue(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

function messageIdOf(result: unknown): string {
  if (typeof result === 'object' && result !== null && 'message_id' in result) {
    return String((result as { message_id: unknown }).message_id);
  }
  return '';
}

function withPartNote(
  outcome: Exclude<SendOutcome, { status: 'sent' }>,
  index: number,
  total: number,
): Exclude<SendOutcome, { status: 'sent' }> {
  if (!('reason' in outcome)) return outcome;
  return { ...outcome, reason: `${outcome.reason} (after ${index} of ${total} parts were delivered)` };
}

/**
 * Throws `InputError` naming the path when a local file to upload cannot be read: grammY would
 * only fail mid-request, which reads as a network failure and is retried in vain.
 */
async function assertLocalFilesReadable(requests: readonly NativeRequest[]): Promise<void> {
  for (const request of requests) {
    for (const value of Object.values(request.body)) {
      if (!(value instanceof LocalFile)) continue;
      try {
        await access(value.path);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new InputError(
          `The file ${value.path} could not be read${typeof code === 'string' ? ` (${code})` : ''}.`,
          { details: { path: value.path }, hint: 'Check the media path in the message.' },
        );
      }
    }
  }
}
