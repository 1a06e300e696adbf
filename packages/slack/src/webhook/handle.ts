import { type InboundHandler, type Logger, redact } from '@ferry/core';
import type { Dispatched, SlackInbound } from './dispatch.js';
import type { SlackRequestVerifier } from './verify.js';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What runs the work left once a delivery is acknowledged. */
export interface AfterAcknowledging {
  readonly logger: Logger;
  /** Redacted from a failure's log line (the bot token, signing secret, app token). */
  readonly secrets: readonly (string | undefined)[];
  /** Receives the background work (it never rejects), so the channel can wait for it. */
  readonly track: (work: Promise<void>) => void;
}

/**
 * One Slack HTTP delivery (Events API, interactivity or slash command) → verified, dispatched to
 * neutral events and acknowledged at once; the handler runs after the answer, its failures logged.
 * Refused signatures get 401 and reach no handler.
 * @see PLATFORMS.md §3.5 (acknowledge within 3 seconds)
 * @see PLATFORMS.md §3.5 "Request signing"
 */
export async function handleSlackRequest(
  request: Request,
  verifier: SlackRequestVerifier,
  inbound: SlackInbound,
  handler: InboundHandler,
  options: AfterAcknowledging,
): Promise<Response> {
  if (request.method !== 'POST') return new Response(null, { status: 405 });
  const body = await request.text();
  const url = new URL(request.url);
  if (url.searchParams.get('ssl_check') === '1' || /(?:^|&)ssl_check=1(?:&|$)/.test(body)) {
    return new Response(null, { status: 200 });
  }
  const verdict = verifier.verify(
    request.headers.get('x-slack-request-timestamp'),
    request.headers.get('x-slack-signature'),
    body,
  );
  if (!verdict.ok) return json(401, { error: `Request refused: ${verdict.reason}.` });

  let dispatched: Dispatched;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const parsed = parseJson(body);
    if (parsed === undefined) return json(400, { error: 'Body is not JSON.' });
    if (parsed['type'] === 'url_verification') return json(200, { challenge: parsed['challenge'] });
    if (parsed['type'] !== 'event_callback') return new Response(null, { status: 200 });
    dispatched = await inbound.event(parsed);
  } else {
    const fields = Object.fromEntries(new URLSearchParams(body));
    if (fields['payload'] !== undefined) {
      const payload = parseJson(fields['payload']);
      if (payload === undefined) return json(400, { error: 'payload is not JSON.' });
      dispatched = await inbound.interaction(payload);
    } else if (fields['command'] !== undefined) {
      dispatched = await inbound.command(fields);
    } else {
      return json(400, { error: 'Not a Slack delivery.' });
    }
  }
  // Slack wants the acknowledgement within 3 s; the handler may wait on paced sends far longer.
  options.track(afterAcknowledging(dispatched, handler, options));
  return dispatched.ack === undefined ? new Response(null, { status: 200 }) : json(200, dispatched.ack);
}

/** Runs a delivery's follow-up and hands its events to the handler; a failure is logged, redacted. */
async function afterAcknowledging(
  dispatched: Dispatched,
  handler: InboundHandler,
  { logger, secrets }: AfterAcknowledging,
): Promise<void> {
  try {
    for (const event of dispatched.events) await handler(event);
    await dispatched.followUp?.();
  } catch (error) {
    // Already acknowledged, so Slack will not deliver it again: the log is the only trace.
    logger.log('error', 'The Slack event handler failed after the delivery was acknowledged.', {
      reason: redact(error instanceof Error ? error.message : String(error), secrets),
      events: dispatched.events.map((event) => ({ type: event.type, eventId: event.eventId })),
    });
  }
}
