import { redact } from '@ferry/core';
import { describeError } from '../errors.js';
import type { ChannelSettings } from './channels.js';
import { createChannel } from './channels.js';
import { type CredentialStore, secretsOf } from './credentials.js';
import type { ChannelId } from './targets.js';

/** Whose credentials a channel holds, or why they do not work (secrets never included). */
export type CredentialCheck =
  | {
      readonly channel: ChannelId;
      readonly ok: true;
      readonly id: string;
      readonly name: string;
      readonly handle?: string;
    }
  | {
      readonly channel: ChannelId;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly hint?: string;
    };

/** Calls `whoAmI` on each channel, one after the other; an auth failure is a value, not an exception. */
export async function checkCredentials(
  channels: readonly ChannelId[],
  settings: ChannelSettings,
  credentials: CredentialStore,
): Promise<CredentialCheck[]> {
  const secrets = secretsOf(credentials);
  const results: CredentialCheck[] = [];
  for (const channel of channels) {
    try {
      const identity = await (await createChannel(channel, settings)).whoAmI();
      results.push({
        channel,
        ok: true,
        id: identity.id,
        name: identity.name,
        ...(identity.handle === undefined ? {} : { handle: identity.handle }),
      });
    } catch (error) {
      const described = describeError(error);
      results.push({
        channel,
        ok: false,
        code: described.code,
        message: redact(described.message, secrets),
        ...(described.hint === undefined ? {} : { hint: redact(described.hint, secrets) }),
      });
    }
  }
  return results;
}
