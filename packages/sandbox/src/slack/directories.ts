import { SimulatedSlackUser, type SimulatedSlackUserInit, type SlackUserHost } from './simulated-user.js';
import type { SlackState } from './state.js';
import type { SlackChannelRecord, SlackMessageRecord } from './types.js';

/** The workspace's simulated members. */
export class SlackUserDirectory {
  private readonly byId = new Map<string, SimulatedSlackUser>();

  constructor(private readonly host: SlackUserHost) {}

  /** Adds a member (`deleted: false`); ids default to fresh `U…` ids. */
  create(init: SimulatedSlackUserInit): SimulatedSlackUser {
    const record = this.host.state.addUser({
      id: init.id ?? this.host.state.nextId('U'),
      name: init.name,
      email: init.email,
      deleted: false,
      isBot: false,
    });
    const user = new SimulatedSlackUser(this.host, record);
    this.byId.set(user.id, user);
    return user;
  }

  get(id: string): SimulatedSlackUser | undefined {
    return this.byId.get(id);
  }

  list(): SimulatedSlackUser[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }
}

/** What `channels.create` takes. */
export interface SlackChannelInit {
  readonly id?: string;
  readonly name: string;
  /** A private channel (`G…`): invisible to the bot unless it is a member. */
  readonly isPrivate?: boolean;
  /** Whether the bot was invited (default true). */
  readonly botIsMember?: boolean;
  /** Member user ids besides the bot. */
  readonly members?: readonly string[];
}

/** The workspace's channels, and every conversation's history. */
export class SlackChannelDirectory {
  constructor(private readonly state: SlackState) {}

  create(init: SlackChannelInit): SlackChannelRecord {
    const members = [...(init.members ?? [])];
    if (init.botIsMember ?? true) members.push(this.state.workspace.botUserId);
    return this.state.addChannel({
      ...(init.id === undefined ? {} : { id: init.id }),
      name: init.name,
      kind: init.isPrivate ? 'private' : 'channel',
      members,
    });
  }

  get(id: string): SlackChannelRecord | undefined {
    return this.state.channels.get(id);
  }

  /** Archives a conversation: posts to it then fail with `is_archived`. */
  archive(id: string): void {
    const channel = this.state.channels.get(id);
    if (!channel) throw new Error(`No conversation ${id}.`);
    channel.archived = true;
  }

  /** A conversation's messages, oldest first. */
  history(id: string): SlackMessageRecord[] {
    return [...(this.state.messages.get(id) ?? [])];
  }
}
