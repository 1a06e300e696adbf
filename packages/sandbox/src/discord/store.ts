import type { SandboxClock } from '../shared/clock.js';
import type { JsonObject } from './json.js';
import type { SnowflakeGenerator } from './snowflake.js';
import type {
  DiscordDmChannelObject,
  DiscordMessageObject,
  DiscordUserObject,
  StoredCommand,
} from './types.js';

/** A message body field the emulator copies onto the stored message. */
interface MessageExtras {
  readonly nonce?: string | number;
  readonly applicationId?: string;
  readonly webhookId?: string;
  readonly interactionMetadata?: JsonObject;
  readonly attachments?: readonly JsonObject[];
}

/** Discord's world as far as the bot can see it: DM channels, messages, nonces and commands. */
export class DiscordStore {
  private readonly channels = new Map<string, { channel: DiscordDmChannelObject; recipientId: string }>();
  private readonly dmByUser = new Map<string, string>();
  private readonly messages = new Map<string, DiscordMessageObject>();
  private readonly byChannel = new Map<string, DiscordMessageObject[]>();
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly commands = new Map<string, StoredCommand>();
  private readonly attachments = new Map<string, Buffer>();

  constructor(
    private readonly ids: SnowflakeGenerator,
    private readonly clock: SandboxClock,
  ) {}

  /** The DM channel with `recipient`, opening it when needed; `created` says whether it is new. */
  openDm(recipient: DiscordUserObject): { channel: DiscordDmChannelObject; created: boolean } {
    const existing = this.dmByUser.get(recipient.id);
    const known = existing === undefined ? undefined : this.channels.get(existing);
    if (known) return { channel: known.channel, created: false };
    const channel: DiscordDmChannelObject = {
      id: this.ids.next(),
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: [recipient],
    };
    this.channels.set(channel.id, { channel, recipientId: recipient.id });
    this.dmByUser.set(recipient.id, channel.id);
    return { channel, created: true };
  }

  channel(id: string): { channel: DiscordDmChannelObject; recipientId: string } | undefined {
    return this.channels.get(id);
  }

  dmOf(userId: string): DiscordDmChannelObject | undefined {
    const id = this.dmByUser.get(userId);
    return id === undefined ? undefined : this.channels.get(id)?.channel;
  }

  /** Stores a new message in `channelId` from the validated body. */
  createMessage(
    channelId: string,
    author: DiscordUserObject,
    body: JsonObject,
    extras: MessageExtras = {},
  ): DiscordMessageObject {
    const message: DiscordMessageObject = {
      id: this.ids.next(),
      channel_id: channelId,
      author,
      content: typeof body['content'] === 'string' ? body['content'] : '',
      timestamp: new Date(this.clock.now()).toISOString(),
      edited_timestamp: null,
      tts: body['tts'] === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: extras.attachments ?? [],
      embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
      components: Array.isArray(body['components']) ? body['components'] : [],
      pinned: false,
      type: extras.interactionMetadata === undefined ? 0 : 20,
      flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
      ...(extras.nonce === undefined ? {} : { nonce: extras.nonce }),
      ...(extras.applicationId === undefined ? {} : { application_id: extras.applicationId }),
      ...(extras.webhookId === undefined ? {} : { webhook_id: extras.webhookId }),
      ...(extras.interactionMetadata === undefined
        ? {}
        : { interaction_metadata: extras.interactionMetadata }),
    };
    this.messages.set(message.id, message);
    const list = this.byChannel.get(channelId) ?? [];
    list.push(message);
    this.byChannel.set(channelId, list);
    const channel = this.channels.get(channelId);
    if (channel) channel.channel.last_message_id = message.id;
    return message;
  }

  /** Applies an edit (content, embeds, components, flags) to a stored message. */
  editMessage(message: DiscordMessageObject, body: JsonObject): DiscordMessageObject {
    if (typeof body['content'] === 'string' || body['content'] === null)
      message.content = body['content'] ?? '';
    if (Array.isArray(body['embeds'])) message.embeds = body['embeds'];
    if (Array.isArray(body['components'])) message.components = body['components'];
    if (typeof body['flags'] === 'number') message.flags = body['flags'];
    message.edited_timestamp = new Date(this.clock.now()).toISOString();
    return message;
  }

  /** Adds the bot's reaction to a message; adding the same emoji again changes nothing, as on Discord. */
  addOwnReaction(message: DiscordMessageObject, emoji: string): void {
    const reactions = message.reactions ?? [];
    const existing = reactions.find((reaction) => reaction.emoji.name === emoji);
    if (existing?.me) return;
    if (existing) {
      existing.me = true;
      existing.count++;
    } else reactions.push({ emoji: { id: null, name: emoji }, count: 1, me: true });
    message.reactions = reactions;
  }

  /** Keeps an uploaded file's bytes under its attachment id. */
  storeAttachment(attachmentId: string, data: Buffer): void {
    this.attachments.set(attachmentId, data);
  }

  /** The bytes of an uploaded attachment. */
  attachmentData(attachmentId: string): Buffer | undefined {
    return this.attachments.get(attachmentId);
  }

  message(id: string): DiscordMessageObject | undefined {
    return this.messages.get(id);
  }

  messagesIn(channelId: string): DiscordMessageObject[] {
    return [...(this.byChannel.get(channelId) ?? [])];
  }

  /** The message an earlier send with this nonce created in this channel, if it is recent enough. */
  findNonce(channelId: string, nonce: string, windowMs: number): DiscordMessageObject | undefined {
    const seen = this.nonces.get(`${channelId}\u0000${nonce}`);
    if (!seen || this.clock.now() - seen.at > windowMs) return undefined;
    return this.messages.get(seen.messageId);
  }

  rememberNonce(channelId: string, nonce: string, messageId: string): void {
    this.nonces.set(`${channelId}\u0000${nonce}`, { messageId, at: this.clock.now() });
  }

  /** Creates or replaces (by name and type) an application command. */
  upsertCommand(applicationId: string, body: JsonObject): StoredCommand {
    const name = String(body['name'] ?? '');
    const type = typeof body['type'] === 'number' ? body['type'] : 1;
    const existing = [...this.commands.values()].find(
      (command) => command.name === name && command.type === type,
    );
    const command: StoredCommand = {
      ...body,
      id: existing?.id ?? this.ids.next(),
      application_id: applicationId,
      name,
      type,
      version: this.ids.next(),
    };
    this.commands.set(command.id, command);
    return command;
  }

  /** Replaces every command (bulk overwrite), keeping the ids of commands that keep their name. */
  overwriteCommands(applicationId: string, bodies: readonly JsonObject[]): StoredCommand[] {
    const previous = [...this.commands.values()];
    this.commands.clear();
    return bodies.map((body) => {
      const same = previous.find((command) => command.name === body['name']);
      if (same) this.commands.set(same.id, same);
      return this.upsertCommand(applicationId, body);
    });
  }

  listCommands(): StoredCommand[] {
    return [...this.commands.values()];
  }

  commandNamed(name: string): StoredCommand | undefined {
    return [...this.commands.values()].find((command) => command.name === name && command.type === 1);
  }

  clear(): void {
    this.channels.clear();
    this.dmByUser.clear();
    this.messages.clear();
    this.byChannel.clear();
    this.nonces.clear();
    this.commands.clear();
    this.attachments.clear();
  }
}
