import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** Hex HMAC-SHA256 of `body` keyed with `secret` (WhatsApp `X-Hub-Signature-256`, Slack `v0`). */
export function hmacSha256Hex(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** An Ed25519 key pair for signing Discord interactions; `publicKeyHex` is what an app is configured with. */
export interface Ed25519Signer {
  readonly publicKeyHex: string;
  /** Hex signature over `timestamp + body`, as Discord sends in `X-Signature-Ed25519`. */
  sign(timestamp: string, body: string): string;
}

export function createEd25519Signer(): Ed25519Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyHex: rawPublicKeyHex(publicKey),
    sign: (timestamp, body) => sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

function rawPublicKeyHex(publicKey: KeyObject): string {
  // SPKI DER for Ed25519 is a 12-byte prefix followed by the 32-byte raw key.
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32).toString('hex');
}
