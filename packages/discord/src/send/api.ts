import { REST, type RequestMethod, type RouteLike } from '@discordjs/rest';
import type { Clock } from '@ferry/core';
import { PACING_PRESETS, Pacer } from '@ferry/core';
import type { AttachmentFile } from '../render/media.js';
import { AttachmentCache } from './attachment-cache.js';
import { InvalidRequestGuard, type RequestStats } from './invalid-requests.js';
import { KeyLanes } from './lanes.js';

/**
 * @discordjs/rest's own global counter (fixed one-second windows, counted before its bucket
 * queues): raised above Discord's 50/s so it stays a backstop and never stalls sends the pacer has
 * already spaced within the sliding second.
 */
const REST_GLOBAL_BACKSTOP_PER_SECOND = 60;

/** What the REST client needs to know. */
export interface DiscordApiOptions {
  readonly token: string;
  readonly api?: string;
  readonly timeoutMs: number;
  readonly invalidRequestBudget: number;
  readonly clock: Clock;
  /** Where attachments are read (once per file version, not once per recipient); a fresh cache by default. */
  readonly attachments?: AttachmentCache;
}

/** One REST call: the route, an optional JSON body and local files to attach. */
export interface ApiCall {
  readonly method: RequestMethod;
  readonly route: RouteLike;
  readonly body?: unknown;
  readonly files?: readonly AttachmentFile[];
  /** Pacing key (the channel the request writes to); every call also counts against the global 50/s. */
  readonly key: string;
  readonly signal?: AbortSignal;
}

/**
 * The bot's REST access: @discordjs/rest (which reads the `X-RateLimit-*` headers and waits out
 * per-route buckets before sending) under Ferry's own global pacer (50/s with a margin, sliding,
 * as Discord counts it), with Discord's own retries off so every 5xx, lost response and 429 comes
 * back to the caller as a typed outcome. A 429 received is rejected as a `RateLimitError`.
 * @see PLATFORMS.md §4.4 (rate limits), §4.6 (@discordjs/rest)
 */
export class DiscordApi {
  readonly rest: REST;
  readonly pacer: Pacer;
  readonly guard: InvalidRequestGuard;
  readonly #token: string;
  readonly #attachments: AttachmentCache;
  readonly #received429 = new Set<string>();
  /** One call in flight per key plus one holding its slot, so a slot is never taken far ahead of the wire. */
  readonly #lanes = new KeyLanes(2);

  constructor(options: DiscordApiOptions) {
    this.#token = options.token;
    this.#attachments = options.attachments ?? new AttachmentCache();
    this.guard = new InvalidRequestGuard(options.clock, options.invalidRequestBudget);
    this.pacer = new Pacer({ clock: options.clock, ...PACING_PRESETS.discord });
    this.rest = new REST({
      ...(options.api === undefined ? {} : { api: options.api }),
      version: '10',
      retries: 0,
      timeout: options.timeoutMs,
      globalRequestsPerSecond: REST_GLOBAL_BACKSTOP_PER_SECOND,
      // A bucket the headers say is spent is waited for; only a 429 actually received is rejected.
      rejectOnRateLimit: (data) => {
        const path = data.url.split('?')[0] ?? '';
        for (const seen of this.#received429) {
          if (path.endsWith(seen)) {
            this.#received429.delete(seen);
            return true;
          }
        }
        return false;
      },
    }).setToken(options.token);
    this.rest.on('response', (request, response) => {
      const status = response.status;
      this.guard.record(status, response.headers.get('X-RateLimit-Scope'));
      if (status === 429) this.#received429.add(String(request.path));
    });
  }

  /** Makes one call, paced; throws @discordjs/rest's errors for the caller to map. */
  async call<T>(call: ApiCall): Promise<T> {
    this.guard.assertWithinBudget();
    // Read before taking a pacing slot: an unreadable file sends nothing and must not look sent.
    const files =
      call.files === undefined || call.files.length === 0
        ? undefined
        : await this.#attachments.load(call.files);
    const leave = await this.#lanes.enter(call.key, call.signal);
    try {
      await this.pacer.acquire(call.key, call.signal);
      // A 401 makes @discordjs/rest forget the token; set it again so one bad answer is not sticky.
      this.rest.setToken(this.#token);
      return (await this.rest.request({
        method: call.method,
        fullRoute: call.route,
        ...(call.body === undefined ? {} : { body: call.body }),
        ...(files === undefined ? {} : { files }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
      })) as T;
    } finally {
      leave();
    }
  }

  /** Request counts for the invalid-share goal (under 1% of responses are 401/403/429). */
  stats(): RequestStats {
    return this.guard.stats();
  }
}
