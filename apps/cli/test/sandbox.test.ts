import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from './helpers.js';

describe('ferry sandbox', () => {
  it('starts the emulators, prints how to point Ferry at them, and stops cleanly on Ctrl-C', async () => {
    const configDir = await mkdtemp(join(tmpdir(), 'ferry-sandbox-'));
    const sandbox = startCli(['sandbox', '--json'], { FERRY_CONFIG_DIR: configDir });
    const deadline = Date.now() + 20_000;
    let line: string | undefined;
    while (line === undefined && Date.now() < deadline) {
      line = sandbox
        .stdout()
        .split('\n')
        .find((candidate) => candidate.includes('"sandbox"'));
      if (line === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (line === undefined) throw new Error('the sandbox did not start');
    const { environment } = JSON.parse(line) as { environment: Record<string, string> };
    expect(environment['FERRY_TELEGRAM_API_ROOT']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const check = await runCli(['credentials', 'check', 'telegram', 'slack', '--json'], {
      ...environment,
      FERRY_CONFIG_DIR: configDir,
    });
    expect(check.code).toBe(0);
    expect(check.lines.map((entry) => entry['ok'])).toEqual([true, true]);

    sandbox.child.kill('SIGINT');
    expect((await sandbox.done).code).toBe(0);
    await rm(configDir, { recursive: true, force: true });
  }, 60_000);
});
