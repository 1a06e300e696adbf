import { randomBytes } from 'node:crypto';
import { Emulator, type EmulatorRequest, type EmulatorResponse } from '../shared/emulator.js';
import { SlidingWindowLimiter } from '../shared/rate-limiter.js';
import { DEFAULT_WHATSAPP_ACCOUNT, resolveLimits } from './config.js';
import { inboundEnvelope, statusEnvelope, unixSeconds } from './envelopes.js';
import {
  GRAPH_ERROR_TITLES,
  type GraphFailure,
  graphErrorResponse,
  invalidParameter,
  invalidTokenResponse,
  invalidValue,
  webhookError,
} from './graph-errors.js';
import { CustomerServiceWindows, MessagingLimit, PairRateLimiter } from './limits.js';
import { NODE_ROUTE, readPhoneNumber } from './phone-number.js';
import { decodeBody } from './request-body.js';
import { checkTemplateSend } from './template-check.js';
import { createTemplate, listTemplates } from './template-routes.js';
import { TemplateRegistry, type WhatsAppTemplate } from './templates.js';
import type {
  OutboundMessage,
  OutboundStatus,
  TemplateStatus,
  UserMessage,
  WebhookDelivery,
  WhatsAppAccount,
  WhatsAppCredentials,
  WhatsAppEmulatorOptions,
  WhatsAppLimits,
} from './types.js';
import {
  type InboundResult,
  phoneDigits,
  type SimulatedUser,
  UserDirectory,
  type UserHost,
} from './users.js';
import { validateSend } from './validate-message.js';
import { type JsonObject, Validator } from './validator.js';
import { WebhookDispatcher } from './webhooks.js';

const ROUTE = /^\/(v\d+\.\d+)\/([^/]+)\/(messages|message_templates)\/?$/;

/** The result of `verifyWebhook()`: whether the app echoed the challenge with a 200. */
export interface VerificationResult {
  readonly ok: boolean;
  readonly status: number;
  readonly body: string;
  readonly challenge: string;
}

/**
 * A local WhatsApp Cloud API (Graph): `POST /{version}/{phone-number-id}/messages` with Meta's
 * validation, template checks, 24 h window, throughput, pair rate and messaging limit, the
 * `message_templates` edge, signed status and user webhooks, and simulated users.
 * @see PLATFORMS.md §1
 */
export class WhatsAppEmulator extends Emulator implements UserHost {
  readonly account: WhatsAppAccount;
  readonly limits: WhatsAppLimits;
  /** The WABA's templates; `templates.register(...)` adds one without going through the API. */
  readonly templates = new TemplateRegistry();
  /** Users that exist on the platform; `users.create({ phone })`. */
  readonly users: UserDirectory;
  private webhookUrl: string | undefined;
  private readonly createdTemplateStatus: TemplateStatus;
  private readonly webhooks: WebhookDispatcher;
  private readonly throughput: SlidingWindowLimiter;
  private readonly pairRate: PairRateLimiter;
  private readonly windows: CustomerServiceWindows;
  private readonly messagingLimit: MessagingLimit;
  private readonly outbound = new Map<string, OutboundMessage>();
  private readonly inbound = new Map<string, UserMessage>();
  private sequence = 0;

  constructor(options: WhatsAppEmulatorOptions = {}) {
    super(options);
    this.account = { ...DEFAULT_WHATSAPP_ACCOUNT, ...options.account };
    this.limits = resolveLimits(options);
    this.webhookUrl = options.webhookUrl;
    this.createdTemplateStatus = options.createdTemplateStatus ?? 'APPROVED';
    this.users = new UserDirectory(this);
    this.webhooks = new WebhookDispatcher({
      url: () => this.webhookUrl,
      appSecret: this.account.appSecret,
      mode: options.deliverStatuses ?? 'immediate',
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
    });
    this.throughput = new SlidingWindowLimiter(this.limits.throughputPerSecond, 1000, this.clock);
    this.pairRate = new PairRateLimiter(this.limits.pairRate, this.clock);
    this.windows = new CustomerServiceWindows(this.clock);
    this.messagingLimit = new MessagingLimit(this.limits.tier, this.clock);
  }

