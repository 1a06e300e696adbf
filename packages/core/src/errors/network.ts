/**
 * Connection errors that prove a request never reached the server (no connection was made), so
 * nothing can have been sent. Any other network failure may have happened after the request was
 * written: the outcome of that send is unknown (`ambiguous`), not safely retryable.
 */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The first string `code` along an error's `cause` chain (Node and undici put it a few levels down). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a failed request certainly never reached the server (connection refused, DNS failure…). */
export function wasNeverSent(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NEVER_SENT_CODES.has(code);
}
