import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ferry/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let sandbox: Sandbox;
let configDir: string;
let workspace: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  configDir = await mkdtemp(join(tmpdir(), 'ferry-config-'));
  workspace = await mkdtemp(join(tmpdir(), 'ferry-ws-'));
});
afterAll(async () => {
  await sandbox.stop();
  await rm(configDir, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });
});

describe('ferry credentials', () => {
  it('stores credentials from stdin in a 0600 file and says whose they are without printing them', async () => {
    const { telegram, slack } = sandbox.describe();
    const env = { FERRY_CONFIG_DIR: configDir };
    const setTelegram = await runCli(
      ['credentials', 'set', 'telegram', '--stdin', '-w', workspace],
      env,
      `botToken=${telegram.token}\napiRoot=${telegram.apiRoot}\n`,
    );
    expect(setTelegram.code).toBe(0);
    expect(setTelegram.stdout).toContain('apiRoot, botToken');
    expect(setTelegram.stdout).not.toContain(telegram.token);
    expect((await stat(join(configDir, 'credentials.json'))).mode & 0o777).toBe(0o600);

    const setSlack = await runCli(['credentials', 'set', 'slack', '--from-env', '--json', '-w', workspace], {
      ...env,
      FERRY_SLACK_BOT_TOKEN: slack.botToken,
      FERRY_SLACK_SIGNING_SECRET: slack.signingSecret,
      FERRY_SLACK_API_URL: slack.slackApiUrl,
    });
    expect(setSlack.lines[0]).toMatchObject({
      channel: 'slack',
      stored: ['apiUrl', 'botToken', 'signingSecret'],
    });

    const check = await runCli(['credentials', 'check', '--json', '-w', workspace], env);
    expect(check.code).toBe(0);
    expect(check.lines.map((line) => [line['channel'], line['ok']])).toEqual([
      ['telegram', true],
      ['slack', true],
    ]);
    expect(check.lines[0]?.['handle']).toBe(telegram.username);
    expect(check.stdout).not.toContain(telegram.token);
    expect(check.stdout).not.toContain(slack.botToken);
  });

  it('exits 4 for a wrong token and names the channel, never the token', async () => {
    const { telegram } = sandbox.describe();
    const wrong = `${telegram.token.split(':')[0]}:WRONGWRONGWRONGWRONGWRONGWRONG12`;
    const result = await runCli(['credentials', 'check', 'telegram', '-w', workspace], {
      FERRY_CONFIG_DIR: configDir,
      FERRY_TELEGRAM_BOT_TOKEN: wrong,
      FERRY_TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/✗ telegram: /);
    expect(result.stdout + result.stderr).not.toContain(wrong);
    expect(result.stdout + result.stderr).not.toContain('WRONGWRONG');
  });

  it('exits 4 when nothing is configured and 2 for an unknown channel', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ferry-empty-'));
    const nothing = await runCli(['credentials', 'check', '-w', workspace], { FERRY_CONFIG_DIR: empty });
    expect(nothing.code).toBe(4);
    expect(nothing.stderr).toMatch(/ferry credentials set/);
    const unknown = await runCli(['credentials', 'set', 'myspace', 'a=b'], { FERRY_CONFIG_DIR: empty });
    expect(unknown.code).toBe(2);
    await rm(empty, { recursive: true, force: true });
  });
});
