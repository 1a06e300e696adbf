import type { Ledger, SandboxClock, Stats } from '../shared/index.js';
import type { TelegramLimits } from './limits.js';
import { TelegramRateLimiter } from './limits.js';
import type { TelegramReplyKeyboard } from './reply-markup.js';
import type {
  TelegramBotUser,
  TelegramChat,
  TelegramFile,
  TelegramMessage,
  TelegramReactionType,
  TelegramUser,
} from './types.js';
import { UpdateQueue } from './updates.js';

/** One message as the emulator keeps it. */
export interface MessageRecord {
  message: TelegramMessage;
  readonly sentByBot: boolean;
  /** The bot's reaction on the message (`setMessageReaction`); empty or absent when it has none. */
  botReactions?: TelegramReactionType[];
}

/** A simulated user's state as the bot affects it. */
export interface UserRecord {
  readonly user: TelegramUser;
  readonly phone: string | undefined;
  /** Whether the user ever wrote to the bot (until then the bot cannot initiate the conversation). */
  started: boolean;
  blocked: boolean;
  keyboard: TelegramReplyKeyboard | undefined;
  readonly callbackAnswers: TelegramCallbackAnswer[];
}

/** How the bot answered a button press. */
export interface TelegramCallbackAnswer {
  readonly callbackQueryId: string;
  readonly text?: string;
  readonly showAlert: boolean;
  readonly url?: string;
}

/** A chat the bot can send to: a private chat with a simulated user, or a simulated group. */
export interface ChatRecord {
  readonly chat: TelegramChat;
  readonly messages: Map<number, MessageRecord>;
  nextMessageId: number;
  /** The other party of a private chat. */
  readonly user: UserRecord | undefined;
}

/** A pending callback query, answerable once. */
export interface CallbackRecord {
  readonly user: UserRecord;
  answered: boolean;
}

/** The bot's identity as configured. */
export interface BotIdentity {
  readonly token: string;
  readonly user: TelegramBotUser;
}

/**
 * Everything the emulated Telegram server knows: chats, messages, users, files, pending updates
 * and flood control. Method handlers and simulated users both act on it.
 */
export class TelegramWorld {
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, TelegramFile>();
  readonly callbackQueries = new Map<string, CallbackRecord>();
  readonly updates: UpdateQueue;
  readonly limiter: TelegramRateLimiter;
  private sequence = 0;

  constructor(
    readonly bot: BotIdentity,
    limits: TelegramLimits,
    readonly clock: SandboxClock,
    readonly ledger: Ledger,
    readonly stats: Stats,
  ) {
    this.updates = new UpdateQueue(clock);
    this.limiter = new TelegramRateLimiter(limits, clock);
  }

  /** Telegram dates are Unix seconds. */
  unixNow(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** A fresh number for ids the emulator makes up (files, callback queries). */
  nextSequence(): number {
    return ++this.sequence;
  }

  /** Adds a chat (private chat for a user, or a group). */
  addChat(chat: TelegramChat, user?: UserRecord): ChatRecord {
    const record: ChatRecord = { chat, messages: new Map(), nextMessageId: 1, user };
    this.chats.set(chat.id, record);
    return record;
  }

  /** Stores a new message in a chat, numbering it in the chat's own sequence. */
  addMessage(
    record: ChatRecord,
    from: TelegramUser,
    content: Omit<TelegramMessage, 'message_id' | 'chat' | 'date' | 'from'>,
    sentByBot: boolean,
  ): TelegramMessage {
    const message: TelegramMessage = {
      message_id: record.nextMessageId++,
      from,
      chat: record.chat,
      date: this.unixNow(),
      ...content,
    };
    record.messages.set(message.message_id, { message, sentByBot });
    return message;
  }

  reset(): void {
    this.chats.clear();
    this.files.clear();
    this.callbackQueries.clear();
    this.updates.reset();
    this.limiter.reset();
  }
}
