import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';

describe('startSandbox', () => {
  it('starts all four emulators on loopback and describes their credentials', async () => {
    const sandbox = await startSandbox();
    try {
      const description = sandbox.describe();
      for (const platform of ['whatsapp', 'telegram', 'slack', 'discord'] as const) {
        expect(description[platform].baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      }
      const me = await fetch(`${description.telegram.apiRoot}/bot${description.telegram.token}/getMe`);
      expect(((await me.json()) as { ok: boolean }).ok).toBe(true);
      const auth = await fetch(`${description.slack.slackApiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${description.slack.botToken}` },
      });
      expect(((await auth.json()) as { ok: boolean }).ok).toBe(true);
      const discordMe = await fetch(`${description.discord.api}/v10/users/@me`, {
        headers: { authorization: `Bot ${description.discord.botToken}` },
      });
      expect(discordMe.status).toBe(200);
      const templates = await fetch(
        `${description.whatsapp.graphBaseUrl}/${description.whatsapp.version}/${description.whatsapp.wabaId}/message_templates`,
        { headers: { authorization: `Bearer ${description.whatsapp.accessToken}` } },
      );
      expect(templates.status).toBe(200);
    } finally {
      await sandbox.stop();
    }
    await expect(fetch(`${sandbox.describe === undefined ? '' : 'http://127.0.0.1:1'}/`)).rejects.toThrow();
  });
});

describe('ferry-sandbox command', () => {
  it('prints one JSON line with every base URL and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('../src/cli.ts', import.meta.url).pathname],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const description = JSON.parse(line) as Record<string, { baseUrl: string }>;
    expect(Object.keys(description).sort()).toEqual(['discord', 'slack', 'telegram', 'whatsapp']);
    const response = await fetch(`${description.telegram?.baseUrl}/botnot-a-token/getMe`);
    expect(response.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port with a clear message', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('../src/cli.ts', import.meta.url).pathname, '--slack-port', 'abc'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('--slack-port must be a port number');
  });
});
