/** A business-scoped user id: country letters, a dot, then the id (`US.1234567890`). */
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]+$/;

/**
 * The `to` of a send: a phone number in any usual notation becomes its digits (the wa_id form);
 * a BSUID is kept; anything else is `undefined` (no WhatsApp user can have it).
 * @see PLATFORMS.md §1.2 "Common fields"
 */
export function normaliseRecipient(recipient: string): string | undefined {
  const trimmed = recipient.trim();
  if (BSUID.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/^\+/, '').replace(/[\s().-]/g, '');
  return /^\d{5,20}$/.test(digits) ? digits : undefined;
}
