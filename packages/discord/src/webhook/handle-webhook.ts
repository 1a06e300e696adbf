import type { KeyObject } from 'node:crypto';
import { type InboundHandler, type Logger, redact } from '@ferry/core';
import type { InteractionPayload } from './interaction-payload.js';
import { answerInteraction, type InteractionContext } from './interactions.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyDiscordSignature } from './verify.js';

/**
 * The HTTP interactions endpoint: refuses a bad `X-Signature-Ed25519` with 401, answers PING with
 * PONG, and answers every other interaction in the same HTTP response. The handler is awaited
 * first, so it must return within Discord's 3 s (queue slow work instead); a handler that throws
 * is logged (secrets redacted) and answered 500, as the other channels do.
 * @see PLATFORMS.md §4.5
 */
export async function handleInteractionRequest(
  request: Request,
  handler: InboundHandler,
  publicKey: KeyObject,
  context: InteractionContext,
  report: { readonly logger: Logger; readonly secrets: readonly (string | undefined)[] },
): Promise<Response> {
  if (request.method !== 'POST')
    return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } });
  const rawBody = new Uint8Array(await request.arrayBuffer());
  const signature = request.headers.get(SIGNATURE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  if (!verifyDiscordSignature(publicKey, signature, timestamp, rawBody)) {
    return new Response('invalid request signature', { status: 401 });
  }
  let interaction: InteractionPayload;
  try {
    interaction = JSON.parse(new TextDecoder().decode(rawBody)) as InteractionPayload;
  } catch {
    return new Response('invalid JSON', { status: 400 });
  }
  try {
    return Response.json(await answerInteraction(interaction, handler, context));
  } catch (error) {
    report.logger.log('error', 'The Discord interaction handler failed; answered 500.', {
      reason: redact(error instanceof Error ? error.message : String(error), report.secrets),
      interactionId: interaction.id,
    });
    return new Response('Internal Server Error', { status: 500 });
  }
}
