import { withDetectedEntities } from './formatting/detect.js';
import type { TelegramReplyKeyboard } from './reply-markup.js';
import type { TelegramMessage, TelegramReactionType, TelegramUpdate, TelegramUser } from './types.js';
import type { ChatRecord, TelegramCallbackAnswer, TelegramWorld, UserRecord } from './world.js';

/** Who a simulated Telegram user is. */
export interface SimulatedTelegramUserInit {
  /** Telegram user id (default: the next free one from 700000001). */
  readonly id?: number;
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
  /** The phone number shared by `shareContact()` and `forwardContact()`. */
  readonly phone?: string;
  readonly languageCode?: string;
  /** Whether the user already talked to the bot before the test (default false: the bot cannot write first). */
  readonly started?: boolean;
}

/** A deep-link payload Telegram passes on: up to 64 of `A-Z a-z 0-9 _ -`. @see PLATFORMS.md §2.1 */
const deepLinkPayload = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A person using Telegram: opens deep links, writes, presses buttons, shares contacts, blocks the
 * bot, and reads what the bot sent. Every action queues the update Telegram would send the bot.
 */
export class SimulatedTelegramUser {
  constructor(
    private readonly world: TelegramWorld,
    private readonly record: UserRecord,
    private readonly chatRecord: ChatRecord,
  ) {}

  get id(): number {
    return this.record.user.id;
  }

  get firstName(): string {
    return this.record.user.first_name;
  }

  get phone(): string | undefined {
    return this.record.phone;
  }

  /** The Telegram `User` object the bot sees. */
  get user(): TelegramUser {
    return this.record.user;
  }

  /** Whether the user has blocked the bot. */
  get blocked(): boolean {
    return this.record.blocked;
  }

  /**
   * Opens `t.me/<bot>?start=<payload>`: Telegram sends `/start <payload>`, or a bare `/start` when the
   * payload is not a valid start parameter. A user who had blocked the bot restarts it first.
   */
  openDeepLink(payload: string): TelegramUpdate {
    if (this.record.blocked) this.unblock();
    return this.sendText(deepLinkPayload.test(payload) ? `/start ${payload}` : '/start');
  }

  /** Opens a full `https://t.me/<bot>?start=<payload>` link; throws when it points at another bot. */
  openLink(link: string): TelegramUpdate {
    const url = new URL(link.replace(/^tg:\/\/resolve\?domain=([^&]+)&/, 'https://t.me/$1?'));
    const username = url.pathname.replace(/^\//, '');
    if (username.toLowerCase() !== this.world.bot.user.username.toLowerCase())
      throw new Error(`The link points at @${username}, not at this bot.`);
    return this.openDeepLink(url.searchParams.get('start') ?? '');
  }

  /** Writes a text message to the bot. */
  sendText(text: string): TelegramUpdate {
    this.assertNotBlocked('write to');
    const entities = withDetectedEntities(text, []);
    return this.postMessage({ text, ...(entities.length > 0 ? { entities } : {}) });
  }

  /** Sends `/stop`, the command many bots treat as unsubscribe. */
  stop(): TelegramUpdate {
    return this.sendText('/stop');
  }

  /** Shares the user's own phone number (the `request_contact` button): `contact.user_id` is the user's id. */
  shareContact(): TelegramUpdate {
    if (this.record.phone === undefined) throw new Error(`User ${this.id} has no phone number to share.`);
    this.assertNotBlocked('write to');
    const { first_name, last_name } = this.record.user;
    return this.postMessage({
      contact: {
        phone_number: this.record.phone,
        first_name,
        ...(last_name === undefined ? {} : { last_name }),
        user_id: this.id,
      },
    });
  }

  /** Sends someone else's contact card: its `user_id` is not the sender's. */
  forwardContact(other: SimulatedTelegramUser): TelegramUpdate {
    if (other.phone === undefined) throw new Error(`User ${other.id} has no phone number to share.`);
    this.assertNotBlocked('write to');
    const { first_name, last_name } = other.user;
    return this.postMessage({
      contact: {
        phone_number: other.phone,
        first_name,
        ...(last_name === undefined ? {} : { last_name }),
        user_id: other.id,
      },
    });
  }

  /** Presses an inline button the bot put on one of its messages; throws when there is no such button. */
  pressButton(messageId: number, callbackData: string): TelegramUpdate {
    this.assertNotBlocked('press buttons of');
    const stored = this.chatRecord.messages.get(messageId);
    if (stored === undefined || !stored.sentByBot)
      throw new Error(`The bot sent no message ${messageId} to user ${this.id}.`);
    const buttons = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((button) => button.callback_data === callbackData))
      throw new Error(`Message ${messageId} has no button with callback data "${callbackData}".`);
    const id = `${this.id}${String(this.world.nextSequence()).padStart(6, '0')}`;
    this.world.callbackQueries.set(id, { user: this.record, answered: false });
    return this.world.updates.push({
      callback_query: {
        id,
        from: this.record.user,
        message: stored.message,
        chat_instance: `${this.world.bot.user.id}${this.id}`,
        data: callbackData,
      },
    });
  }

