import { describe, expect, it } from 'vitest';
import { AuthError, FerryError, InputError, isFerryError, redact } from './index.js';

describe('FerryError', () => {
  it('carries a stable code, retryable flag, cause and hint', () => {
    const cause = new Error('socket hang up');
    const error = new FerryError('transient', 'Telegram did not answer', {
      cause,
      retryable: true,
      hint: 'Try again.',
    });
    expect(error.code).toBe('transient');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      code: 'transient',
      message: 'Telegram did not answer',
      retryable: true,
      hint: 'Try again.',
      details: {},
    });
  });

  it('subclasses keep their codes and are recognised', () => {
    expect(new AuthError('bad token').code).toBe('auth_failed');
    expect(new AuthError('no scope', { code: 'missing_scope' }).code).toBe('missing_scope');
    expect(
      new InputError('bad row', { details: { file: 'a.csv', line: 3, field: 'phone' } }).details,
    ).toEqual({
      file: 'a.csv',
      line: 3,
      field: 'phone',
    });
    expect(isFerryError(new InputError('x'))).toBe(true);
    expect(isFerryError(new Error('x'))).toBe(false);
  });
});

describe('redact', () => {
  it('removes given secrets and recognisable tokens', () => {
    const telegram = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
    const slack = 'xoxb-1234567890-abcdefghijkl';
    const text = `calling https://api.telegram.org/bot${telegram}/getMe with ${slack} and my-app-secret`;
    const out = redact(text, ['my-app-secret']);
    expect(out).not.toContain(telegram);
    expect(out).not.toContain(slack);
    expect(out).not.toContain('my-app-secret');
    expect(out).toContain('[redacted]');
  });
});
