import { viewJson } from './api.js';
import { validateModalView } from './block-kit.js';
import { isRecord, stringField } from './json.js';
import { closeView, placeView, replaceView } from './methods/views.js';
import {
  blockActionsPayload,
  legacyVerificationToken,
  payloadTeam,
  payloadUser,
  viewBlockActionsPayload,
} from './payloads.js';
import type { SlackState } from './state.js';
import type {
  DeliveryOptions,
  SlackDelivery,
  SlackMessageRecord,
  SlackUserRecord,
  SlackViewRecord,
  SlackWorkspace,
} from './types.js';
import {
  buildViewStateValues,
  elementText,
  findElements,
  optionOf,
  type SlackViewValues,
} from './view-state.js';

/** What a simulated user needs from its emulator (kept narrow so users are testable alone). */
export interface SlackUserHost {
  readonly state: SlackState;
  readonly workspace: SlackWorkspace;
  now(): number;
  /** Wraps `event` in an `event_callback` and POSTs it as JSON. */
  deliverEvent(event: Record<string, unknown>, options?: DeliveryOptions): Promise<SlackDelivery>;
  /** POSTs an interactivity payload as `payload=<json>`. */
  deliverPayload(payload: Record<string, unknown>, options?: DeliveryOptions): Promise<SlackDelivery>;
  /** POSTs slash command fields, form-encoded. */
  deliverForm(fields: Record<string, string>, options?: DeliveryOptions): Promise<SlackDelivery>;
  /** A `response_url` that posts into `channelId` (replacing `messageTs` when asked). */
  responseUrl(channelId: string, messageTs?: string): string;
}

/** What `users.create` takes. */
export interface SimulatedSlackUserInit {
  readonly id?: string;
  readonly name: string;
  readonly email?: string;
}

