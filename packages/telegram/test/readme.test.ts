import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TelegramWorld, until } from './helpers.js';

const packageDirectory = join(import.meta.dirname, '..');
let world: TelegramWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.emulator.stop();
});

/** The README's example, importing this package's source instead of the published name. */
function readmeExample(): string {
  const readme = readFileSync(join(packageDirectory, 'README.md'), 'utf8');
  const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined) throw new Error('The README has no example');
  return code.replace("'@ferry/telegram'", `'${join(packageDirectory, 'src/index.ts')}'`);
}

describe('the README example', () => {
  it('is under 20 lines and runs as written against the sandbox', async () => {
    const code = readmeExample();
    expect(code.trimEnd().split('\n').length).toBeLessThan(20);
    const file = join(mkdtempSync(join(tmpdir(), 'ferry-readme-')), 'bot.mts');
    writeFileSync(file, code);
    const { token, apiRoot } = world.emulator.credentials();
    const child = spawn(
      join(packageDirectory, '../../node_modules/.bin/tsx'),
      ['--conditions=source', file],
      {
        cwd: packageDirectory,
        env: { ...process.env, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await until(() => output.includes('is up.'), 15_000);
      expect(output).toContain(
        '@ferry_sandbox_bot is up. Invite: https://t.me/ferry_sandbox_bot?start=welcome',
      );
      await until(() => world.emulator.isLongPollHeld, 10_000);
      const user = world.emulator.users.create({ firstName: 'Reader' });
      user.openLink('https://t.me/ferry_sandbox_bot?start=welcome');
      await until(() => user.inbox().length === 1, 10_000);
      const [reply] = user.inbox();
      expect(reply?.text).toBe('Hello there! Where to?');
      user.pressButton(reply?.message_id ?? 0, 'stay');
      await until(() => output.includes(`${user.id} picked stay`), 10_000);
    } finally {
      child.kill();
    }
  }, 60_000);
});
