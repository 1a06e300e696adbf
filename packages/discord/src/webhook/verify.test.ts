import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discordPublicKey, verifyDiscordSignature } from './verify.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
// The raw 32-byte key is the tail of the SPKI DER, as the developer portal shows it (hex).
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const timestamp = '1700000000';
const body = '{"type":1,"id":"123"}';
const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');

describe('verifyDiscordSignature', () => {
  it('accepts Discord’s signature of timestamp + body with the hex public key', () => {
    expect(verifyDiscordSignature(publicKeyHex, signature, timestamp, body)).toBe(true);
    expect(
      verifyDiscordSignature(discordPublicKey(publicKeyHex), signature, timestamp, Buffer.from(body)),
    ).toBe(true);
  });

  it('refuses a changed body, a changed timestamp, another key and malformed input', () => {
    expect(verifyDiscordSignature(publicKeyHex, signature, timestamp, body.replace('123', '124'))).toBe(
      false,
    );
    expect(verifyDiscordSignature(publicKeyHex, signature, '1700000001', body)).toBe(false);
    const other = generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .subarray(-32);
    expect(verifyDiscordSignature(other.toString('hex'), signature, timestamp, body)).toBe(false);
    expect(verifyDiscordSignature(publicKeyHex, 'zz', timestamp, body)).toBe(false);
    expect(verifyDiscordSignature(publicKeyHex, null, timestamp, body)).toBe(false);
    expect(verifyDiscordSignature(publicKeyHex, signature, undefined, body)).toBe(false);
    expect(verifyDiscordSignature('not-a-key', signature, timestamp, body)).toBe(false);
  });

  it('imports nothing but node built-ins (neither discord.js, @discordjs/rest nor @ferry/core)', () => {
    const source = readFileSync(new URL('./verify.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^node:/);
  });
});