  /** What a client needs: Graph base URL (the emulator), version, ids, token and secrets. */
  credentials(): WhatsAppCredentials {
    const { version, phoneNumberId, wabaId, accessToken, appSecret, verifyToken } = this.account;
    return {
      graphBaseUrl: this.baseUrl,
      version,
      phoneNumberId,
      wabaId,
      accessToken,
      appSecret,
      verifyToken,
    };
  }

  /** Sets (or clears) the app's webhook URL. */
  setWebhookUrl(url: string | undefined): void {
    this.webhookUrl = url;
  }

  /** POSTs every queued webhook (manual mode, failed deliveries) and waits for those in flight. */
  flush(): Promise<WebhookDelivery[]> {
    return this.webhooks.flush();
  }

  /** Resolves when no webhook is in flight. */
  idle(): Promise<void> {
    return this.webhooks.idle();
  }

  /** Webhooks waiting for `flush()`. */
  pendingWebhooks(): number {
    return this.webhooks.pending();
  }

  /** Every webhook delivery attempt so far, in order. */
  webhookLog(): WebhookDelivery[] {
    return this.webhooks.log();
  }

  /** Every message the API accepted (delivered or failed), oldest first. */
  messages(): OutboundMessage[] {
    return [...this.outbound.values()];
  }

  /** One accepted message by wamid. */
  message(id: string): OutboundMessage | undefined {
    return this.outbound.get(id);
  }

  /** Unique users reached outside a customer-service window in the last 24 h (the tier's count). */
  reachedUsers(): number {
    return this.messagingLimit.reached();
  }

  /** Whether `phone`'s 24 h customer-service window is open. */
  isWindowOpen(phone: string): boolean {
    return this.windows.isOpen(this.users.get(phone)?.waId ?? phoneDigits(phone));
  }

  /**
   * Performs Meta's verification GET against the app (`hub.mode=subscribe`, `hub.verify_token`,
   * `hub.challenge`); `ok` when it answers 200 with the challenge. @see PLATFORMS.md §1.1
   */
  async verifyWebhook(options: { verifyToken?: string; url?: string } = {}): Promise<VerificationResult> {
    const target = options.url ?? this.webhookUrl;
    if (target === undefined) throw new Error('No webhook URL: pass one or call setWebhookUrl first.');
    const challenge = String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
    const url = new URL(target);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.verify_token', options.verifyToken ?? this.account.verifyToken);
    url.searchParams.set('hub.challenge', challenge);
    const response = await fetch(url, { headers: { 'user-agent': 'facebookplatform/1.0' } });
    const body = await response.text();
    return { ok: response.status === 200 && body === challenge, status: response.status, body, challenge };
  }

  /** @internal A simulated user's message reaches the business. */
  async receive(user: SimulatedUser, message: JsonObject, contextMessageId?: string): Promise<InboundResult> {
    const now = this.clock.now();
    const id = this.wamid(user.waId);
    const item: JsonObject = {
      ...(contextMessageId === undefined
        ? {}
        : { context: { from: this.account.displayPhoneNumber, id: contextMessageId } }),
      from: user.waId,
      id,
      timestamp: unixSeconds(now),
      ...message,
    };
    const contact: JsonObject = {
      profile: { name: user.name },
      wa_id: user.waId,
      ...(user.bsuid === undefined ? {} : { user_id: user.bsuid }),
    };
    this.windows.open(user.waId);
    // Inbound messages count toward the number's throughput (PLATFORMS.md §1.5) but are never refused.
    this.throughput.take('business');
    const record: UserMessage = { id, type: String(message['type']), message: item, at: now };
    this.inbound.set(id, record);
    user.wrote(record);
    const delivery = await this.webhooks.send(inboundEnvelope(this.account, contact, item));
    return { messageId: id, delivery };
  }

  /** @internal A simulated user read a message. */
  async read(_user: SimulatedUser, message: OutboundMessage): Promise<void> {
    if (message.status === 'failed') throw new Error(`Message ${message.id} failed; it cannot be read.`);
    if (message.status === 'read') return;
    message.status = 'read';
    this.emitStatus(message, 'read');
    await this.webhooks.idle();
  }

