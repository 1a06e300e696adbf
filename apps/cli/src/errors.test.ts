import { AuthError, InputError } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { CliError, describeError, EXIT_CODES } from './errors.js';

describe('describeError', () => {
  it('keeps a CliError sentence, hint and exit code', () => {
    const described = describeError(
      new CliError('No plan here.', { hint: 'Run ferry init.', exitCode: EXIT_CODES.input }),
    );
    expect(described).toEqual({
      message: 'No plan here.',
      hint: 'Run ferry init.',
      exitCode: 3,
      code: 'failure',
    });
  });

  it('maps input errors to 3 and credential errors to 4', () => {
    expect(describeError(new InputError('bad csv')).exitCode).toBe(3);
    expect(describeError(new AuthError('token revoked', { hint: 'get a new one' }))).toMatchObject({
      exitCode: 4,
      hint: 'get a new one',
      code: 'auth_failed',
    });
  });

  it('never prints a bot token an unexpected error quotes', () => {
    const token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
    const described = describeError(
      new Error(`request to https://api.telegram.org/bot${token}/getMe failed`),
    );
    expect(described.message).not.toContain(token.split(':')[1]);
    expect(described.message).toContain('[redacted]');
  });

  it('shows only the first line of an unexpected error and says how to see more', () => {
    const described = describeError(new Error('boom\n    at somewhere (file.ts:1:1)'));
    expect(described.message).toBe('boom');
    expect(described.exitCode).toBe(1);
    expect(described.hint).toMatch(/--debug/);
  });

  it('turns a missing file into an input error naming it', () => {
    const error = Object.assign(new Error('ENOENT: no such file'), {
      code: 'ENOENT',
      path: '/x/contacts.csv',
    });
    expect(describeError(error)).toMatchObject({ message: '/x/contacts.csv does not exist.', exitCode: 3 });
  });
});
