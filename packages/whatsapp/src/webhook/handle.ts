import { type InboundHandler, type Logger, redact, type ShortIdTable } from '@ferry/core';
import type { WhatsAppStatusHandler } from '../channel/types.js';
import type { FlowTokenLookup } from '../render/flow-token-lookup.js';
import type { FlowTokenNames } from '../render/flow-tokens.js';
import { flowTokensOf, parseWebhook } from './parse.js';
import { answerVerificationChallenge, verifyWhatsAppSignature, WHATSAPP_SIGNATURE_HEADER } from './verify.js';

/** What {@link handleWhatsAppWebhook} needs besides the request. */
export interface WebhookOptions {
  /** Keys `X-Hub-Signature-256`; without it every POST is refused. */
  readonly appSecret: string | undefined;
  /** Expected `hub.verify_token`; without it every verification GET is refused. */
  readonly verifyToken: string | undefined;
  readonly ids: ShortIdTable;
  /** Custom Flow tokens this process sent (a `FlowTokenTable`); a Flow reply carrying one names its form. */
  readonly flowTokens?: FlowTokenNames;
  /**
   * Custom Flow tokens any process sent (Ferry's store); looked up for the body's Flow replies
   * before `flowTokens`, which answers for tokens it does not know.
   */
  readonly flowTokenLookup?: FlowTokenLookup;
  readonly now: () => number;
  readonly onStatus?: WhatsAppStatusHandler;
  readonly optOutKeywords?: readonly string[];
  readonly logger?: Logger;
}

/** The names of the body's Flow tokens: the persistent look-up's first, then the in-memory table's. */
async function flowTokenNames(body: unknown, options: WebhookOptions): Promise<FlowTokenNames | undefined> {
  const lookup = options.flowTokenLookup;
  const memory = options.flowTokens;
  const tokens = lookup === undefined ? [] : flowTokensOf(body);
  if (lookup === undefined || tokens.length === 0) return memory;
  const stored = new Map<string, string>();
  for (const token of tokens) {
    const formId = await lookup.formIdOf(token);
    if (formId !== undefined) stored.set(token, formId);
  }
  return { formIdOf: (token) => stored.get(token) ?? memory?.formIdOf(token) };
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * A WhatsApp callback URL as a fetch handler: GET answers Meta's handshake, POST checks the
 * signature over the raw body (401 when it fails), looks up the Flow replies' tokens in
 * `flowTokenLookup` when given, then calls `handler` per event and `onStatus` per delivery status
 * before answering 200. A handler or look-up that throws gets a 500, so Meta retries.
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
  let flowTokens: FlowTokenNames | undefined;
  try {
    flowTokens = await flowTokenNames(body, options);
  } catch (error) {
    // Answering 500 makes Meta retry, rather than naming the form by its token for good.
    options.logger?.log('error', 'WhatsApp webhook could not look up its Flow tokens', {
      error: redact(error instanceof Error ? error.message : String(error), [
        options.appSecret,
        options.verifyToken,
      ]),
    });
    return text(500, 'Internal Server Error');
  }
  const parsed = parseWebhook(body, options.now(), {
    ids: options.ids,
    ...(flowTokens === undefined ? {} : { flowTokens }),
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
