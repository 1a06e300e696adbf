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
  return out
    .replace(/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, '[redacted]')
    .replace(/\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{10,}\b/g, '[redacted]');
}
