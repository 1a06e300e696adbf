import type { SandboxClock } from '../shared/index.js';
import { isRecord } from './json.js';
import type {
  SlackChannelKind,
  SlackChannelRecord,
  SlackMessageRecord,
  SlackUserRecord,
  SlackViewRecord,
  SlackWorkspace,
} from './types.js';

/** How long a `trigger_id` can be exchanged for a modal, in ms. @see PLATFORMS.md §3.5 (3 s ack window) */
export const triggerLifetimeMs = 3000;

interface TriggerRecord {
  readonly userId: string;
  readonly expiresAt: number;
  used: boolean;
}

/** Everything the emulated workspace holds: members, conversations, history, views and triggers. */
export class SlackState {
  readonly users = new Map<string, SlackUserRecord>();
  readonly channels = new Map<string, SlackChannelRecord>();
  readonly messages = new Map<string, SlackMessageRecord[]>();
  readonly views = new Map<string, SlackViewRecord>();
  /** Each user's open modal stack, root first. */
  readonly viewStacks = new Map<string, string[]>();
  /** Each user's published App Home tab (view id), from `views.publish`. */
  readonly homeViews = new Map<string, string>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly dmByKey = new Map<string, string>();
  private counter = 0;
  private tsSequence = 0;

  constructor(
    readonly workspace: SlackWorkspace,
    private readonly clock: SandboxClock,
  ) {
    this.addBotUser();
  }

  /** A fresh id with a Slack-like prefix (`U`, `C`, `D`, `G`, `V`, `Ev`…). */
  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}0${this.counter.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** A message timestamp (`seconds.sequence`), unique across the workspace. */
  nextTs(): string {
    this.tsSequence = (this.tsSequence + 1) % 1_000_000;
    return `${Math.floor(this.clock.now() / 1000)}.${String(this.tsSequence).padStart(6, '0')}`;
  }

  addUser(user: SlackUserRecord): SlackUserRecord {
    if (this.users.has(user.id)) throw new Error(`A user with id ${user.id} already exists.`);
    this.users.set(user.id, user);
    return user;
  }

  userByEmail(email: string): SlackUserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email?.toLowerCase() === wanted) return user;
    return undefined;
  }

  addChannel(options: {
    id?: string;
    name: string;
    kind: SlackChannelKind;
    members: Iterable<string>;
    userId?: string;
  }): SlackChannelRecord {
    const prefix = options.kind === 'im' ? 'D' : options.kind === 'channel' ? 'C' : 'G';
    const channel: SlackChannelRecord = {
      id: options.id ?? this.nextId(prefix),
      name: options.name,
      kind: options.kind,
      members: new Set(options.members),
      archived: false,
      ...(options.userId === undefined ? {} : { userId: options.userId }),
    };
    if (this.channels.has(channel.id))
      throw new Error(`A conversation with id ${channel.id} already exists.`);
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    return channel;
  }

  /** A channel by id or by name (`general` / `#general`). */
  findChannel(idOrName: string): SlackChannelRecord | undefined {
    const byId = this.channels.get(idOrName);
    if (byId) return byId;
    const name = idOrName.startsWith('#') ? idOrName.slice(1) : idOrName;
    for (const channel of this.channels.values())
      if (channel.kind !== 'im' && channel.name === name) return channel;
    return undefined;
  }

  /** The bot's DM with these users (one user: `im`; several: `mpim`), and whether it already existed. */
  openDm(userIds: readonly string[]): { channel: SlackChannelRecord; existed: boolean } {
    const sorted = [...new Set(userIds)].sort();
    const key = sorted.join(',');
    const existing = this.dmByKey.get(key);
    const found = existing === undefined ? undefined : this.channels.get(existing);
    if (found) return { channel: found, existed: true };
    const members = [...sorted, this.workspace.botUserId];
    const [only] = sorted;
    const channel =
      sorted.length === 1 && only !== undefined
        ? this.addChannel({ name: only, kind: 'im', members, userId: only })
        : this.addChannel({ name: `mpdm-${sorted.join('--')}`, kind: 'mpim', members });
    this.dmByKey.set(key, channel.id);
    return { channel, existed: false };
  }

  addMessage(message: SlackMessageRecord): SlackMessageRecord {
    let history = this.messages.get(message.channel);
    if (!history) {
      history = [];
      this.messages.set(message.channel, history);
    }
    history.push(message);
    return message;
  }

  findMessage(channelId: string, ts: string): SlackMessageRecord | undefined {
    return this.messages.get(channelId)?.find((message) => message.ts === ts);
  }

  /** A message by ts in any conversation (simulated users click on what they were sent). */
  findMessageAnywhere(ts: string): SlackMessageRecord | undefined {
    for (const history of this.messages.values()) {
      const found = history.find((message) => message.ts === ts);
      if (found) return found;
    }
    return undefined;
  }

  /** Issues a single-use `trigger_id` for this user, valid for {@link triggerLifetimeMs}. */
  issueTrigger(userId: string): string {
    const now = this.clock.now();
    this.counter++;
    const secret = (this.counter * 2654435761).toString(16).padStart(8, '0').slice(-8);
    const id = `${Math.floor(now / 1000)}.${this.counter}.${secret}`;
    this.triggers.set(id, { userId, expiresAt: now + triggerLifetimeMs, used: false });
    return id;
  }

  /** Exchanges a trigger: the user it belongs to, or the Slack error for it. */
  useTrigger(
    id: string,
  ): { userId: string } | { error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' } {
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (this.clock.now() > trigger.expiresAt) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { userId: trigger.userId };
  }

  /** Gives every block a `block_id` and every interactive element an `action_id`, as Slack does. */
  normalizeBlocks(blocks: unknown[]): unknown[] {
    return blocks.map((block) => {
      if (!isRecord(block)) return block;
      const copy: Record<string, unknown> = { ...block };
      if (typeof copy['block_id'] !== 'string') copy['block_id'] = this.nextId('b').toLowerCase();
      const withActionId = (element: unknown): unknown =>
        isRecord(element) && element['type'] !== 'image' && typeof element['action_id'] !== 'string'
          ? { ...element, action_id: this.nextId('a').toLowerCase() }
          : element;
      if (Array.isArray(copy['elements']) && copy['type'] === 'actions')
        copy['elements'] = copy['elements'].map(withActionId);
      if (copy['accessory'] !== undefined) copy['accessory'] = withActionId(copy['accessory']);
      if (copy['element'] !== undefined) copy['element'] = withActionId(copy['element']);
      return copy;
    });
  }

  clear(): void {
    this.users.clear();
    this.channels.clear();
    this.messages.clear();
    this.views.clear();
    this.viewStacks.clear();
    this.homeViews.clear();
    this.triggers.clear();
    this.dmByKey.clear();
    this.addBotUser();
  }

  private addBotUser(): void {
    this.users.set(this.workspace.botUserId, {
      id: this.workspace.botUserId,
      name: 'ferry',
      email: undefined,
      deleted: false,
      isBot: true,
    });
  }
}
