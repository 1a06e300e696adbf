import type { WebhookEnvelope, WhatsAppAccount } from './types.js';
import type { JsonObject } from './validator.js';

/** Unix seconds as the string Meta puts in `timestamp`. @see PLATFORMS.md §1.1 */
export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

/** The `metadata` object of every webhook `value`. */
function metadataOf(account: WhatsAppAccount): JsonObject {
  return { display_phone_number: account.displayPhoneNumber, phone_number_id: account.phoneNumberId };
}

/** Wraps a `value` in `{object, entry[{id: WABA id, changes[{field:"messages", value}]}]}`. @see PLATFORMS.md §1.1 */
function envelope(account: WhatsAppAccount, value: JsonObject): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: account.wabaId, changes: [{ value, field: 'messages' }] }],
  };
}

/** A `statuses[]` webhook for one outbound message. @see PLATFORMS.md §1.1 statuses */
export function statusEnvelope(account: WhatsAppAccount, status: JsonObject): WebhookEnvelope {
  return envelope(account, {
    messaging_product: 'whatsapp',
    metadata: metadataOf(account),
    statuses: [status],
  });
}

/** A user `messages[]` webhook with the sender in `contacts[]`. @see PLATFORMS.md §1.1 */
export function inboundEnvelope(
  account: WhatsAppAccount,
  contact: JsonObject,
  message: JsonObject,
): WebhookEnvelope {
  return envelope(account, {
    messaging_product: 'whatsapp',
    metadata: metadataOf(account),
    contacts: [contact],
    messages: [message],
  });
}
