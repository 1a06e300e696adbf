/**
 * Discord interaction signature check, dependency-free (node:crypto only): Ed25519 over
 * `timestamp + rawBody` with the application's public key.
 * @see PLATFORMS.md §4.5 (`X-Signature-Ed25519`, `X-Signature-Timestamp`; answer 401 on failure)
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The DER prefix that wraps a raw 32-byte Ed25519 public key as SubjectPublicKeyInfo (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const HEX_64 = /^[0-9a-fA-F]{64}$/;
const HEX_128 = /^[0-9a-fA-F]{128}$/;

/** The signature headers Discord sends with every interaction. */
export const SIGNATURE_HEADER = 'x-signature-ed25519';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

/** Turns the application's hex public key (64 hex characters) into a key object; throws when malformed. */
export function discordPublicKey(publicKeyHex: string): KeyObject {
  if (!HEX_64.test(publicKeyHex)) throw new TypeError('A Discord public key is 64 hexadecimal characters.');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/**
 * True when `signatureHex` is the application's Ed25519 signature of `timestamp + rawBody`.
 * Ed25519 verification compares in constant time; malformed input is simply `false`.
 */
export function verifyDiscordSignature(
  publicKey: KeyObject | string,
  signatureHex: string | null | undefined,
  timestamp: string | null | undefined,
  rawBody: string | Uint8Array,
): boolean {
  if (typeof signatureHex !== 'string' || !HEX_128.test(signatureHex)) return false;
  if (typeof timestamp !== 'string' || timestamp === '') return false;
  let key: KeyObject;
  try {
    key = typeof publicKey === 'string' ? discordPublicKey(publicKey) : publicKey;
  } catch {
    return false;
  }
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  try {
    return verify(null, message, key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
