import { ConfigError, FerryError, type Identity } from '@ferry/core';
import type { GraphClient } from './graph.js';

/** Who the credentials belong to, and the display number when Graph told us. */
export interface WhatsAppIdentity extends Identity {
  readonly displayPhoneNumber?: string;
}

/**
 * Checks the token with `GET /{phone-number-id}?fields=display_phone_number,verified_name`. Hosts
 * that do not serve that node (the sandbox emulator) answer Graph error 100; then the token is
 * checked with one `GET /{waba-id}/message_templates?limit=1` and the identity has no name.
 * Throws `AuthError` for a refused token, `ConfigError` for ids Graph does not know and a
 * retryable `FerryError('transient')` when Graph cannot be reached.
 * @see PLATFORMS.md §1.2 (auth), §1.3 (message_templates)
 */
export async function whoAmI(
  graph: GraphClient,
  phoneNumberId: string,
  wabaId: string | undefined,
): Promise<WhatsAppIdentity> {
  const result = await graph.call(
    'GET',
    graph.url(phoneNumberId, { fields: 'display_phone_number,verified_name' }),
  );
  graph.assertAuthorized(result);
  if (result.kind === 'ok') {
    const display = result.json['display_phone_number'];
    const name = result.json['verified_name'];
    return {
      id: phoneNumberId,
      name: typeof name === 'string' ? name : phoneNumberId,
      handle: phoneNumberId,
      ...(typeof display === 'string' ? { displayPhoneNumber: display } : {}),
    };
  }
  if (result.kind === 'network') {
    throw new FerryError(
      'transient',
      `WhatsApp could not be reached to check the token (${result.reason}).`,
      {
        retryable: true,
      },
    );
  }
  if (result.error?.code === 100 && wabaId !== undefined) {
    const fallback = await graph.call('GET', graph.url(`${wabaId}/message_templates`, { limit: '1' }));
    graph.assertAuthorized(fallback);
    if (fallback.kind === 'ok') return { id: phoneNumberId, name: phoneNumberId, handle: phoneNumberId };
  }
  throw new ConfigError(
    `WhatsApp does not know phone number id ${phoneNumberId}${wabaId === undefined ? '' : ` or WABA ${wabaId}`} (Graph error ${result.error?.code ?? result.status}).`,
  );
}
