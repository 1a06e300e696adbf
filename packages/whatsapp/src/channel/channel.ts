import {
  type Channel,
  type ChannelCapabilities,
  type Clock,
  ConfigError,
  capabilitiesFor,
  type InboundHandler,
  type Logger,
  type Message,
  PACING_PRESETS,
  Pacer,
  type Rendered,
  type SendOptions,
  type SendOutcome,
  ShortIdTable,
  silentLogger,
  systemClock,
} from '@ferry/core';
import { whatsAppInviteLink } from '../link/invite.js';
import { FlowTokenWriter } from '../render/flow-token-lookup.js';
import { type FlowTokenRecorder, FlowTokenTable } from '../render/flow-tokens.js';
import { renderWhatsApp } from '../render/render.js';
import { type TemplateMessage, templateBody } from '../render/template.js';
import { DeliveryConfirmations } from '../send/confirmations.js';
import { GraphClient } from '../send/graph.js';
import { type WhatsAppIdentity, whoAmI } from '../send/identity.js';
import { outcomeOfGraphError } from '../send/outcomes.js';
import { CloudApiSender } from '../send/sender.js';
import { type GraphTemplate, listAllTemplates } from '../send/templates.js';
import { handleWhatsAppWebhook } from '../webhook/handle.js';
import type { WhatsAppChannelConfig, WhatsAppStatus } from './types.js';

/** Graph defaults. @see PLATFORMS.md §1.2 (graph.facebook.com, v23.0 spec) */
export const WHATSAPP_DEFAULTS = { graphBaseUrl: 'https://graph.facebook.com', version: 'v23.0' } as const;

function pacerOf(config: WhatsAppChannelConfig, clock: Clock): Pacer {
  const pacing = config.pacing ?? 'whatsapp80';
  if (pacing instanceof Pacer) return pacing;
  const preset = typeof pacing === 'string' ? PACING_PRESETS[pacing] : pacing;
  if (preset === undefined) throw new ConfigError(`Unknown WhatsApp pacing preset "${String(pacing)}".`);
  return new Pacer({ clock, ...preset });
}

/**
 * Ferry's WhatsApp Cloud API channel over plain HTTP (node:http keep-alive, or an injected fetch): renders the neutral model to `/messages`
 * bodies, sends text, interactive and template messages paced at the number's throughput and the
 * pair rate, maps every Graph error to a typed outcome, and receives signed webhooks.
 * @see PLATFORMS.md §1
 */
export class WhatsAppChannel implements Channel {
  readonly name = 'whatsapp' as const;
  readonly capabilities: ChannelCapabilities = capabilitiesFor('whatsapp');
  /** Reply and row ids shortened for WhatsApp; restored on inbound choices. */
  readonly ids: ShortIdTable;
  /** Custom Flow tokens sent by this channel, so a Flow reply's `form` event names the form. */
  readonly flowTokens: FlowTokenTable;
  /** Writes custom Flow tokens through to `config.flowTokenLookup`, when there is one. */
  private readonly flowTokenWriter: FlowTokenWriter | undefined;
  private readonly graph: GraphClient;
  private readonly sender: CloudApiSender;
  private readonly confirmations: DeliveryConfirmations;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private displayPhoneNumber: string | undefined;

  constructor(private readonly config: WhatsAppChannelConfig) {
    if (typeof config.phoneNumberId !== 'string' || config.phoneNumberId.trim() === '')
      throw new ConfigError('WhatsApp needs the phone number id.');
    this.clock = config.clock ?? systemClock;
    this.logger = config.logger ?? silentLogger;
    this.ids = config.ids ?? new ShortIdTable();
    this.flowTokens = config.flowTokens ?? new FlowTokenTable();
    this.flowTokenWriter =
      config.flowTokenLookup === undefined ? undefined : new FlowTokenWriter(config.flowTokenLookup);
    this.displayPhoneNumber = config.displayPhoneNumber;
    this.graph = new GraphClient({
      accessToken: config.accessToken,
      graphBaseUrl: config.graphBaseUrl ?? WHATSAPP_DEFAULTS.graphBaseUrl,
      version: config.version ?? WHATSAPP_DEFAULTS.version,
      ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
    });
    this.confirmations = new DeliveryConfirmations(this.clock);
    this.sender = new CloudApiSender({
      graph: this.graph,
      phoneNumberId: config.phoneNumberId,
      pacer: pacerOf(config, this.clock),
      logger: this.logger,
      confirmations: this.confirmations,
      confirmWithinMs: config.confirmDeliveryWithinMs,
    });
  }

  /**
   * Fit to WhatsApp, then the `/messages` bodies (without `to`) and the fidelity notes; remembers
   * shortened ids. Custom Flow tokens are remembered by `send` only, so previews and dry runs do not
   * fill the table.
   */
  render(message: Message): Rendered {
    return renderWhatsApp(message, this.ids);
  }

