import {
  AuthError,
  type Channel,
  type ChannelCapabilities,
  type Clock,
  ConfigError,
  FerryError,
  type FidelityNote,
  type Identity,
  type InboundEvent,
  type InboundHandler,
  type ListenOptions,
  type Logger,
  type Message,
  PACING_PRESETS,
  Pacer,
  type Rendered,
  type SendOptions,
  type SendOutcome,
  ShortIdTable,
  silentLogger,
  systemClock,
} from '@ferry/core';
import { WebClient } from '@slack/web-api';
import { toSlackLogger } from './format/logger.js';
import { FormRunner } from './forms/runner.js';
import { InMemoryFormSessionStore } from './forms/store.js';
import { appIdFromAppToken, slackInviteLink } from './link/invite.js';
import { SLACK_CHANNEL_CAPABILITIES } from './render/capabilities.js';
import { formNotes } from './render/form-notes.js';
import { renderSlackMessage } from './render/render.js';
import { DirectMessages } from './send/conversations.js';
import { outcomeOfError } from './send/outcomes.js';
import { postAll } from './send/sender.js';
import { listenSocketMode } from './socket/listen.js';
import type { SlackChannelConfig } from './types.js';
import { SlackInbound } from './webhook/dispatch.js';
import { handleSlackRequest } from './webhook/handle.js';
import { SlackRequestVerifier } from './webhook/verify.js';

/** Scopes every Ferry Slack app needs: post (`chat:write`) and open DMs (`im:write`). */
export const REQUIRED_SCOPES = ['chat:write', 'im:write'] as const;

/** Tier 3 methods: 50 calls a minute each. @see PLATFORMS.md §3.1 */
const TIER3 = { limit: 50, windowMs: 60_000, burst: 10 } as const;

/** The result of {@link SlackChannel.matchByEmail}: the e-mail-match event, or why there is none. */
export type EmailMatchResult =
  | { readonly status: 'matched'; readonly event: Extract<InboundEvent, { type: 'email-match' }> }
  | { readonly status: 'not-found' }
  | { readonly status: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly status: 'failed'; readonly reason: string };

/** The Slack channel: Block Kit rendering, paced DMs, signed HTTP and Socket Mode events, modal forms. */
export class SlackChannel implements Channel {
  readonly name = 'slack' as const;
  readonly capabilities: ChannelCapabilities = SLACK_CHANNEL_CAPABILITIES;
  /** The Web API client (retries off, 429s rejected so pacing stays per channel). */
  readonly client: WebClient;
  readonly #config: SlackChannelConfig;
  readonly #ids: ShortIdTable;
  readonly #pacer: Pacer;
  readonly #tier3: Pacer;
  readonly #dms: DirectMessages;
  readonly #forms: FormRunner;
  readonly #inbound: SlackInbound;
  /** Present when the signing secret is: only HTTP deliveries need it. */
  readonly #verifier: SlackRequestVerifier | undefined;
  readonly #clock: Clock;
  readonly #logger: Logger;
  /** Handler work still running for requests already acknowledged. */
  readonly #background = new Set<Promise<void>>();

