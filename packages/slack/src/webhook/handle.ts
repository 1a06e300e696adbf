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

/**
 * One Slack HTTP delivery (Events API, interactivity or slash command) → verified, dispatched to
 * neutral events, acknowledged. Refused signatures get 401 and reach no handler.
 * @see PLATFORMS.md §3.5 "Request signing"
 */
export async function handleSlackRequest(
  request: Request,
  verifier: SlackRequestVerifier,
  inbound: SlackInbound,
  handler: InboundHandler,
  logger: Logger,
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
  try {
    for (const event of dispatched.events) await handler(event);
  } catch (error) {
    // A failing handler gets a 500 so Slack redelivers the event (its event_id stays the same).
    logger.log('error', 'The Slack event handler failed; Slack will deliver the event again.', {
      reason: redact(error instanceof Error ? error.message : String(error)),
    });
    return json(500, { error: 'The event handler failed.' });
  }
  return dispatched.ack === undefined ? new Response(null, { status: 200 }) : json(200, dispatched.ack);
}
