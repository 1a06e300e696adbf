import type { InboundEvent, Logger } from '@ferry/core';
import type { WebClient } from '@slack/web-api';
import { fromSlackText } from '../format/mrkdwn.js';
import type { ViewStateValues } from '../forms/answers.js';
import type { FormRunner } from '../forms/runner.js';
import { linkCodeModal, linkHomeView, linkPromptMessage } from '../link/views.js';
import { ACTION_IDS, CALLBACK_IDS, isFerryActionId } from '../render/ids.js';

/** What one inbound delivery produced: neutral events, and the body to acknowledge it with. */
export interface Dispatched {
  readonly events: InboundEvent[];
  readonly ack?: Record<string, unknown>;
  /** Work to do once the delivery is acknowledged (it may wait on pacing, past Slack's 3 s). */
  readonly followUp?: () => Promise<void>;
}

/** What the dispatcher needs from the channel. */
export interface DispatchContext {
  readonly client: WebClient;
  readonly forms: FormRunner;
  /** Original id of an id received back (reply buttons, menu rows). */
  readonly restore: (id: string) => string;
  /** The slash command Ferry answers (`/ferry`). */
  readonly command: string;
  readonly now: () => number;
  readonly logger: Logger;
  /** Remembers a user's DM channel seen inbound (saves a `conversations.open`). */
  readonly rememberDm: (user: string, channel: string) => void;
  /** Posts into a channel through the paced sender. */
  readonly post: (channel: string, body: Record<string, unknown>) => Promise<void>;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Slack timestamps (`"1700000000.000100"`) in ms; `now` when absent. */
function millis(ts: unknown, now: number): number {
  const seconds = typeof ts === 'string' ? Number(ts) : Number.NaN;
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : now;
}

const STOP_WORDS = new Set(['stop', 'unsubscribe']);

/**
 * Turns Slack deliveries (Events API, interactivity, slash commands; HTTP or Socket Mode alike)
 * into neutral events, opening modals and answering view submissions on the way.
 */
export class SlackInbound {
  /** Users already sent the link prompt in their DM (when the Home tab cannot be published). */
  readonly #prompted = new Set<string>();

  constructor(private readonly context: DispatchContext) {}

  /** An Events API `event_callback` (or its Socket Mode payload). */
  async event(body: Json): Promise<Dispatched> {
    const event = record(body['event']);
    const now = this.context.now();
    const eventId =
      text(body['event_id']) ?? text(event['client_msg_id']) ?? text(event['ts']) ?? String(now);
    const user = text(event['user']);
    if (event['type'] === 'message' && event['channel_type'] === 'im') {
      const subtype = text(event['subtype']);
      if (
        user === undefined ||
        event['bot_id'] !== undefined ||
        (subtype !== undefined && subtype !== 'file_share')
      ) {
        return { events: [] };
      }
      const dm = text(event['channel']);
      if (dm !== undefined) this.context.rememberDm(user, dm);
      const message = fromSlackText(text(event['text']) ?? '');
      const sender = {
        id: user,
        ...(text(event['channel']) === undefined ? {} : { conversationId: String(event['channel']) }),
      };
      const base = { channel: 'slack' as const, sender, eventId, at: millis(event['ts'], now) };
      if (STOP_WORDS.has(message.trim().toLowerCase()))
        return { events: [{ ...base, type: 'stop', text: message }] };
      return { events: [{ ...base, type: 'text', text: message }] };
    }
    if (event['type'] === 'app_home_opened' && user !== undefined) {
      const dm = text(event['channel']);
      return { events: [], followUp: () => this.showLinkButton(user, dm) };
    }
    return { events: [] };
  }

  /** An interactivity payload: `block_actions` or `view_submission`. */
  async interaction(payload: Json): Promise<Dispatched> {
    if (payload['type'] === 'block_actions') return this.blockActions(payload);
    if (payload['type'] === 'view_submission') return this.viewSubmission(payload);
    return { events: [] };
  }

  /** A slash command: `/ferry link <code>`, `/ferry stop`, or any other text as a text event. */
  async command(fields: Readonly<Record<string, string>>): Promise<Dispatched> {
    if (fields['command'] !== this.context.command) return { events: [] };
    const now = this.context.now();
    const user = fields['user_id'] ?? '';
    const sender = {
      id: user,
      ...(fields['channel_id'] === undefined ? {} : { conversationId: fields['channel_id'] }),
    };
    const base = {
      channel: 'slack' as const,
      sender,
      eventId: fields['trigger_id'] ?? `${user}:${now}`,
      at: now,
    };
    const words = fromSlackText(fields['text'] ?? '').trim();
    const [verb = '', ...rest] = words.split(/\s+/);
    const argument = rest.join(' ').trim();
    if (verb.toLowerCase() === 'link') {
      if (argument === '')
        return { events: [], ack: ephemeral(`Paste your code: \`${this.context.command} link <code>\`.`) };
      return {
        events: [{ ...base, type: 'link-claim', token: argument, via: 'command' }],
        ack: ephemeral('Thanks! Linking your account…'),
      };
    }
    if (STOP_WORDS.has(verb.toLowerCase())) {
      return {
        events: [{ ...base, type: 'stop', text: words }],
        ack: ephemeral('You will not get more messages.'),
      };
    }
    if (words === '')
      return {
        events: [],
        ack: ephemeral(`Use \`${this.context.command} link <code>\` to link your account.`),
      };
    return { events: [{ ...base, type: 'text', text: words }] };
  }

