import type { OutboundMessage, SimulatedUserInit, UserMessage, WebhookDelivery } from './types.js';
import { isJsonObject, type JsonObject } from './validator.js';

/** What one user action produced: the inbound message id and the webhook POST to the app. */
export interface InboundResult {
  readonly messageId: string;
  readonly delivery: WebhookDelivery;
}

/** What a simulated user needs from the emulator. */
export interface UserHost {
  /** Delivers a user message (`type` + its object, optional `context.id`) as a `messages` webhook. */
  receive(user: SimulatedUser, message: JsonObject, contextMessageId?: string): Promise<InboundResult>;
  /** The user read a message: a `read` status webhook. */
  read(user: SimulatedUser, message: OutboundMessage): Promise<void>;
}

/** Digits of a phone number (`+1 (631) 555-1234` → `16315551234`), which is its wa_id. */
export function phoneDigits(phone: string): string {
  return phone.replace(/[\s+\-().]/g, '');
}

/**
 * A WhatsApp user who exists on the emulated platform: messages to them are delivered (unless
 * they block the business) and their actions reach the app as signed `messages` webhooks.
 */
export class SimulatedUser {
  /** The wa_id: the phone number's digits. */
  readonly waId: string;
  readonly name: string;
  readonly bsuid: string | undefined;
  private blockedBusiness = false;
  private readonly received: OutboundMessage[] = [];
  private readonly written: UserMessage[] = [];

  constructor(
    init: SimulatedUserInit,
    private readonly host: UserHost,
  ) {
    this.waId = phoneDigits(init.phone);
    this.name = init.name ?? `User ${this.waId}`;
    this.bsuid = init.bsuid;
  }

  /** Whether the user blocked the business (sends to them fail with 131026). */
  get blocked(): boolean {
    return this.blockedBusiness;
  }

  /** Sends a text to the business; opens (or refreshes) the 24 h customer-service window. */
  sendText(text: string): Promise<InboundResult> {
    return this.host.receive(this, { type: 'text', text: { body: text } });
  }

  /** Sends "STOP", the usual opt-out keyword (the platform itself does nothing with it). */
  optOut(): Promise<InboundResult> {
    return this.sendText('STOP');
  }

  /** Taps reply button `id` of an interactive `button` message: `interactive.button_reply`. */
  tapReplyButton(messageId: string, id: string): Promise<InboundResult> {
    const interactive = this.interactiveOf(messageId, 'button');
    const buttons = this.listAt(interactive, ['action', 'buttons']);
    const reply = buttons
      .map((button) => button['reply'])
      .find((item) => isJsonObject(item) && item['id'] === id);
    if (!isJsonObject(reply)) throw new Error(`Message ${messageId} has no reply button with id "${id}".`);
    return this.reply(
      {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id, title: reply['title'] } },
      },
      messageId,
    );
  }

  /** Picks row `id` of a list message: `interactive.list_reply` with title and description. */
  pickListRow(messageId: string, id: string): Promise<InboundResult> {
    const interactive = this.interactiveOf(messageId, 'list');
    const rows = this.listAt(interactive, ['action', 'sections']).flatMap((section) =>
      Array.isArray(section['rows']) ? section['rows'].filter(isJsonObject) : [],
    );
    const row = rows.find((item) => item['id'] === id);
    if (!row) throw new Error(`Message ${messageId} has no list row with id "${id}".`);
    const listReply: JsonObject = { id, title: row['title'] };
    if (row['description'] !== undefined) listReply['description'] = row['description'];
    return this.reply(
      { type: 'interactive', interactive: { type: 'list_reply', list_reply: listReply } },
      messageId,
    );
  }

  /**
   * Taps a quick-reply button of a template message (`type:"button"`, e.g. "Stop promotions").
   * `payload` defaults to the one the business sent for that button, else the button text.
   */
  tapTemplateButton(messageId: string, text: string, payload?: string): Promise<InboundResult> {
    const message = this.message(messageId);
    if (message.type !== 'template') throw new Error(`Message ${messageId} is not a template message.`);
    return this.reply(
      { type: 'button', button: { payload: payload ?? this.sentPayload(message, text), text } },
      messageId,
    );
  }

  /** Completes the Flow of a flow message: `interactive.nfm_reply` whose `response_json` is a string. */
  submitFlow(messageId: string, response: Readonly<Record<string, unknown>>): Promise<InboundResult> {
    const message = this.message(messageId);
    const token = flowTokenOf(message);
    if (token === undefined) throw new Error(`Message ${messageId} does not open a Flow.`);
    const responseJson = JSON.stringify({ flow_token: token, ...response });
    return this.reply(
      {
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson },
        },
      },
      messageId,
    );
  }

  /** Reads a message the business sent: a `read` status webhook. */
  read(messageId: string): Promise<void> {
    return this.host.read(this, this.message(messageId));
  }

  /** Blocks the business: later sends are accepted then fail with 131026. */
  block(): void {
    this.blockedBusiness = true;
  }

  unblock(): void {
    this.blockedBusiness = false;
  }

  /** Messages the business sent that reached this user, oldest first. */
  inbox(): OutboundMessage[] {
    return [...this.received];
  }

  /** Messages this user sent to the business, oldest first. */
  sent(): UserMessage[] {
    return [...this.written];
  }

  /** @internal The emulator delivered a message to this user. */
  deliver(message: OutboundMessage): void {
    this.received.push(message);
  }

  /** @internal The emulator recorded a message this user sent. */
  wrote(message: UserMessage): void {
    this.written.push(message);
  }

  private reply(message: JsonObject, contextMessageId: string): Promise<InboundResult> {
    return this.host.receive(this, message, contextMessageId);
  }

  private message(messageId: string): OutboundMessage {
    const message = this.received.find((item) => item.id === messageId);
    if (!message) throw new Error(`User ${this.waId} has no message ${messageId} in their inbox.`);
    return message;
  }

  private interactiveOf(messageId: string, type: string): JsonObject {
    const interactive = this.message(messageId).payload['interactive'];
    if (!isJsonObject(interactive) || interactive['type'] !== type)
      throw new Error(`Message ${messageId} is not an interactive ${type} message.`);
    return interactive;
  }

  private listAt(root: JsonObject, path: readonly string[]): JsonObject[] {
    let node: unknown = root;
    for (const key of path) node = isJsonObject(node) ? node[key] : undefined;
    return Array.isArray(node) ? node.filter(isJsonObject) : [];
  }

  private sentPayload(message: OutboundMessage, text: string): string {
    const template = message.payload['template'];
    const components =
      isJsonObject(template) && Array.isArray(template['components']) ? template['components'] : [];
    const index = templateButtonsOf(message).findIndex(
      (button) => button['type'] === 'QUICK_REPLY' && button['text'] === text,
    );
    if (index < 0) throw new Error(`Template message ${message.id} has no quick-reply button "${text}".`);
    for (const component of components.filter(isJsonObject)) {
      if (String(component['type']).toLowerCase() !== 'button' || Number(component['index']) !== index)
        continue;
      const parameter = Array.isArray(component['parameters']) ? component['parameters'][0] : undefined;
      if (isJsonObject(parameter) && typeof parameter['payload'] === 'string') return parameter['payload'];
      if (isJsonObject(parameter) && typeof parameter['text'] === 'string') return parameter['text'];
    }
    return text;
  }
}

