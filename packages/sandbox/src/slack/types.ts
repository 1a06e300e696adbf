import type { EmulatorOptions } from '../shared/index.js';

/** The emulated workspace and the app installed in it (ids, tokens and granted bot scopes). */
export interface SlackWorkspace {
  readonly teamId: string;
  readonly teamName: string;
  /** Bot token (`xoxb-…`) the Web API accepts. */
  readonly botToken: string;
  /** Secret used to sign every request delivered to the app. @see PLATFORMS.md §3.5 */
  readonly signingSecret: string;
  /** App-level token (`xapp-…`) accepted by `apps.connections.open`. @see PLATFORMS.md §3.6 */
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** Bot scopes granted at install; methods whose scope is missing answer `missing_scope`. */
  readonly scopes: readonly string[];
  /** Whether the app's Home tab is turned on; when off, `views.publish` answers `not_enabled`. */
  readonly homeTabEnabled: boolean;
}

/** Rate limits the emulator enforces (429 + `Retry-After`). @see PLATFORMS.md §3.1 */
export interface SlackLimits {
  /** Sustained `chat.postMessage` rate per channel (Slack: 1/s). */
  readonly perChannelPerSecond: number;
  /** How many messages a channel may take at once before the sustained rate applies (default 3). */
  readonly perChannelBurst: number;
  /** Workspace-wide `chat.postMessage` cap per minute (Slack publishes none; default 300). */
  readonly workspacePerMinute: number;
  /** Tier 3 methods (`conversations.open`, `users.lookupByEmail`, `chat.update`): calls per minute (50). */
  readonly tier3PerMinute: number;
}

/** Options of a {@link SlackEmulator}; every field has a test default. */
export interface SlackEmulatorOptions extends EmulatorOptions {
  readonly workspace?: Partial<SlackWorkspace>;
  /** The app's Events API / interactivity / slash command URL (can be set later with `setRequestUrl`). */
  readonly requestUrl?: string;
  readonly limits?: Partial<SlackLimits>;
}

/** What the app needs to talk to the emulator. */
export interface SlackCredentials {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly appToken: string;
  /** Pass as `slackApiUrl` to `WebClient` / bolt's `clientOptions` (ends with `/api/`). */
  readonly slackApiUrl: string;
}

/** A workspace member as the emulator stores it. */
export interface SlackUserRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string | undefined;
  /** A deactivated account: DMs to it fail with `account_inactive`. */
  deleted: boolean;
  readonly isBot: boolean;
}

/** The kinds of conversation the emulator models. */
export type SlackChannelKind = 'channel' | 'private' | 'im' | 'mpim';

/** A conversation as the emulator stores it. */
export interface SlackChannelRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: SlackChannelKind;
  readonly members: Set<string>;
  archived: boolean;
  /** For an `im`: the human on the other side of the bot. */
  readonly userId?: string;
}

/** A message stored in a conversation's history (posted by the bot or a simulated user). */
export interface SlackMessageRecord {
  readonly channel: string;
  readonly ts: string;
  readonly user: string;
  text: string;
  blocks: unknown[] | undefined;
  readonly threadTs: string | undefined;
  readonly fromBot: boolean;
  edited: boolean;
  /** Emoji reactions on the message (`reactions.add`), in the order first added. */
  reactions?: SlackReactionRecord[];
}

/** One emoji on a message and who reacted with it. */
export interface SlackReactionRecord {
  readonly name: string;
  readonly users: string[];
}

/** A modal or App Home view as the emulator stores it. */
export interface SlackViewRecord {
  readonly id: string;
  readonly userId: string;
  /** The view definition the app sent (`modal`, or `home` from `views.publish`). */
  view: Record<string, unknown>;
  hash: string;
  readonly rootViewId: string;
  readonly previousViewId: string | undefined;
  open: boolean;
}

/** Knobs for one delivery, to simulate forged or replayed requests. */
export interface DeliveryOptions {
  /** Sign with this secret instead of the workspace's (a forged request). */
  readonly signingSecret?: string;
  /** Use this `X-Slack-Request-Timestamp` (seconds) instead of the emulator clock's (a stale request). */
  readonly timestampSeconds?: number;
}

/** The app's HTTP answer to one delivery (so tests can check acks and `response_action`). */
export interface SlackDelivery {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The raw response body. */
  readonly body: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly json: unknown;
}
