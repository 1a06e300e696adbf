import type { Clock, Logger, PacingPreset, ShortIdTable } from '@ferry/core';
import type { FormSessionStore } from './forms/store.js';

/** Configuration of {@link createSlackChannel}; only `token` is required (`signingSecret` for HTTP deliveries, `appToken` for Socket Mode). */
export interface SlackChannelConfig {
  /** Bot token (`xoxb-…`). Never logged nor echoed in errors. */
  readonly token: string;
  /**
   * Signing secret used to verify Events API, interactivity and slash-command requests over HTTP
   * (`v0`); needed by `handleWebhook` only, so a Socket Mode app can leave it out.
   * @see PLATFORMS.md §3.5, §3.6
   */
  readonly signingSecret?: string;
  /** Web API base URL, as in `@slack/web-api` (`https://slack.com/api/` by default). */
  readonly slackApiUrl?: string;
  /** App-level token (`xapp-…`, scope `connections:write`) for Socket Mode (`listen`). */
  readonly appToken?: string;
  /** App id (`A…`) for `inviteLink`; read from the app token (`xapp-1-A…`) when not given. */
  readonly appId?: string;
  /** Slash command handled for linking and forms; `/ferry` by default. */
  readonly command?: string;
  /**
   * Match users by e-mail (`users.lookupByEmail`) when `matchByEmail` is called; off by default
   * because an e-mail match is weaker evidence than a code the user pastes.
   */
  readonly emailMatching?: boolean;
  /** Pacing limits; `PACING_PRESETS.slack` (1/s per channel, 100/min workspace) by default. */
  readonly pacing?: PacingPreset;
  /** Where form definitions and open form sessions live; in memory by default. */
  readonly formStore?: FormSessionStore;
  /** Where shortened ids are kept (restore them on inbound choices); persist it with `toJSON` to survive restarts. */
  readonly ids?: ShortIdTable;
  /** Time source for pacing and signature windows; the system clock by default. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The `fetch` the Web API client uses (a proxy-aware or instrumented one); `globalThis.fetch` by default. */
  readonly fetch?: typeof fetch;
  /** Request timeout for Web API calls in ms (0 = none, the SDK default). */
  readonly timeoutMs?: number;
}
