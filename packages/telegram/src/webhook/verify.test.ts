import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isValidWebhookSecret,
  TELEGRAM_SECRET_HEADER,
  verifyTelegramRequest,
  verifyTelegramSecret,
} from './verify.js';

describe('Telegram webhook secret check', () => {
  it('accepts only the exact secret', () => {
    expect(verifyTelegramSecret('s3cret_token-1', 's3cret_token-1')).toBe(true);
    expect(verifyTelegramSecret('s3cret_token-2', 's3cret_token-1')).toBe(false);
    expect(verifyTelegramSecret('s3cret_token-1x', 's3cret_token-1')).toBe(false);
    expect(verifyTelegramSecret('', 's3cret_token-1')).toBe(false);
    expect(verifyTelegramSecret(null, 's3cret_token-1')).toBe(false);
    expect(verifyTelegramSecret('anything', '')).toBe(false);
  });

  it('reads the X-Telegram-Bot-Api-Secret-Token header of a Request', () => {
    const request = (value?: string) =>
      new Request('http://127.0.0.1/hook', {
        method: 'POST',
        headers: value === undefined ? {} : { [TELEGRAM_SECRET_HEADER]: value },
      });
    expect(verifyTelegramRequest(request('abc_DEF-123'), 'abc_DEF-123')).toBe(true);
    expect(verifyTelegramRequest(request('abc_DEF-124'), 'abc_DEF-123')).toBe(false);
    expect(verifyTelegramRequest(request(), 'abc_DEF-123')).toBe(false);
  });

  it('knows which secrets setWebhook accepts', () => {
    expect(isValidWebhookSecret('A-z_09')).toBe(true);
    expect(isValidWebhookSecret('x'.repeat(256))).toBe(true);
    expect(isValidWebhookSecret('x'.repeat(257))).toBe(false);
    expect(isValidWebhookSecret('has space')).toBe(false);
    expect(isValidWebhookSecret('')).toBe(false);
  });

  it('imports neither grammY nor @ferry/core', () => {
    const source = readFileSync(new URL('./verify.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    expect(imports).toEqual(['node:crypto']);
  });
});
