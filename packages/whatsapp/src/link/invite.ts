/** The word a WhatsApp link claim starts with: the wa.me link pre-fills `LINK <token>`. */
export const LINK_CLAIM_WORD = 'LINK';

const CLAIM = new RegExp(`^\\s*${LINK_CLAIM_WORD}\\s+([A-Za-z0-9_-]{8,})\\s*$`, 'i');

/**
 * `https://wa.me/<number>?text=LINK%20<token>`: opens a chat with the business with the claim
 * pre-filled. Ferry moves users away from WhatsApp, so this exists for the contract and for
 * linking a WhatsApp identity back; without a known number it is `https://wa.me/?text=…`
 * (WhatsApp then asks whom to send it to).
 * @see https://faq.whatsapp.com (click to chat) — not in PLATFORMS.md; wa.me is WhatsApp's public link format
 */
export function whatsAppInviteLink(token: string, displayPhoneNumber: string | undefined): string {
  const digits = displayPhoneNumber?.replace(/\D/g, '') ?? '';
  return `https://wa.me/${digits}?text=${encodeURIComponent(`${LINK_CLAIM_WORD} ${token}`)}`;
}

/** The token of a `LINK <token>` message, or `undefined` when the text is not a claim. */
export function linkClaimToken(text: string): string | undefined {
  return CLAIM.exec(text)?.[1];
}
