import { withDetectedEntities } from './formatting/detect.js';
import type { TelegramMessage, TelegramUpdate } from './types.js';
import type { SimulatedTelegramUser } from './users.js';
import type { ChatRecord, TelegramWorld } from './world.js';

/** A group the bot is a member of. */
export interface SimulatedTelegramGroupInit {
  /** Chat id, negative (default: the next free one from -1001000000001). */
  readonly id?: number;
  readonly title: string;
  /** Default `supergroup`. */
  readonly type?: 'group' | 'supergroup';
}

/** A group chat with the bot in it: members post, and it reads what the bot sent (20 messages/min apply). */
export class SimulatedTelegramGroup {
  constructor(
    private readonly world: TelegramWorld,
    private readonly chatRecord: ChatRecord,
  ) {}

  get id(): number {
    return this.chatRecord.chat.id;
  }

  get title(): string {
    return this.chatRecord.chat.title ?? '';
  }

  /** A member writes in the group. */
  post(from: SimulatedTelegramUser, text: string): TelegramUpdate {
    const entities = withDetectedEntities(text, []);
    const message = this.world.addMessage(
      this.chatRecord,
      from.user,
      { text, ...(entities.length > 0 ? { entities } : {}) },
      false,
    );
    return this.world.updates.push({ message });
  }

  /** The messages the bot sent to the group, oldest first. */
  inbox(): TelegramMessage[] {
    return [...this.chatRecord.messages.values()]
      .filter((stored) => stored.sentByBot)
      .map((stored) => stored.message);
  }
}

/** The simulated groups of one emulator. */
export class SimulatedTelegramGroups {
  private readonly byId = new Map<number, SimulatedTelegramGroup>();
  private nextId = -1_001_000_000_001;

  constructor(private readonly world: TelegramWorld) {}

  create(init: SimulatedTelegramGroupInit): SimulatedTelegramGroup {
    const id = init.id ?? this.nextId--;
    if (id >= 0) throw new Error('Group chat ids are negative.');
    if (this.world.chats.has(id)) throw new Error(`Chat ${id} already exists.`);
    const group = new SimulatedTelegramGroup(
      this.world,
      this.world.addChat({ id, type: init.type ?? 'supergroup', title: init.title }),
    );
    this.byId.set(id, group);
    return group;
  }

  get(id: number): SimulatedTelegramGroup | undefined {
    return this.byId.get(id);
  }

  reset(): void {
    this.byId.clear();
  }
}