/** The flow token of an interactive flow message or of a template with a flow button. */
function flowTokenOf(message: OutboundMessage): string | undefined {
  const interactive = message.payload['interactive'];
  if (isJsonObject(interactive) && interactive['type'] === 'flow') {
    const action = interactive['action'];
    const parameters = isJsonObject(action) ? action['parameters'] : undefined;
    const token = isJsonObject(parameters) ? parameters['flow_token'] : undefined;
    return typeof token === 'string' ? token : 'unused';
  }
  const template = message.payload['template'];
  const components =
    isJsonObject(template) && Array.isArray(template['components']) ? template['components'] : [];
  for (const component of components.filter(isJsonObject)) {
    if (String(component['sub_type']).toLowerCase() !== 'flow') continue;
    const parameter = Array.isArray(component['parameters']) ? component['parameters'][0] : undefined;
    const action = isJsonObject(parameter) ? parameter['action'] : undefined;
    const token = isJsonObject(action) ? action['flow_token'] : undefined;
    return typeof token === 'string' ? token : 'unused';
  }
  return templateButtonsOf(message).some((button) => button['type'] === 'FLOW') ? 'unused' : undefined;
}

/** The buttons of the registered template a message was sent with. */
function templateButtonsOf(message: OutboundMessage): JsonObject[] {
  const component = message.template?.components.find((item) => item['type'] === 'BUTTONS');
  return component && Array.isArray(component['buttons']) ? component['buttons'].filter(isJsonObject) : [];
}

/** The users that exist on the emulated platform, by wa_id (and BSUID). */
export class UserDirectory {
  private readonly users = new Map<string, SimulatedUser>();

  constructor(private readonly host: UserHost) {}

  /** Creates a user; throws if one with the same wa_id exists. */
  create(init: SimulatedUserInit): SimulatedUser {
    const user = new SimulatedUser(init, this.host);
    if (user.waId.length === 0 || !/^\d+$/.test(user.waId))
      throw new Error(`"${init.phone}" is not a phone number.`);
    if (this.users.has(user.waId)) throw new Error(`User ${user.waId} already exists.`);
    this.users.set(user.waId, user);
    return user;
  }

  /** The user with this phone number (any notation), wa_id or BSUID. */
  get(phoneOrBsuid: string): SimulatedUser | undefined {
    const byPhone = this.users.get(phoneDigits(phoneOrBsuid));
    if (byPhone) return byPhone;
    for (const user of this.users.values())
      if (user.bsuid !== undefined && user.bsuid === phoneOrBsuid) return user;
    return undefined;
  }

  list(): SimulatedUser[] {
    return [...this.users.values()];
  }

  clear(): void {
    this.users.clear();
  }
}