  /** Blocks the bot: its sends now fail with 403, and it gets a `my_chat_member` update (kicked). */
  block(): TelegramUpdate {
    this.record.blocked = true;
    return this.membershipUpdate('member', 'kicked');
  }

  /** Unblocks the bot (the "Restart" button): it gets a `my_chat_member` update (member). */
  unblock(): TelegramUpdate {
    this.record.blocked = false;
    return this.membershipUpdate('kicked', 'member');
  }

  /** The messages the bot sent to this user, oldest first, as currently shown (after edits). */
  inbox(): TelegramMessage[] {
    return [...this.chatRecord.messages.values()]
      .filter((stored) => stored.sentByBot)
      .map((stored) => stored.message);
  }

  /** The bot's reaction on a message of this chat (`setMessageReaction`); empty when it has none. */
  botReactions(messageId: number): readonly TelegramReactionType[] {
    return this.chatRecord.messages.get(messageId)?.botReactions ?? [];
  }

  /** The reply keyboard the bot currently shows this user, if any. */
  keyboard(): TelegramReplyKeyboard | undefined {
    return this.record.keyboard;
  }

  /** How the bot answered this user's button presses, in order. */
  callbackAnswers(): readonly TelegramCallbackAnswer[] {
    return this.record.callbackAnswers;
  }

  private postMessage(
    content: Omit<TelegramMessage, 'message_id' | 'chat' | 'date' | 'from'>,
  ): TelegramUpdate {
    this.record.started = true;
    const message = this.world.addMessage(this.chatRecord, this.record.user, content, false);
    if (this.record.keyboard?.one_time_keyboard) this.record.keyboard = undefined;
    return this.world.updates.push({ message });
  }

  private membershipUpdate(from: 'member' | 'kicked', to: 'member' | 'kicked'): TelegramUpdate {
    const bot = this.world.bot.user;
    return this.world.updates.push({
      my_chat_member: {
        chat: this.chatRecord.chat,
        from: this.record.user,
        date: this.world.unixNow(),
        old_chat_member: { status: from, user: bot, ...(from === 'kicked' ? { until_date: 0 } : {}) },
        new_chat_member: { status: to, user: bot, ...(to === 'kicked' ? { until_date: 0 } : {}) },
      },
    });
  }

  private assertNotBlocked(action: string): void {
    if (this.record.blocked)
      throw new Error(`User ${this.id} has blocked the bot and cannot ${action} it; call unblock() first.`);
  }
}

/** The simulated users of one emulator. */
export class SimulatedTelegramUsers {
  private readonly byId = new Map<number, SimulatedTelegramUser>();
  private nextId = 700_000_001;

  constructor(private readonly world: TelegramWorld) {}

  /** Creates a user with a private chat with the bot. */
  create(init: SimulatedTelegramUserInit): SimulatedTelegramUser {
    const id = init.id ?? this.nextId++;
    if (this.byId.has(id) || this.world.chats.has(id)) throw new Error(`User ${id} already exists.`);
    const user: TelegramUser = {
      id,
      is_bot: false,
      first_name: init.firstName,
      ...(init.lastName === undefined ? {} : { last_name: init.lastName }),
      ...(init.username === undefined ? {} : { username: init.username }),
      ...(init.languageCode === undefined ? {} : { language_code: init.languageCode }),
    };
    const record: UserRecord = {
      user,
      phone: init.phone,
      started: init.started ?? false,
      blocked: false,
      keyboard: undefined,
      callbackAnswers: [],
    };
    const chat = this.world.addChat(
      {
        id,
        type: 'private',
        first_name: user.first_name,
        ...(user.last_name === undefined ? {} : { last_name: user.last_name }),
        ...(user.username === undefined ? {} : { username: user.username }),
      },
      record,
    );
    const simulated = new SimulatedTelegramUser(this.world, record, chat);
    this.byId.set(id, simulated);
    return simulated;
  }

  get(id: number): SimulatedTelegramUser | undefined {
    return this.byId.get(id);
  }

  all(): SimulatedTelegramUser[] {
    return [...this.byId.values()];
  }

  reset(): void {
    this.byId.clear();
  }
}
