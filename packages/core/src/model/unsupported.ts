/**
 * WhatsApp message types and Flow components the neutral model does not hold, each with the reason.
 * Readers that meet one of these report it instead of guessing.
 */
export const UNSUPPORTED_WHATSAPP_MESSAGE_TYPES: Readonly<Record<string, string>> = {
  order:
    'Commerce orders reference a Meta catalog; no target (Telegram, Slack, Discord) has a catalog, so there is nothing to carry.',
  catalog_message: 'Opens a Meta commerce catalog, which exists only on WhatsApp.',
  product: 'Single-product messages show a Meta catalog item, which exists only on WhatsApp.',
  product_list: 'Multi-product messages show Meta catalog items, which exist only on WhatsApp.',
  call_permission_request:
    'Asks for permission to place WhatsApp voice calls; the targets have no business-calling API.',
  system:
    'System notices (for example user_changed_number) are facts about the account, not content to re-send.',
  unsupported: 'Meta itself could not describe the message; there is no content to carry.',
  unknown: 'Meta itself could not describe the message; there is no content to carry.',
  address_message:
    'Address collection forms are India-only WhatsApp features with no equivalent on the targets.',
};

/**
 * Flow JSON components the model does not hold, each with the reason. Components the model holds only
 * approximately (CalendarPicker as a date field, ChipsSelector as multiple choice…) are mapped by the
 * readers with a fidelity note instead.
 */
export const UNSUPPORTED_FLOW_COMPONENTS: Readonly<Record<string, string>> = {
  PhotoPicker: 'Uploading photos inside a form has no equivalent in Slack or Discord modals.',
  DocumentPicker: 'Uploading documents inside a form has no equivalent in Slack or Discord modals.',
};