  private async blockActions(payload: Json): Promise<Dispatched> {
    const now = this.context.now();
    const user = record(payload['user']);
    const userId = text(user['id']) ?? '';
    const conversationId =
      text(record(payload['channel'])['id']) ?? text(record(payload['container'])['channel_id']);
    const messageTs =
      text(record(payload['message'])['ts']) ?? text(record(payload['container'])['message_ts']);
    const triggerId = text(payload['trigger_id']);
    const events: InboundEvent[] = [];
    const actions = Array.isArray(payload['actions']) ? payload['actions'].map(record) : [];
    for (const action of actions) {
      const actionId = text(action['action_id']) ?? '';
      if (actionId === ACTION_IDS.form && triggerId !== undefined) {
        await this.openForm(text(action['value']) ?? '', userId, conversationId, triggerId);
        continue;
      }
      if (actionId === ACTION_IDS.linkOpen && triggerId !== undefined) {
        await this.openView(triggerId, linkCodeModal());
        continue;
      }
      const selected = record(action['selected_option']);
      const chosen =
        actionId === ACTION_IDS.menu
          ? text(selected['value'])
          : isFerryActionId(actionId)
            ? undefined
            : (text(action['value']) ?? actionId);
      if (chosen === undefined) continue;
      const title =
        actionId === ACTION_IDS.menu
          ? text(record(selected['text'])['text'])
          : text(record(action['text'])['text']);
      events.push({
        channel: 'slack',
        type: 'choice',
        sender: {
          id: userId,
          ...(text(user['name']) === undefined ? {} : { name: String(user['name']) }),
          ...(conversationId === undefined ? {} : { conversationId }),
        },
        eventId: `${messageTs ?? ''}:${text(action['action_ts']) ?? now}:${userId}`,
        at: millis(action['action_ts'], now),
        id: this.context.restore(chosen),
        ...(title === undefined ? {} : { title }),
        ...(messageTs === undefined ? {} : { messageId: messageTs }),
      });
    }
    return { events };
  }

  private async viewSubmission(payload: Json): Promise<Dispatched> {
    const now = this.context.now();
    const view = record(payload['view']);
    const userId = text(record(payload['user'])['id']) ?? '';
    const values = record(record(view['state'])['values']) as ViewStateValues;
    const eventId = `${text(view['id']) ?? ''}:${text(view['hash']) ?? now}`;
    if (view['callback_id'] === CALLBACK_IDS.link) {
      const code = text(record(values[ACTION_IDS.linkInput]?.[ACTION_IDS.linkInput])['value'])?.trim() ?? '';
      if (code === '')
        return {
          events: [],
          ack: { response_action: 'errors', errors: { [ACTION_IDS.linkInput]: 'Paste your code.' } },
        };
      return {
        events: [
          {
            channel: 'slack',
            type: 'link-claim',
            sender: { id: userId },
            eventId,
            at: now,
            token: code,
            via: 'modal',
          },
        ],
      };
    }
    if (view['callback_id'] !== CALLBACK_IDS.form) return { events: [] };
    const outcome = await this.context.forms.submit(text(view['private_metadata']) ?? '', userId, values);
    const events: InboundEvent[] = [];
    if (outcome.completed !== undefined) {
      const { session } = outcome.completed;
      events.push({
        channel: 'slack',
        type: 'form',
        sender: {
          id: userId,
          ...(session.conversationId === undefined ? {} : { conversationId: session.conversationId }),
        },
        eventId,
        at: now,
        formId: outcome.completed.formId,
        response: outcome.completed.response,
      });
    }
    return outcome.ack === undefined ? { events } : { events, ack: outcome.ack };
  }

  private async openForm(
    formId: string,
    userId: string,
    conversationId: string | undefined,
    triggerId: string,
  ): Promise<void> {
    const view = await this.context.forms.start(this.context.restore(formId), userId, conversationId);
    if (view === undefined) {
      this.context.logger.log('warn', 'A form button was pressed for a form this channel does not know.', {
        formId,
      });
      return;
    }
    await this.openView(triggerId, view);
  }

  /** `views.open`; a refusal (expired trigger, invalid view) is logged with Slack's error code, not thrown. */
  private async openView(triggerId: string, view: Record<string, unknown>): Promise<void> {
    try {
      await this.context.client.views.open({ trigger_id: triggerId, view: view as never });
    } catch (error) {
      const data = (error as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
      this.context.logger.log('error', 'Slack refused to open a modal.', {
        error: data?.error ?? 'request_failed',
        ...(data?.response_metadata?.messages === undefined
          ? {}
          : { messages: data.response_metadata.messages }),
      });
    }
  }

  /** Publishes the Home tab with the link button; where that fails, posts the button in the DM once. */
  private async showLinkButton(userId: string, dmChannel: string | undefined): Promise<void> {
    try {
      await this.context.client.views.publish({ user_id: userId, view: linkHomeView() as never });
      return;
    } catch (error) {
      this.context.logger.log(
        'info',
        'Could not publish the App Home tab; posting the link button in the DM.',
        {
          error: (error as { data?: { error?: string } }).data?.error,
        },
      );
    }
    if (this.#prompted.has(userId)) return;
    this.#prompted.add(userId);
    try {
      await this.context.post(dmChannel ?? userId, linkPromptMessage());
    } catch {
      this.#prompted.delete(userId);
    }
  }
}

function ephemeral(message: string): Record<string, unknown> {
  return { response_type: 'ephemeral', text: message };
}
