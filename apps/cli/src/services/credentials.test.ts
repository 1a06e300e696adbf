import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { fieldsFromEnv, openCredentialStore, parseFieldPairs, secretsOf } from './credentials.js';
import { channelSettings } from './settings.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-conf-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('credential store', () => {
  it('writes the file readable by its owner only', async () => {
    const store = await openCredentialStore({ cwd: dir, env: {} });
    store.set('telegram', { botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
    const info = await stat(store.path);
    expect(info.mode & 0o777).toBe(0o600);
    expect(store.path).toBe(join(dir, 'credentials.json'));
  });

  it('merges fields, lets the environment win, and lists configured accounts', async () => {
    const store = await openCredentialStore({ cwd: dir, env: { FERRY_SLACK_BOT_TOKEN: 'xoxb-from-env' } });
    store.set('slack', { botToken: 'xoxb-stored', signingSecret: 's3cret-value' });
    store.set('slack', { apiUrl: 'http://127.0.0.1:9/api/' });
    expect(store.resolve('slack')).toEqual({
      botToken: { value: 'xoxb-from-env', source: 'env' },
      signingSecret: { value: 's3cret-value', source: 'config' },
      apiUrl: { value: 'http://127.0.0.1:9/api/', source: 'config' },
    });
    expect(store.configured()).toEqual(['slack']);
    expect(secretsOf(store).sort()).toEqual(['s3cret-value', 'xoxb-from-env']);
    // A second store on the same folder reads what the first wrote.
    const again = await openCredentialStore({ cwd: dir, env: {} });
    expect(again.resolve('slack')['botToken']?.value).toBe('xoxb-stored');
  });

  it('parses field=value pairs and refuses unknown fields without echoing them', () => {
    expect(parseFieldPairs('telegram', ['botToken = 1:abc', '# comment', ''])).toEqual({ botToken: '1:abc' });
    const error = (() => {
      try {
        parseFieldPairs('telegram', ['123456789:SECRETSECRETSECRETSECRETSECRET']);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).not.toContain('SECRETSECRET');
    expect((error as CliError).exitCode).toBe(2);
  });

  it('reads the FERRY_* variables of one account', () => {
    expect(
      fieldsFromEnv('whatsapp', {
        FERRY_WHATSAPP_ACCESS_TOKEN: 'EAAG',
        FERRY_TELEGRAM_BOT_TOKEN: 'x',
        FERRY_WHATSAPP_GRAPH_URL: '',
      }),
    ).toEqual({ accessToken: 'EAAG' });
  });

  it('leaves out a channel whose required secrets are missing', async () => {
    const store = await openCredentialStore({ cwd: dir, env: {} });
    store.set('slack', { botToken: 'xoxb-only-token' });
    store.set('telegram', { botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', username: 'sample_bot' });
    const settings = channelSettings(store);
    expect(settings.slack).toBeUndefined();
    expect(settings.telegram).toEqual({
      botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      username: 'sample_bot',
    });
  });
});