/** A workspace member the test drives: sends DMs, clicks, submits modals, runs slash commands. */
export class SimulatedSlackUser {
  constructor(
    private readonly host: SlackUserHost,
    private readonly record: SlackUserRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get name(): string {
    return this.record.name;
  }

  get email(): string | undefined {
    return this.record.email;
  }

  /** Whether the account was deactivated. */
  get deleted(): boolean {
    return this.record.deleted;
  }

  /** The id of the user's DM with the bot (opened on first use, as Slack does). */
  dmChannelId(): string {
    return this.host.state.openDm([this.id]).channel.id;
  }

  /** What the bot posted in this user's DM, oldest first. */
  inbox(): SlackMessageRecord[] {
    return (this.host.state.messages.get(this.dmChannelId()) ?? []).filter((message) => message.fromBot);
  }

  /** Deactivates the account: DMs to it then fail (`account_inactive`, `user_disabled`). */
  deactivate(): void {
    this.record.deleted = true;
  }

  /** Sends the bot a DM: an Events API `message` event with `channel_type: 'im'`. */
  async sendDm(text: string, options?: DeliveryOptions): Promise<SlackDelivery> {
    this.assertActive();
    const { state } = this.host;
    const channel = this.dmChannelId();
    const ts = state.nextTs();
    state.addMessage({
      channel,
      ts,
      user: this.id,
      text,
      blocks: undefined,
      threadTs: undefined,
      fromBot: false,
      edited: false,
    });
    const event = {
      type: 'message',
      channel,
      user: this.id,
      text,
      ts,
      event_ts: ts,
      channel_type: 'im',
      team: this.host.workspace.teamId,
      client_msg_id: state.nextId('m').toLowerCase(),
    };
    return this.host.deliverEvent(event, options);
  }

  /**
   * Opens the app's Home (or Messages) tab: an `app_home_opened` event, carrying the published Home
   * view when there is one (as Slack does). What the app publishes in answer shows in {@link homeView}.
   */
  async openAppHome(tab: 'home' | 'messages' = 'home', options?: DeliveryOptions): Promise<SlackDelivery> {
    this.assertActive();
    const published = this.homeView();
    const event = {
      type: 'app_home_opened',
      user: this.id,
      channel: this.dmChannelId(),
      tab,
      event_ts: this.host.state.nextTs(),
      ...(published === undefined ? {} : { view: viewJson(published, this.host.workspace) }),
    };
    return this.host.deliverEvent(event, options);
  }

  /** The App Home tab the app published for this user (`views.publish`), as the user sees it. */
  homeView(): SlackViewRecord | undefined {
    const id = this.host.state.homeViews.get(this.id);
    return id === undefined ? undefined : this.host.state.views.get(id);
  }

  /**
   * Clicks a button in a view (the App Home tab or an open modal): `block_actions` with a `view`
   * container and a fresh `trigger_id`, and no message or `response_url`, as Slack sends it.
   */
  async clickViewButton(viewId: string, actionId: string, options?: DeliveryOptions): Promise<SlackDelivery> {
    this.assertActive();
    const { state, workspace } = this.host;
    const view = state.views.get(viewId);
    if (!view?.open || view.userId !== this.id)
      throw new Error(`View ${viewId} is not shown to user ${this.id}.`);
    const blocks = Array.isArray(view.view['blocks']) ? view.view['blocks'] : [];
    const found = findElements(blocks).find(
      (candidate) => candidate.element['action_id'] === actionId && candidate.element['type'] === 'button',
    );
    if (!found) throw new Error(`View ${viewId} has no button with action_id "${actionId}".`);
    const action = {
      type: 'button',
      action_id: actionId,
      block_id: found.blockId,
      text: elementText(found.element),
      ...(typeof found.element['value'] === 'string' ? { value: found.element['value'] } : {}),
      action_ts: this.actionTs(),
    };
    const payload = viewBlockActionsPayload({
      workspace,
      user: this.record,
      view,
      action,
      triggerId: state.issueTrigger(this.id),
    });
    return this.host.deliverPayload(payload, options);
  }

  /** Clicks a button of a message the bot sent: a `block_actions` payload with a fresh `trigger_id`. */
  async clickButton(messageTs: string, actionId: string, options?: DeliveryOptions): Promise<SlackDelivery> {
    const { message, element, blockId } = this.findElement(messageTs, actionId, ['button']);
    const action = {
      type: 'button',
      action_id: actionId,
      block_id: blockId,
      text: elementText(element),
      ...(typeof element['value'] === 'string' ? { value: element['value'] } : {}),
      action_ts: this.actionTs(),
    };
    return this.deliverAction(message, action, options);
  }

  /** Picks an option of a select (or radio/overflow) in a message the bot sent. */
  async selectOption(
    messageTs: string,
    actionId: string,
    value: string,
    options?: DeliveryOptions,
  ): Promise<SlackDelivery> {
    const { message, element, blockId } = this.findElement(messageTs, actionId, [
      'static_select',
      'radio_buttons',
      'overflow',
    ]);
    const type = String(element['type']);
    const action = {
      type,
      action_id: actionId,
      block_id: blockId,
      selected_option: optionOf(element, value),
      ...(element['placeholder'] === undefined ? {} : { placeholder: element['placeholder'] }),
      action_ts: this.actionTs(),
    };
    return this.deliverAction(message, action, options);
  }

  /**
   * Submits an open modal: a `view_submission` whose `state.values` comes from the view's inputs, then
   * applies the app's `response_action` (`update`, `push`, `clear`, `errors`; none closes the view).
   */
  async submitView(
    viewId: string,
    values: SlackViewValues,
    options?: DeliveryOptions,
  ): Promise<SlackDelivery> {
    this.assertActive();
    const { state, workspace } = this.host;
    const record = state.views.get(viewId);
    if (!record?.open || record.userId !== this.id)
      throw new Error(`View ${viewId} is not open for user ${this.id}.`);
    const blocks = Array.isArray(record.view['blocks']) ? record.view['blocks'] : [];
    const payload = {
      type: 'view_submission',
      team: payloadTeam(workspace),
      user: payloadUser(this.record, workspace),
      api_app_id: workspace.appId,
      token: legacyVerificationToken,
      trigger_id: state.issueTrigger(this.id),
      view: viewJson(record, workspace, buildViewStateValues(blocks, values)),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const delivery = await this.host.deliverPayload(payload, options);
    if (delivery.status === 200) this.applyResponseAction(viewId, delivery.json);
    return delivery;
  }

  /** Runs a slash command in the user's DM with the bot (`/ferry`, `link ABC`). */
  async slashCommand(command: string, text = '', options?: DeliveryOptions): Promise<SlackDelivery> {
    this.assertActive();
    const { state, workspace } = this.host;
    const channel = this.dmChannelId();
    const team = payloadTeam(workspace);
    const fields = {
      token: legacyVerificationToken,
      team_id: workspace.teamId,
      team_domain: String(team['domain']),
      channel_id: channel,
      channel_name: 'directmessage',
      user_id: this.id,
      user_name: this.name,
      command,
      text,
      api_app_id: workspace.appId,
      is_enterprise_install: 'false',
      response_url: this.host.responseUrl(channel),
      trigger_id: state.issueTrigger(this.id),
    };
    return this.host.deliverForm(fields, options);
  }

  private applyResponseAction(viewId: string, body: unknown): void {
    const { state } = this.host;
    const action = isRecord(body) ? stringField(body, 'response_action') : undefined;
    const view = isRecord(body) && isRecord(body['view']) ? body['view'] : undefined;
    const record = state.views.get(viewId);
    if (!record) return;
    if (action === 'errors') return;
    if (action === 'update' && view && validateModalView(view).length === 0) {
      replaceView(state, record, view);
      return;
    }
    if (action === 'push' && view && validateModalView(view).length === 0) {
      placeView(state, this.id, view, 'push');
      return;
    }
    if (action === 'clear') {
      for (const openId of state.viewStacks.get(this.id) ?? []) closeView(state, openId);
      return;
    }
    closeView(state, viewId);
  }

  private async deliverAction(
    message: SlackMessageRecord,
    action: Record<string, unknown>,
    options: DeliveryOptions | undefined,
  ): Promise<SlackDelivery> {
    const { state, workspace } = this.host;
    const channel = state.channels.get(message.channel);
    const payload = blockActionsPayload({
      workspace,
      user: this.record,
      message,
      channelName: channel?.kind === 'im' ? 'directmessage' : (channel?.name ?? ''),
      action,
      triggerId: state.issueTrigger(this.id),
      responseUrl: this.host.responseUrl(message.channel, message.ts),
    });
    return this.host.deliverPayload(payload, options);
  }

  private findElement(
    messageTs: string,
    actionId: string,
    types: readonly string[],
  ): { message: SlackMessageRecord; element: Record<string, unknown>; blockId: string | undefined } {
    this.assertActive();
    const message = this.host.state.findMessageAnywhere(messageTs);
    if (!message?.fromBot) throw new Error(`No bot message with ts ${messageTs}.`);
    const channel = this.host.state.channels.get(message.channel);
    if (!channel?.members.has(this.id)) throw new Error(`User ${this.id} cannot see message ${messageTs}.`);
    const found = findElements(message.blocks ?? []).find(
      (candidate) =>
        candidate.element['action_id'] === actionId && types.includes(String(candidate.element['type'])),
    );
    if (!found)
      throw new Error(`Message ${messageTs} has no ${types.join('/')} with action_id "${actionId}".`);
    return { message, element: found.element, blockId: found.blockId };
  }

  private actionTs(): string {
    const now = this.host.now();
    return `${Math.floor(now / 1000)}.${String(now % 1000).padStart(3, '0')}000`;
  }

  private assertActive(): void {
    if (this.record.deleted) throw new Error(`User ${this.id} is deactivated.`);
  }
}