  /**
   * Sends each rendered body in order; `options.callbackData` goes out as `biz_opaque_callback_data`.
   * A Flow button's token is remembered first, in `flowTokens` and in `config.flowTokenLookup`.
   */
  async send(recipient: string, message: Message, options: SendOptions = {}): Promise<SendOutcome> {
    const sent: (readonly [token: string, formId: string])[] = [];
    const recorder: FlowTokenRecorder =
      this.flowTokenWriter === undefined
        ? this.flowTokens
        : {
            remember: (token, formId) => {
              this.flowTokens.remember(token, formId);
              sent.push([token, formId]);
            },
          };
    const { payloads } = renderWhatsApp(message, this.ids, recorder);
    await this.writeFlowTokens(sent);
    return this.sender.send(
      recipient,
      payloads.map((payload) => payload.body),
      options,
    );
  }

  /**
   * Sends an approved template (the only thing allowed outside the 24 h window), with header,
   * body and button parameters; `template.callbackData` wins over `options.callbackData`. A Flow
   * button parameter's `flowToken` is remembered against its `formId` for the completion webhook.
   * @see PLATFORMS.md §1.2 "Template", §1.7
   */
  async sendTemplate(
    recipient: string,
    template: TemplateMessage,
    options: SendOptions = {},
  ): Promise<SendOutcome> {
    const callbackData = template.callbackData ?? options.callbackData;
    const sent: (readonly [token: string, formId: string])[] = [];
    for (const button of template.parameters?.buttons ?? [])
      if (button.type === 'flow' && button.formId !== undefined) {
        this.flowTokens.remember(button.flowToken, button.formId);
        sent.push([button.flowToken, button.formId]);
      }
    await this.writeFlowTokens(sent);
    return this.sender.send(recipient, [templateBody(template)], {
      ...options,
      ...(callbackData === undefined ? {} : { callbackData }),
    });
  }

  /** `https://wa.me/<number>?text=LINK%20<token>`; see `whatsAppInviteLink`. */
  inviteLink(token: string): string {
    return whatsAppInviteLink(token, this.displayPhoneNumber);
  }

  /** The callback URL: handshake, signature check, events to `handler`, statuses to `statusHandler`. */
  handleWebhook(request: Request, handler: InboundHandler): Promise<Response> {
    return handleWhatsAppWebhook(request, handler, {
      appSecret: this.config.appSecret,
      verifyToken: this.config.verifyToken,
      ids: this.ids,
      flowTokens: this.flowTokens,
      ...(this.config.flowTokenLookup === undefined ? {} : { flowTokenLookup: this.config.flowTokenLookup }),
      now: () => this.clock.now(),
      onStatus: (status) => this.onStatus(status),
      logger: this.logger,
      ...(this.config.optOutKeywords === undefined ? {} : { optOutKeywords: this.config.optOutKeywords }),
    });
  }

  /** Checks the token; learns the display number for `inviteLink` when Graph gives it. */
  async whoAmI(): Promise<WhatsAppIdentity> {
    const identity = await whoAmI(this.graph, this.config.phoneNumberId);
    this.displayPhoneNumber ??= identity.displayPhoneNumber;
    return identity;
  }

  /**
   * Marks an inbound message as read (blue ticks), with a typing indicator when `typing`; the
   * outcome says `sent` when Graph accepted it. Not paced: a read receipt is not a message.
   * @see PLATFORMS.md §1.1 "Mark an inbound message as read"
   */
  async markAsRead(messageId: string, options: { readonly typing?: boolean } = {}): Promise<SendOutcome> {
    const result = await this.graph.call('POST', this.graph.url(`${this.config.phoneNumberId}/messages`), {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: messageId,
      ...(options.typing === true ? { typing_indicator: { type: 'text' } } : {}),
    });
    if (result.kind === 'ok') return { status: 'sent', id: messageId, ids: [messageId] };
    if (result.kind === 'network')
      return result.written
        ? { status: 'ambiguous', reason: result.reason }
        : { status: 'transient', reason: result.reason };
    return outcomeOfGraphError(result.error, result.status);
  }

  /** Every template of the WABA (all pages), optionally filtered by name. @see PLATFORMS.md §1.3 */
  listTemplates(
    options: { readonly name?: string; readonly signal?: AbortSignal } = {},
  ): Promise<GraphTemplate[]> {
    return listAllTemplates(this.graph, this.config.wabaId, options);
  }

  /**
   * Writes sent Flow tokens to the persistent table before the message leaves, so its completion
   * finds them. A failed write is logged and the message still goes: its completion then names
   * the token, as without a table, unless this process receives it.
   */
  private async writeFlowTokens(sent: readonly (readonly [token: string, formId: string])[]): Promise<void> {
    const writer = this.flowTokenWriter;
    if (writer === undefined || sent.length === 0) return;
    const at = this.clock.now();
    try {
      await Promise.all(sent.map(([token, formId]) => writer.remember(token, formId, at)));
    } catch (error) {
      this.logger.log('warn', 'WhatsApp could not store a sent Flow token; the message is sent anyway', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async onStatus(status: WhatsAppStatus): Promise<void> {
    if (this.config.confirmDeliveryWithinMs !== undefined) this.confirmations.observe(status);
    await this.config.statusHandler?.(status);
  }
}

/** A WhatsApp Cloud API channel; validates the configuration, does no I/O. */
export function createWhatsAppChannel(config: WhatsAppChannelConfig): WhatsAppChannel {
  return new WhatsAppChannel(config);
}
