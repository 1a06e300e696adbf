import type {
  DiscordDmChannelObject,
  DiscordMessageObject,
  DiscordUserObject,
  InboundDm,
  InteractionDelivery,
} from './types.js';

/** How to create a simulated user. */
export interface SimulatedDiscordUserInit {
  /** A snowflake; one is generated when omitted. */
  readonly id?: string;
  readonly username: string;
  /** Whether the user accepts DMs from the bot (default true); false answers 50007 on send. */
  readonly allowDms?: boolean;
}

/** A modal answer: text for a text input, chosen values for a select. */
export type ModalValue = string | readonly string[];

/** Values a slash-command option can carry. */
export type CommandOptionValue = string | number | boolean;

/** What a simulated user needs from the emulator (kept narrow so the user holds no server state). */
export interface DiscordUserHost {
  nextId(): string;
  pressButton(user: SimulatedDiscordUser, messageId: string, customId: string): Promise<InteractionDelivery>;
  selectOption(
    user: SimulatedDiscordUser,
    messageId: string,
    customId: string,
    values: readonly string[],
  ): Promise<InteractionDelivery>;
  submitModal(
    user: SimulatedDiscordUser,
    customId: string,
    values: Readonly<Record<string, ModalValue>>,
  ): Promise<InteractionDelivery>;
  runCommand(
    user: SimulatedDiscordUser,
    name: string,
    options: Readonly<Record<string, CommandOptionValue>>,
  ): Promise<InteractionDelivery>;
  sendDm(user: SimulatedDiscordUser, text: string): InboundDm;
  dmChannelOf(userId: string): DiscordDmChannelObject | undefined;
  messagesIn(channelId: string): DiscordMessageObject[];
}

/**
 * A Discord user who talks to the bot: accepts or blocks DMs, presses buttons, picks select
 * options, submits modals, runs slash commands and writes DMs. Interactions go to the app signed
 * with Ed25519, as Discord sends them.
 * @see PLATFORMS.md §4.5
 */
export class SimulatedDiscordUser {
  private dmsAllowed: boolean;

  constructor(
    private readonly host: DiscordUserHost,
    readonly id: string,
    readonly username: string,
    allowDms: boolean,
  ) {
    this.dmsAllowed = allowDms;
  }

  /** Whether the bot can DM this user. */
  get allowsDms(): boolean {
    return this.dmsAllowed;
  }

  /** From now on, messages from the bot to this user fail with 403 50007. */
  blockDms(): void {
    this.dmsAllowed = false;
  }

  /** Accepts DMs from the bot again. */
  allowDms(): void {
    this.dmsAllowed = true;
  }

  /** The user object Discord shows for this user. */
  toObject(): DiscordUserObject {
    return {
      id: this.id,
      username: this.username,
      discriminator: '0',
      global_name: this.username,
      avatar: null,
    };
  }

  /** Presses the button `customId` of message `messageId` (a MESSAGE_COMPONENT interaction). */
  pressButton(messageId: string, customId: string): Promise<InteractionDelivery> {
    return this.host.pressButton(this, messageId, customId);
  }

  /** Picks `values` in the select menu `customId` of message `messageId`. */
  selectOption(messageId: string, customId: string, values: readonly string[]): Promise<InteractionDelivery> {
    return this.host.selectOption(this, messageId, customId, values);
  }

  /** Submits the modal `customId` that the app opened for this user, with text-input values by custom id. */
  submitModal(customId: string, values: Readonly<Record<string, ModalValue>>): Promise<InteractionDelivery> {
    return this.host.submitModal(this, customId, values);
  }

  /** Runs the registered slash command `name` with option values (e.g. `runCommand('link', { code: 'ABC' })`). */
  runCommand(
    name: string,
    options: Readonly<Record<string, CommandOptionValue>> = {},
  ): Promise<InteractionDelivery> {
    return this.host.runCommand(this, name, options);
  }

  /** Writes a DM to the bot (MESSAGE_CREATE on a connected gateway; always recorded). */
  sendDm(text: string): InboundDm {
    return this.host.sendDm(this, text);
  }

  /** The DM channel between this user and the bot, once opened. */
  get dmChannelId(): string | undefined {
    return this.host.dmChannelOf(this.id)?.id;
  }

  /** Messages in the DM channel with the bot, oldest first. */
  messages(): DiscordMessageObject[] {
    const channelId = this.dmChannelId;
    return channelId === undefined ? [] : this.host.messagesIn(channelId);
  }
}

/** The emulator's simulated users. */
export class SimulatedDiscordUsers {
  private readonly byId = new Map<string, SimulatedDiscordUser>();

  constructor(private readonly host: DiscordUserHost) {}

  /** Adds a user the bot can open a DM with. */
  create(init: SimulatedDiscordUserInit): SimulatedDiscordUser {
    const id = init.id ?? this.host.nextId();
    if (this.byId.has(id)) throw new Error(`A simulated user with id ${id} already exists.`);
    const user = new SimulatedDiscordUser(this.host, id, init.username, init.allowDms ?? true);
    this.byId.set(id, user);
    return user;
  }

  get(id: string): SimulatedDiscordUser | undefined {
    return this.byId.get(id);
  }

  all(): SimulatedDiscordUser[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }
}
