import { ConfigError, FerryError, type Identity } from '@ferry/core';
import type { GraphClient } from './graph.js';

/** Who the credentials belong to, and the display number when Graph told us. */
export interface WhatsAppIdentity extends Identity {
  readonly displayPhoneNumber?: string;
}

/**
 * Checks the token with `GET /{phone-number-id}?fields=display_phone_number,verified_name`.
 * Throws `AuthError` for a refused token, `ConfigError` for a phone number id Graph does not know
 * (error 100) and a retryable `FerryError('transient')` when Graph cannot be reached.
 * @see PLATFORMS.md §1.2 (auth)
 */
export async function whoAmI(graph: GraphClient, phoneNumberId: string): Promise<WhatsAppIdentity> {
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
  throw new ConfigError(
    `WhatsApp does not know phone number id ${phoneNumberId} (Graph error ${result.error?.code ?? result.status}).`,
    { hint: 'Check the phone number id in the plan file (WhatsApp Manager > API Setup).' },
  );
}
