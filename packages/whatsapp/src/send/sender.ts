import type { Logger, Pacer, SendOptions, SendOutcome } from '@ferry/core';
import type { WhatsAppStatus } from '../channel/types.js';
import type { DeliveryConfirmations } from './confirmations.js';
import type { GraphClient } from './graph.js';
import { outcomeOfGraphError } from './outcomes.js';
import { normaliseRecipient } from './recipient.js';

/** What the sender needs from the channel. */
export interface SenderOptions {
  readonly graph: GraphClient;
  readonly phoneNumberId: string;
  readonly pacer: Pacer;
  readonly logger: Logger;
  readonly confirmations: DeliveryConfirmations;
  /** Wait this long for the first status of each message and report a `failed` one; off when undefined. */
  readonly confirmWithinMs: number | undefined;
}

/** `biz_opaque_callback_data` max length; not in PLATFORMS.md, the sandbox enforces Meta's 512. @see packages/sandbox/docs/whatsapp.md */
const CALLBACK_DATA_MAX = 512;

/**
 * POSTs bodies to `/{phone-number-id}/messages` one after another, each paced globally and per
 * recipient (the pair rate), with `to` and `biz_opaque_callback_data` added, and returns one outcome.
 * @see PLATFORMS.md §1.2, §1.5
 */
export class CloudApiSender {
  constructor(private readonly options: SenderOptions) {}

  async send(
    recipient: string,
    bodies: readonly Readonly<Record<string, unknown>>[],
    options: SendOptions = {},
  ): Promise<SendOutcome> {
    const to = normaliseRecipient(recipient);
    if (to === undefined)
      return { status: 'unknown-recipient', reason: 'Not a phone number or BSUID a WhatsApp user can have.' };
    const callbackData = options.callbackData;
    if (callbackData !== undefined && callbackData.length > CALLBACK_DATA_MAX)
      return {
        status: 'rejected',
        reason: `callbackData is ${callbackData.length} characters; WhatsApp takes at most ${CALLBACK_DATA_MAX}.`,
        code: 'callback-data-too-long',
      };
    const { graph, pacer, phoneNumberId, logger } = this.options;
    const url = graph.url(`${phoneNumberId}/messages`);
    const ids: string[] = [];
    for (const body of bodies) {
      await pacer.acquire(to, options.signal);
      const result = await graph.call(
        'POST',
        url,
        { ...body, to, ...(callbackData === undefined ? {} : { biz_opaque_callback_data: callbackData }) },
        options.signal,
      );
      let outcome: SendOutcome | undefined;
      if (result.kind === 'ok') {
        const id = messageIdOf(result.json);
        if (id === undefined)
          outcome = { status: 'ambiguous', reason: 'The Cloud API answered 200 without a message id.' };
        else ids.push(id);
      } else if (result.kind === 'network') {
        outcome = result.written
          ? {
              status: 'ambiguous',
              reason: `The connection was lost after the request was sent (${result.reason}); reconcile through the status webhooks' callback data.`,
            }
          : { status: 'transient', reason: result.reason };
      } else {
        outcome = outcomeOfGraphError(result.error, result.status);
        if (outcome.status === 'rate-limited') {
          pacer.pause(outcome.retryAfterMs, outcome.scope === 'recipient' ? to : undefined);
          logger.log('warn', 'WhatsApp rate limit', {
            code: result.error?.code,
            scope: outcome.scope,
            retryAfterMs: outcome.retryAfterMs,
          });
        }
      }
      if (outcome !== undefined) return partial(outcome, ids.length, bodies.length);
    }
    const first = ids[0];
    if (first === undefined)
      return { status: 'rejected', reason: 'Nothing to send: the message rendered to no request.' };
    const confirmed = await this.confirm(ids);
    return confirmed ?? { status: 'sent', id: first, ids };
  }

  /** With `confirmWithinMs`, the outcome of the first `failed` status among `ids`, if any. */
  private async confirm(ids: readonly string[]): Promise<SendOutcome | undefined> {
    const within = this.options.confirmWithinMs;
    if (within === undefined) return undefined;
    for (const id of ids) {
      const status: WhatsAppStatus | undefined = await this.options.confirmations.first(id, within);
      if (status?.status === 'failed' && status.outcome !== undefined) return status.outcome;
    }
    return undefined;
  }
}

function messageIdOf(json: Record<string, unknown>): string | undefined {
  const messages = json['messages'];
  if (!Array.isArray(messages)) return undefined;
  const id = (messages[0] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Says in the reason that earlier parts of a split message did go out. */
function partial(outcome: SendOutcome, sent: number, total: number): SendOutcome {
  if (sent === 0 || !('reason' in outcome)) return outcome;
  return { ...outcome, reason: `${outcome.reason} (after ${sent} of ${total} parts were sent)` };
}
