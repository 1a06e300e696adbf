import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SlackRequestVerifier, slackSignature } from './verify.js';

const secret = 'test-signing-secret';
const body = 'token=x&command=%2Fferry&text=link+abc';

function verifierAt(nowMs: number) {
  let now = nowMs;
  const verifier = new SlackRequestVerifier({ signingSecret: secret, now: () => now });
  return { verifier, move: (ms: number) => (now += ms) };
}

describe('SlackRequestVerifier', () => {
  const ts = '1700000000';
  const signature = slackSignature(secret, ts, body);

  it('accepts a request signed with the secret inside the window', () => {
    expect(verifierAt(1_700_000_100_000).verifier.verify(ts, signature, body)).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a changed body and an unknown version', () => {
    const { verifier } = verifierAt(1_700_000_000_000);
    expect(verifier.verify(ts, slackSignature('other', ts, body), body)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifier.verify(ts, signature, `${body}&x=1`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifier.verify(ts, signature.replace('v0=', 'v1='), body)).toEqual({
      ok: false,
      reason: 'bad-version',
    });
    expect(verifier.verify(null, signature, body)).toEqual({ ok: false, reason: 'missing-headers' });
  });

  it('refuses timestamps more than 5 minutes old or ahead', () => {
    expect(verifierAt(1_700_000_301_000).verifier.verify(ts, signature, body)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifierAt(1_699_999_699_000).verifier.verify(ts, signature, body)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifierAt(1_700_000_300_000).verifier.verify(ts, signature, body)).toEqual({ ok: true });
  });

  it('refuses the same timestamp and signature a second time (a replay inside the window)', () => {
    const { verifier, move } = verifierAt(1_700_000_000_000);
    expect(verifier.verify(ts, signature, body)).toEqual({ ok: true });
    move(10_000);
    expect(verifier.verify(ts, signature, body)).toEqual({ ok: false, reason: 'replayed' });
    const later = '1700000010';
    expect(verifier.verify(later, slackSignature(secret, later, body), body)).toEqual({ ok: true });
  });

  it('imports neither the Slack SDK nor @ferry/core', () => {
    const source = readFileSync(new URL('./verify.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
    expect(imports).toEqual(['node:crypto']);
  });
});
