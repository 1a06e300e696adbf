import type { ChannelCapabilities, ChannelName } from '../capabilities/types.js';
import type { FidelityNote, Message } from '../model/index.js';
import type { InboundHandler } from './events.js';

/**
 * The result of one send. A per-recipient problem is a value, never an exception.
 * - `sent`: accepted; `id` is the platform's message id (the first, when split into several).
 * - `blocked`: the user blocked the bot or cannot receive messages; skip them from now on.
 * - `unknown-recipient`: no such chat/user/channel.
 * - `rate-limited`: the platform asked us to wait `retryAfterMs` for `scope`.
 * - `transient`: 5xx, network failure or timeout; safe to retry by policy.
 * - `ambiguous`: the request may or may not have been delivered (response lost after sending).
 * - `rejected`: the platform refused this message (400-class); retrying will not help.
 */
export type SendOutcome =
  | { readonly status: 'sent'; readonly id: string; readonly ids: readonly string[] }
  | { readonly status: 'blocked'; readonly reason: string }
  | { readonly status: 'unknown-recipient'; readonly reason: string }
  | { readonly status: 'rate-limited'; readonly retryAfterMs: number; readonly scope: 'recipient' | 'global' }
  | { readonly status: 'transient'; readonly reason: string; readonly cause?: unknown }
  | { readonly status: 'ambiguous'; readonly reason: string }
  | { readonly status: 'rejected'; readonly reason: string; readonly code?: string };

export type SendStatus = SendOutcome['status'];

/** Per-send options. */
export interface SendOptions {
  /** A key unique to this (campaign, recipient) send; channels with idempotency use it (Discord nonce). */
  readonly idempotencyKey?: string;
  /** Opaque data echoed back in delivery statuses (WhatsApp `biz_opaque_callback_data`). */
  readonly callbackData?: string;
  readonly signal?: AbortSignal;
}

/** Options for `Channel.listen`. */
export interface ListenOptions {
  /** Stops receiving; `listen` resolves once the connection is closed. */
  readonly signal?: AbortSignal;
  /**
   * Called once, when the channel has started receiving: Telegram's first getUpdates is under way,
   * Slack's Socket Mode connection is open, Discord's gateway is ready. Never called when the
   * connection cannot be made (then `listen` rejects).
   */
  readonly onReady?: () => void;
}

/** One native API request a rendered message becomes: the method or route and the exact body. */
export interface NativeRequest {
  /** API method (`sendMessage`, `chat.postMessage`) or route (`POST /channels/{channel.id}/messages`). */
  readonly method: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** `render`'s result: the native requests in order, and what changed on the way. */
export interface Rendered {
  readonly payloads: readonly NativeRequest[];
  readonly notes: readonly FidelityNote[];
}

/** Who the credentials belong to. */
export interface Identity {
  readonly id: string;
  readonly name: string;
  /** Bot username (Telegram), team (Slack), application (Discord), phone number id (WhatsApp). */
  readonly handle?: string;
}

/**
 * The one interface every channel implements. Capabilities are data; bot logic never asks which
 * platform it is talking to.
 */
export interface Channel {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  /** Pure: the native requests for `message` and the fidelity notes. Never touches the network. */
  render(message: Message): Rendered;
  /** Sends to one recipient; returns a typed outcome. Throws only for configuration or auth faults. */
  send(recipient: string, message: Message, options?: SendOptions): Promise<SendOutcome>;
  /** The URL that opens this channel's bot carrying a link token. */
  inviteLink(token: string): string;
  /** Handles one inbound HTTP request (webhook / interactions / events) and calls `handler` per event. */
  handleWebhook?(request: Request, handler: InboundHandler): Promise<Response>;
  /** Receives events without a public URL (long polling, Socket Mode, gateway). Resolves when stopped. */
  listen?(handler: InboundHandler, options?: ListenOptions): Promise<void>;
  /** Checks the credentials and says whose they are. Throws `AuthError` naming what is wrong. */
  whoAmI(): Promise<Identity>;
}
