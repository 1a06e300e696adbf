/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`. Secrets shorter than
 * 4 characters are ignored (they would redact ordinary words). Also masks Telegram bot tokens
 * (`123456:ABC…`) and Slack tokens (`xox?-…`, `xapp-…`) even when not passed explicitly.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  // No word boundary before a Telegram token: in a Bot API URL it follows `bot` directly.
  return out
    .replace(/(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}/g, '[redacted]')
    .replace(/\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{10,}/g, '[redacted]');
}
