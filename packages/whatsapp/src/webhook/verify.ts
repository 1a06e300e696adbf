import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Hub-Signature-256`: the name of the header Meta signs every webhook POST with.
 * @see PLATFORMS.md §1.1 "Signature"
 */
export const WHATSAPP_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of the raw body keyed with the App Secret,
 * compared in constant time; any malformed or missing header is `false`.
 * @see PLATFORMS.md §1.1 "Signature" (WhatsApp/WhatsApp-Nodejs-SDK:src/api/webhooks.ts)
 */
export function verifyWhatsAppSignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== 'string' || appSecret === '') return false;
  const trimmed = header.trim();
  const hex = trimmed.toLowerCase().startsWith('sha256=') ? trimmed.slice(7) : '';
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/** The `sha256=<hex>` header value Meta would send for `rawBody`; for tests and replays. */
export function whatsAppSignature(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** The answer to Meta's verification GET: 200 with the challenge, or 403 naming nothing secret. */
export interface VerificationAnswer {
  readonly status: 200 | 403;
  readonly body: string;
}

/**
 * Answers Meta's subscription handshake (`hub.mode=subscribe`, `hub.verify_token`,
 * `hub.challenge`): 200 with the raw challenge when the token matches (constant time), else 403.
 * @see PLATFORMS.md §1.1 "Verification handshake"
 */
export function answerVerificationChallenge(url: string | URL, verifyToken: string): VerificationAnswer {
  let parameters: URLSearchParams;
  try {
    parameters = new URL(url, 'http://localhost').searchParams;
  } catch {
    return { status: 403, body: 'Forbidden' };
  }
  const mode = parameters.get('hub.mode');
  const token = parameters.get('hub.verify_token');
  const challenge = parameters.get('hub.challenge');
  if (mode !== 'subscribe' || token === null || challenge === null || verifyToken === '')
    return { status: 403, body: 'Forbidden' };
  const given = Buffer.from(token);
  const wanted = Buffer.from(verifyToken);
  const matches = given.length === wanted.length && timingSafeEqual(given, wanted);
  return matches ? { status: 200, body: challenge } : { status: 403, body: 'Forbidden' };
}