  protected route(request: EmulatorRequest): EmulatorResponse {
    if (!this.authorized(request)) {
      this.stats.reject('190 invalid token');
      return invalidTokenResponse();
    }
    const node = NODE_ROUTE.exec(request.path);
    if (node) return readPhoneNumber(this.account, request, node[2] ?? '');
    const match = ROUTE.exec(request.path);
    if (!match) return graphErrorResponse({ code: 100, details: `Unknown path components: ${request.path}` });
    const [, , objectId, edge] = match;
    const expected = edge === 'messages' ? this.account.phoneNumberId : this.account.wabaId;
    const supported =
      edge === 'messages' ? request.method === 'POST' : ['GET', 'POST'].includes(request.method);
    if (objectId !== expected || !supported)
      return graphErrorResponse({
        code: 100,
        subcode: 33,
        details: `Unsupported ${request.method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      });
    if (edge === 'message_templates' && request.method === 'GET')
      return listTemplates(this.templates, request.query, `${this.baseUrl}${request.path}?${request.query}`);
    const body = decodeBody(request);
    if (!body) return this.reject(invalidParameter('The request body must be a JSON object.'));
    if (edge === 'message_templates') return createTemplate(this.templates, body, this.createdTemplateStatus);
    if (body['status'] !== undefined) return this.markAsRead(body);
    return this.sendMessage(body);
  }

  protected methodOf(request: EmulatorRequest): string {
    if (NODE_ROUTE.test(request.path)) return `${request.method} /phone-number`;
    const match = ROUTE.exec(request.path);
    if (!match) return `${request.method} ${request.path}`;
    const edge = match[3];
    if (edge === 'messages' && request.method === 'POST' && decodeBody(request)?.['status'] !== undefined)
      return 'POST /messages:read';
    return `${request.method} /${edge}`;
  }

  protected isFaultEligible(method: string): boolean {
    return method === 'POST /messages';
  }

  protected faultResponse(kind: 'rate-limit' | 'server-error'): EmulatorResponse {
    if (kind === 'rate-limit')
      return graphErrorResponse({
        code: 130429,
        httpStatus: 429,
        details: 'Cloud API message throughput has been reached.',
      });
    return graphErrorResponse({ code: 2, httpStatus: 500, details: 'Service temporarily unavailable.' });
  }

  protected override async onStopping(): Promise<void> {
    await this.webhooks.idle();
  }

  protected override onReset(): void {
    this.users.clear();
    this.windows.reset();
    this.throughput.reset();
    this.pairRate.reset();
    this.messagingLimit.reset();
    this.outbound.clear();
    this.inbound.clear();
    this.webhooks.clear();
  }

  private authorized(request: EmulatorRequest): boolean {
    const header = String(request.headers.authorization ?? '');
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : request.query.get('access_token');
    return token === this.account.accessToken;
  }

  private reject(failure: GraphFailure): EmulatorResponse {
    // Keyed by code and title, not details, so the reasons stay few (details name recipients).
    this.stats.reject(`${failure.code} ${GRAPH_ERROR_TITLES[failure.code] ?? 'error'}`);
    return graphErrorResponse(failure);
  }

  private wamid(waId: string): string {
    this.sequence++;
    const raw = `${this.account.phoneNumberId}.${waId}.${this.sequence}.${randomBytes(6).toString('hex')}`;
    return `wamid.${Buffer.from(raw).toString('base64')}`;
  }

  /** `{messaging_product, status:"read", message_id, typing_indicator?}`. @see PLATFORMS.md §1.1 */
  private markAsRead(body: JsonObject): EmulatorResponse {
    const v = new Validator();
    v.string(body, 'messaging_product', 'messaging_product', { required: true, oneOf: ['whatsapp'] });
    v.string(body, 'status', 'status', { required: true, oneOf: ['read'] });
    const messageId = v.string(body, 'message_id', 'message_id', { required: true });
    const typing = v.object(body, 'typing_indicator', 'typing_indicator', false);
    if (typing) v.string(typing, 'type', "typing_indicator['type']", { required: true, oneOf: ['text'] });
    if (v.failure || messageId === undefined) return this.reject(v.failure ?? invalidParameter('message_id'));
    const message = this.inbound.get(messageId);
    if (!message) return this.reject(invalidParameter(`Param message_id: no inbound message ${messageId}.`));
    message.readBy = { at: this.clock.now(), typingIndicator: typing !== undefined };
    return { status: 200, body: { success: true } };
  }

  private sendMessage(body: JsonObject): EmulatorResponse {
    const validation = validateSend(body);
    if (!validation.ok) return this.reject(validation.failure);
    let template: WhatsAppTemplate | undefined;
    if (validation.template) {
      const check = checkTemplateSend(this.templates, validation.template);
      if (!check.ok) return this.reject(check.failure);
      template = check.template;
    }
    const user = this.users.get(validation.to);
    const digits = phoneDigits(validation.to);
    if (!user && !/^\d{5,20}$/.test(digits))
      return this.reject(
        invalidValue(`Param to must be a phone number or a known BSUID, got "${validation.to}".`),
      );
    const waId = user?.waId ?? digits;
    const windowOpen = this.windows.isOpen(waId);
    const outsideWindow = !template && !windowOpen && this.limits.enforce24hWindow;
    if (outsideWindow && this.limits.windowViolation === 'reject') return this.reject(reEngagement(waId));
    const throughput = this.throughput.take('business');
    if (!throughput.ok)
      return this.reject({
        code: 130429,
        httpStatus: 429,
        details: `Cloud API message throughput (${this.limits.throughputPerSecond}/s) has been reached.`,
      });
    const pair = this.pairRate.take(waId);
    if (!pair.ok)
      return this.reject({
        code: 131056,
        httpStatus: 429,
        details: `Too many messages sent from this phone number to ${waId} in a short period of time.`,
      });
    let failure: GraphFailure | undefined;
    if (!user || user.blocked) failure = UNDELIVERABLE;
    else if (outsideWindow) failure = reEngagement(waId);
    else if (template && !windowOpen && !this.messagingLimit.reach(waId))
      failure = {
        code: 131048,
        details: `Messaging limit reached: ${String(this.limits.tier)} unique users in a rolling 24 h.`,
      };
    const id = this.wamid(waId);
    const message: OutboundMessage = {
      id,
      to: waId,
      type: validation.type,
      payload: body,
      ...(validation.callbackData === undefined ? {} : { callbackData: validation.callbackData }),
      category: template ? template.category.toLowerCase() : 'service',
      at: this.clock.now(),
      status: 'accepted',
      ...(template ? { template } : {}),
    };
    this.outbound.set(id, message);
    this.stats.accept(['global', `user:${waId}`]);
    if (failure || !user) {
      message.status = 'failed';
      message.error = webhookError(failure ?? UNDELIVERABLE);
      this.emitStatus(message, 'failed');
    } else {
      this.ledger.record({
        method: 'POST /messages',
        recipient: waId,
        messageId: id,
        payload: body,
        ...(validation.callbackData === undefined ? {} : { callbackData: validation.callbackData }),
        at: message.at,
      });
      user.deliver(message);
      message.status = 'delivered';
      this.emitStatus(message, 'sent');
      this.emitStatus(message, 'delivered');
    }
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: validation.to, wa_id: waId }],
        messages: [{ id, ...(template ? { message_status: 'accepted' } : {}) }],
      },
    };
  }

  private emitStatus(message: OutboundMessage, status: Exclude<OutboundStatus, 'accepted'>): void {
    const billable = status !== 'failed' && status !== 'read';
    const item: JsonObject = {
      id: message.id,
      status,
      timestamp: unixSeconds(this.clock.now()),
      recipient_id: message.to,
      ...(message.callbackData === undefined ? {} : { biz_opaque_callback_data: message.callbackData }),
      ...(billable
        ? {
            pricing: {
              billable: message.category !== 'service',
              pricing_model: 'PMP',
              category: message.category,
            },
          }
        : {}),
      ...(status === 'failed' && message.error ? { errors: [message.error] } : {}),
    };
    this.webhooks.enqueue(statusEnvelope(this.account, item));
  }
}

/** Unknown numbers and users who blocked the business: accepted, then `failed` (PLATFORMS.md §1.6). */
const UNDELIVERABLE: GraphFailure = {
  code: 131026,
  details:
    'Message undeliverable: the recipient is not a WhatsApp user or cannot receive messages from this business.',
};

function reEngagement(waId: string): GraphFailure {
  return {
    code: 131047,
    details: `Message failed to send because more than 24 hours have passed since ${waId} last replied to this number.`,
  };
}