  constructor(config: SlackChannelConfig) {
    if (typeof config.token !== 'string' || config.token.trim() === '') {
      throw new ConfigError('Slack needs a bot token (xoxb-…).');
    }
    if (
      config.signingSecret !== undefined &&
      (typeof config.signingSecret !== 'string' || config.signingSecret === '')
    ) {
      throw new ConfigError(
        'Slack `signingSecret` is empty: give the app signing secret, or leave it out for Socket Mode.',
      );
    }
    this.#config = config;
    this.#ids = config.ids ?? new ShortIdTable();
    this.#clock = config.clock ?? systemClock;
    this.#logger = config.logger ?? silentLogger;
    this.client = new WebClient(config.token, {
      ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      ...(config.timeoutMs === undefined ? {} : { timeout: config.timeoutMs }),
      ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
      logger: toSlackLogger(this.#logger, [config.token, config.signingSecret, config.appToken]),
    });
    this.#pacer = new Pacer({ clock: this.#clock, ...(config.pacing ?? PACING_PRESETS.slack) });
    this.#tier3 = new Pacer({ clock: this.#clock, perKey: TIER3 });
    this.#dms = new DirectMessages(this.client, this.#tier3);
    this.#forms = new FormRunner(config.formStore ?? new InMemoryFormSessionStore(), (id) =>
      this.#restore(id),
    );
    this.#verifier =
      config.signingSecret === undefined
        ? undefined
        : new SlackRequestVerifier({ signingSecret: config.signingSecret, now: () => this.#clock.now() });
    this.#inbound = new SlackInbound({
      client: this.client,
      forms: this.#forms,
      restore: (id) => this.#restore(id),
      command: config.command ?? '/ferry',
      now: () => this.#clock.now(),
      logger: this.#logger,
      rememberDm: (user, channel) => this.#dms.remember(user, channel),
      post: async (channel, body) => {
        const resolved = await this.#dms.channelFor(channel);
        if ('channel' in resolved)
          await postAll(this.client, this.#pacer, resolved.channel, [{ method: 'chat.postMessage', body }]);
      },
    });
  }

  /** The `chat.postMessage` bodies (without `channel`) and every fidelity note, forms included. */
  render(message: Message): Rendered {
    const rendered = renderSlackMessage(message, this.#ids);
    const notes: FidelityNote[] = [...rendered.notes];
    for (const part of rendered.fitted) if (part.form !== undefined) notes.push(...formNotes(part.form));
    return { payloads: rendered.payloads, notes };
  }

  /** Posts to a channel id, or to a user id through their DM (opened once and cached). */
  async send(recipient: string, message: Message, options: SendOptions = {}): Promise<SendOutcome> {
    const rendered = renderSlackMessage(message, this.#ids);
    const target = await this.#dms.channelFor(recipient, options.signal);
    if ('failed' in target) return target.failed;
    for (const part of rendered.fitted) {
      // Core's rule for a form result's flow_token: the message's meta.flow_token, else the form id.
      const flowToken = message.meta?.['flow_token'] ?? part.form?.id;
      if (part.form !== undefined && flowToken !== undefined)
        await this.#forms.register(part.form, flowToken, target.channel);
    }
    return postAll(this.client, this.#pacer, target.channel, rendered.payloads, options.signal);
  }

  /** `https://slack.com/app_redirect?app=<appId>#code=<token>`: the app's DM; the code is pasted by the user. */
  inviteLink(token: string): string {
    return slackInviteLink(this.#config.appId ?? appIdFromAppToken(this.#config.appToken), token);
  }

  /** Verifies and acknowledges one Events API / interactivity / slash-command request, then runs the handler. */
  async handleWebhook(request: Request, handler: InboundHandler): Promise<Response> {
    if (this.#verifier === undefined) {
      throw new ConfigError(
        'Slack HTTP deliveries (Events API, interactivity, slash commands) need `signingSecret` to verify them.',
        {
          hint: "Set the app's signing secret, or receive over Socket Mode with `listen` and an `appToken`.",
        },
      );
    }
    return handleSlackRequest(request, this.#verifier, this.#inbound, handler, {
      logger: this.#logger,
      secrets: [this.#config.token, this.#config.signingSecret, this.#config.appToken],
      track: (work) => {
        this.#background.add(work);
        void work.finally(() => this.#background.delete(work));
      },
    });
  }

  /** Resolves once the handler work of every acknowledged request has finished (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.all(this.#background);
  }

  /** Receives over Socket Mode (needs `appToken`); `onReady` fires once the socket is open; resolves when `signal` aborts. */
  async listen(handler: InboundHandler, options: ListenOptions = {}): Promise<void> {
    if (this.#config.appToken === undefined) {
      throw new ConfigError('Socket Mode needs an app-level token (xapp-…, scope connections:write).');
    }
    await listenSocketMode(
      {
        token: this.#config.token,
        appToken: this.#config.appToken,
        ...(this.#config.slackApiUrl === undefined ? {} : { slackApiUrl: this.#config.slackApiUrl }),
        command: this.#config.command ?? '/ferry',
        inbound: this.#inbound,
        logger: this.#logger,
      },
      handler,
      options,
    );
  }

  /** `auth.test`: the bot user, its name and team; throws `AuthError` naming a missing scope. */
  async whoAmI(): Promise<Identity> {
    let result: Awaited<ReturnType<WebClient['auth']['test']>>;
    try {
      result = await this.client.auth.test();
    } catch (error) {
      // Refused credentials already threw AuthError inside outcomeOfError; what is left is Slack
      // being unreachable or busy, which says nothing about the token.
      const outcome = outcomeOfError(error, 'auth.test', false);
      throw new FerryError(
        outcome.status === 'rate-limited' ? 'rate_limited' : 'transient',
        `Slack could not be reached to check the credentials (${outcome.status}).`,
        { retryable: outcome.status === 'transient' || outcome.status === 'rate-limited' },
      );
    }
    const granted = result.response_metadata?.scopes;
    const required = [...REQUIRED_SCOPES, ...(this.#config.emailMatching ? ['users:read.email'] : [])];
    const missing = granted === undefined ? [] : required.filter((scope) => !granted.includes(scope));
    if (missing.length > 0) {
      throw new AuthError(
        `The Slack app lacks the scope${missing.length > 1 ? 's' : ''} ${missing.map((scope) => `"${scope}"`).join(', ')}.`,
        {
          code: 'missing_scope',
          details: { missing },
          hint: `Add ${missing.join(', ')} to the app's bot scopes and reinstall it.`,
        },
      );
    }
    return {
      id: result.user_id ?? result.bot_id ?? '',
      name: result.user ?? 'slack-bot',
      ...(result.team === undefined ? {} : { handle: result.team }),
    };
  }

  /**
   * Looks a user up by e-mail (`users.lookupByEmail`) and returns an `email-match` event, weaker
   * evidence than a pasted code; only when the operator enabled `emailMatching`.
   * @see PLATFORMS.md §3.1 (`users.lookupByEmail`, Tier 3, `users:read.email`)
   */
  async matchByEmail(email: string, signal?: AbortSignal): Promise<EmailMatchResult> {
    if (this.#config.emailMatching !== true) {
      throw new ConfigError('E-mail matching is off: enable `emailMatching` to look users up by e-mail.');
    }
    await this.#tier3.acquire('users.lookupByEmail', signal);
    try {
      const result = await this.client.users.lookupByEmail({ email });
      const id = result.user?.id;
      if (id === undefined) return { status: 'not-found' };
      const name = result.user?.real_name ?? result.user?.name;
      return {
        status: 'matched',
        event: {
          channel: 'slack',
          type: 'email-match',
          sender: { id, ...(name === undefined ? {} : { name }) },
          eventId: `email:${id}`,
          at: this.#clock.now(),
          email,
        },
      };
    } catch (error) {
      const outcome = outcomeOfError(error, 'users.lookupByEmail', false);
      if (outcome.status === 'unknown-recipient') return { status: 'not-found' };
      if (outcome.status === 'rate-limited') {
        this.#tier3.pause(outcome.retryAfterMs, 'users.lookupByEmail');
        return { status: 'rate-limited', retryAfterMs: outcome.retryAfterMs };
      }
      return { status: 'failed', reason: 'reason' in outcome ? outcome.reason : outcome.status };
    }
  }

  /** How many DM channels are cached (one `conversations.open` per user). */
  get openedDirectMessages(): number {
    return this.#dms.size;
  }

  #restore(id: string): string {
    return this.#ids.restore(id) ?? id;
  }
}

/** Creates a Slack channel; checks the config but does no network work (call `whoAmI` for that). */
export function createSlackChannel(config: SlackChannelConfig): SlackChannel {
  return new SlackChannel(config);
}
