import type { JsonObject } from './json.js';
import type { DiscordReactionObject } from './reactions.js';

/** The bot application the emulator impersonates Discord for. */
export interface DiscordApp {
  readonly applicationId: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly username: string;
}

/** What an app under test is configured with to talk to the emulator. */
export interface DiscordCredentials {
  readonly botToken: string;
  readonly applicationId: string;
  /** Hex Ed25519 public key that verifies `X-Signature-Ed25519`. */
  readonly publicKey: string;
  /** Value for `new REST({ api })` / `new Client({ rest: { api } })`: the base URL plus `/api`. */
  readonly api: string;
}

/** A Discord user object as the REST API returns it. @see PLATFORMS.md §4.3 */
export interface DiscordUserObject {
  readonly id: string;
  readonly username: string;
  readonly discriminator: string;
  readonly global_name: string | null;
  readonly avatar: string | null;
  readonly bot?: boolean;
}

/** A DM channel object (type 1). @see PLATFORMS.md §4.3 */
export interface DiscordDmChannelObject {
  readonly id: string;
  readonly type: 1;
  last_message_id: string | null;
  readonly flags: number;
  readonly recipients: readonly DiscordUserObject[];
}

/** A message object as the REST API returns it. @see PLATFORMS.md §4.1 */
export interface DiscordMessageObject {
  readonly id: string;
  readonly channel_id: string;
  readonly author: DiscordUserObject;
  content: string;
  readonly timestamp: string;
  edited_timestamp: string | null;
  readonly tts: boolean;
  readonly mention_everyone: boolean;
  readonly mentions: readonly DiscordUserObject[];
  readonly mention_roles: readonly string[];
  /** Files uploaded with the message (multipart `files[n]`). */
  readonly attachments: readonly JsonObject[];
  embeds: unknown[];
  components: unknown[];
  readonly pinned: boolean;
  readonly type: number;
  flags: number;
  readonly nonce?: string | number;
  readonly application_id?: string;
  readonly webhook_id?: string;
  readonly interaction_metadata?: JsonObject;
  /** Emoji reactions, once someone reacted (`PUT …/reactions/:emoji/@me`). */
  reactions?: DiscordReactionObject[];
}

/** An interaction payload as Discord POSTs it to the app. @see PLATFORMS.md §4.5 */
export interface DiscordInteractionPayload extends JsonObject {
  readonly id: string;
  readonly application_id: string;
  readonly type: number;
  readonly token: string;
  readonly version: 1;
}

/** How the interaction reached the app, and what came back. */
export interface InteractionDelivery {
  readonly interaction: DiscordInteractionPayload;
  /** `http` = POSTed to the interactions URL; `gateway` = INTERACTION_CREATE; `none` = nowhere to send it. */
  readonly via: 'http' | 'gateway' | 'none';
  /** HTTP status the app's endpoint answered (http only). */
  readonly status?: number;
  /** The interaction response (callback) the app gave, from the HTTP answer or the callback endpoint. */
  readonly response?: JsonObject;
  /** Why the app's answer was not accepted (bad JSON, invalid modal, no answer in time…). */
  readonly error?: string;
}

/** A message a simulated user sent to the bot in DM. */
export interface InboundDm {
  readonly message: DiscordMessageObject;
  /** Whether a connected gateway client got it as MESSAGE_CREATE. */
  readonly deliveredViaGateway: boolean;
}

/** A registered application command (slash command). */
export interface StoredCommand extends JsonObject {
  readonly id: string;
  readonly application_id: string;
  readonly name: string;
  readonly type: number;
  readonly version: string;
}
