import type { NativeRequest, Pacer, SendOutcome } from '@ferry/core';
import type { WebClient } from '@slack/web-api';
import { outcomeOfError } from './outcomes.js';

/**
 * Posts rendered requests into one channel, each paced per channel and workspace-wide by core's
 * `Pacer`. A 429 pauses only that channel (`pause(ms, channel)`), so other channels keep going:
 * the WebClient is built with `rejectRateLimitedCalls`, so its own whole-queue pause never runs.
 * @see PLATFORMS.md §3.1 "Rate limits"
 */
export async function postAll(
  client: WebClient,
  pacer: Pacer,
  channel: string,
  payloads: readonly NativeRequest[],
  signal?: AbortSignal,
): Promise<SendOutcome> {
  const ids: string[] = [];
  for (const payload of payloads) {
    try {
      await pacer.acquire(channel, signal);
    } catch {
      return { status: 'transient', reason: 'The send was aborted before it went out.' };
    }
    try {
      const result = await client.apiCall(payload.method, { ...payload.body, channel });
      const ts = (result as { ts?: unknown }).ts;
      if (typeof ts === 'string') ids.push(ts);
    } catch (error) {
      const outcome = outcomeOfError(error, payload.method, true);
      if (outcome.status === 'rate-limited') pacer.pause(outcome.retryAfterMs, channel);
      return outcome;
    }
  }
  const [first] = ids;
  return first === undefined
    ? { status: 'rejected', reason: 'Nothing to send: the message rendered to no request.' }
    : { status: 'sent', id: first, ids };
}
