import { hmacSha256Hex } from '../shared/index.js';
import type { SlackDelivery } from './types.js';

/** Longest the emulator waits for the app's answer before giving up on a delivery. */
const deliveryTimeoutMs = 10_000;

/** The two signing headers Slack adds to every request. @see PLATFORMS.md §3.5 */
export function slackSignatureHeaders(
  signingSecret: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const timestamp = String(Math.floor(timestampSeconds));
  return {
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': `v0=${hmacSha256Hex(signingSecret, `v0:${timestamp}:${body}`)}`,
  };
}

/** POSTs one signed request to the app and returns its HTTP answer. */
export async function postSigned(
  url: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  signingSecret: string,
  timestampSeconds: number,
): Promise<SlackDelivery> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...slackSignatureHeaders(signingSecret, timestampSeconds, body),
    },
    body,
    signal: AbortSignal.timeout(deliveryTimeoutMs),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: text,
    json,
  };
}
