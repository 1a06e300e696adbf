import { type InboundHandler, type Logger, redact, type ShortIdTable } from '@ferry/core';
import type { WhatsAppStatusHandler } from '../channel/types.js';
import type { FlowTokenTable } from '../render/flow-tokens.js';
import { parseWebhook } from './parse.js';
import { answerVerificationChallenge, verifyWhatsAppSignature, WHATSAPP_SIGNATURE_HEADER } from './verify.js';

/** What {@link handleWhatsAppWebhook} needs besides the request. */
export interface WebhookOptions {
  /** Keys `X-Hub-Signature-256`; without it every POST is refused. */
  readonly appSecret: string | undefined;
  /** Expected `hub.verify_token`; without it every verification GET is refused. */
  readonly verifyToken: string | undefined;
  readonly ids: ShortIdTable;
  /** Custom Flow tokens this process sent; a Flow reply carrying one names its form. */
  readonly flowTokens?: FlowTokenTable;
  readonly now: () => number;
  readonly onStatus?: WhatsAppStatusHandler;
  readonly optOutKeywords?: readonly string[];
  readonly logger?: Logger;
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * A WhatsApp callback URL as a fetch handler: GET answers Meta's handshake, POST checks the
 * signature over the raw body (401 when it fails), then calls `handler` per event and `onStatus`
 * per delivery status before answering 200. A handler that throws gets a 500, so Meta retries.
 * @see PLATFORMS.md §1.1 (verification handshake, signature, retries)
 */
export async function handleWhatsAppWebhook(
  request: Request,
  handler: InboundHandler,
  options: WebhookOptions,
): Promise<Response> {
  if (request.method === 'GET') {
    const answer = answerVerificationChallenge(request.url, options.verifyToken ?? '');
    return text(answer.status, answer.body);
  }
  if (request.method !== 'POST') return text(405, 'Method Not Allowed');
  const raw = new Uint8Array(await request.arrayBuffer());
  if (options.appSecret === undefined || options.appSecret === '') {
    options.logger?.log('error', 'WhatsApp webhook refused: no appSecret configured to check signatures.');
    return text(401, 'Unauthorized');
  }
  if (!verifyWhatsAppSignature(raw, request.headers.get(WHATSAPP_SIGNATURE_HEADER), options.appSecret))
    return text(401, 'Unauthorized');
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return text(400, 'Bad Request');
  }
  const parsed = parseWebhook(body, options.now(), {
    ids: options.ids,
    ...(options.flowTokens === undefined ? {} : { flowTokens: options.flowTokens }),
    ...(options.optOutKeywords === undefined ? {} : { optOutKeywords: options.optOutKeywords }),
  });
  try {
    for (const status of parsed.statuses) await options.onStatus?.(status);
    for (const event of parsed.events) await handler(event);
  } catch (error) {
    options.logger?.log('error', 'WhatsApp webhook handler failed', {
      error: redact(error instanceof Error ? error.message : String(error), [
        options.appSecret,
        options.verifyToken,
      ]),
    });
    return text(500, 'Internal Server Error');
  }
  return text(200, 'OK');
}
