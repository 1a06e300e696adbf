import type { EmulatorResponse, Ledger, SandboxClock, Stats } from '../shared/index.js';
import { SlidingWindowLimiter } from '../shared/index.js';
import type { SlackState } from './state.js';
import type { SlackLimits, SlackMessageRecord, SlackViewRecord, SlackWorkspace } from './types.js';

/** What a Web API method handler can reach. */
export interface SlackMethodContext {
  readonly state: SlackState;
  readonly workspace: SlackWorkspace;
  readonly limiters: SlackLimiters;
  readonly clock: SandboxClock;
  readonly ledger: Ledger;
  readonly stats: Stats;
  /** The method's arguments (form fields or JSON body). */
  readonly args: Record<string, unknown>;
}

/** A Web API method handler. */
export type SlackMethodHandler = (context: SlackMethodContext) => EmulatorResponse;

/** The rate limiters of one workspace. @see PLATFORMS.md §3.1 */
export class SlackLimiters {
  /** `chat.postMessage` per channel: `perChannelBurst` messages per `perChannelBurst / perChannelPerSecond` s. */
  readonly channel: SlidingWindowLimiter;
  /** `chat.postMessage` across the workspace, per minute. */
  readonly workspace: SlidingWindowLimiter;
  /** Tier 3 methods, keyed by method name, per minute. */
  readonly tier3: SlidingWindowLimiter;

  constructor(limits: SlackLimits, clock: SandboxClock) {
    const burst = Math.max(1, Math.floor(limits.perChannelBurst));
    this.channel = new SlidingWindowLimiter(
      burst,
      Math.round((burst / limits.perChannelPerSecond) * 1000),
      clock,
    );
    this.workspace = new SlidingWindowLimiter(limits.workspacePerMinute, 60_000, clock);
    this.tier3 = new SlidingWindowLimiter(limits.tier3PerMinute, 60_000, clock);
  }

  reset(): void {
    this.channel.reset();
    this.workspace.reset();
    this.tier3.reset();
  }
}

/** A successful Web API answer (HTTP 200, `ok: true`). */
export function ok(body: Record<string, unknown> = {}): EmulatorResponse {
  return { status: 200, body: { ok: true, ...body } };
}

/** A Web API error: HTTP 200 with `ok: false`, as Slack answers every non-429 error. @see PLATFORMS.md §3.1 */
export function fail(error: string, extra: Record<string, unknown> = {}): EmulatorResponse {
  return { status: 200, body: { ok: false, error, ...extra } };
}

/** `invalid_blocks` / `invalid_arguments` with the validation messages Slack attaches. */
export function failWithMessages(error: string, messages: readonly string[]): EmulatorResponse {
  return fail(error, {
    errors: messages,
    response_metadata: { messages: messages.map((message) => `[ERROR] ${message}`) },
  });
}

/** HTTP 429 with an integer `Retry-After` in seconds (at least 1). @see PLATFORMS.md §3.1 */
export function rateLimited(retryAfterMs: number): EmulatorResponse {
  return {
    status: 429,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    body: { ok: false, error: 'ratelimited' },
  };
}

/** A stored message in the Web API's JSON shape. */
export function messageJson(message: SlackMessageRecord, workspace: SlackWorkspace): Record<string, unknown> {
  return {
    type: 'message',
    user: message.user,
    text: message.text,
    ts: message.ts,
    team: workspace.teamId,
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(message.edited ? { edited: { user: message.user, ts: message.ts } } : {}),
    ...(message.reactions === undefined || message.reactions.length === 0
      ? {}
      : {
          reactions: message.reactions.map((reaction) => ({
            name: reaction.name,
            users: [...reaction.users],
            count: reaction.users.length,
          })),
        }),
    ...(message.fromBot
      ? {
          bot_id: workspace.botId,
          app_id: workspace.appId,
          bot_profile: {
            id: workspace.botId,
            app_id: workspace.appId,
            name: 'ferry',
            team_id: workspace.teamId,
          },
        }
      : {}),
  };
}

/** A stored modal in the Web API's JSON shape (`views.*` answers and interactivity payloads). */
export function viewJson(
  record: SlackViewRecord,
  workspace: SlackWorkspace,
  values: Record<string, unknown> = {},
): Record<string, unknown> {
  const view = record.view;
  return {
    id: record.id,
    team_id: workspace.teamId,
    type: view['type'] ?? 'modal',
    title: view['title'],
    blocks: view['blocks'] ?? [],
    ...(view['submit'] === undefined ? {} : { submit: view['submit'] }),
    ...(view['close'] === undefined ? {} : { close: view['close'] }),
    callback_id: view['callback_id'] ?? '',
    private_metadata: view['private_metadata'] ?? '',
    external_id: view['external_id'] ?? '',
    clear_on_close: view['clear_on_close'] === true,
    notify_on_close: view['notify_on_close'] === true,
    state: { values },
    hash: record.hash,
    previous_view_id: record.previousViewId ?? null,
    root_view_id: record.rootViewId,
    app_id: workspace.appId,
    app_installed_team_id: workspace.teamId,
    bot_id: workspace.botId,
  };
}
