import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, SAMPLE } from './helpers.js';

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'ferry-e2e-'));
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('ferry init, import, preview, plan', () => {
  it('takes a user from an empty folder to a checked plan and a migration diff', async () => {
    const init = await runCli(['init', '--workspace', workspace, '--to', 'telegram,slack,discord', '--json']);
    expect(init.code).toBe(0);
    expect(init.lines[0]).toMatchObject({ type: 'init', planFile: join(workspace, 'ferry.plan.yaml') });

    const imported = await runCli([
      'import',
      join(SAMPLE, 'templates.json'),
      join(SAMPLE, 'contact-us.flow.json'),
      '-w',
      workspace,
      '--json',
    ]);
    expect(imported.code).toBe(0);
    expect(imported.lines.map((line) => [line['kind'], line['ok']])).toEqual([
      ['templates', true],
      ['flow', true],
    ]);

    const preview = await runCli(['preview', '-w', workspace, '--json', '--to', 'telegram,discord']);
    expect(preview.code).toBe(0);
    expect(preview.stderr).toBe('');
    expect(preview.lines).toHaveLength(10);
    for (const line of preview.lines) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['item', 'target', 'requests', 'notes']));
      expect(['telegram', 'discord']).toContain(line['target']);
    }
    const moving = preview.lines.find(
      (line) => line['item'] === 'we_are_moving' && line['target'] === 'telegram',
    );
    const request = (
      moving?.['requests'] as { method: string; body: Record<string, unknown> }[] | undefined
    )?.[0];
    expect(request?.method).toBe('sendMessage');
    expect(String(request?.body['text'])).toContain('We are moving');

    const plan = await runCli(['plan', '-w', workspace, '--json']);
    expect(plan.code).toBe(0);
    expect(plan.lines.filter((line) => line['type'] === 'wave').length).toBeGreaterThan(0);
    expect(plan.lines.at(-1)).toMatchObject({ type: 'plan', ok: true, errors: 0 });
  });

  it('reports a bad file by name, keeps the good rows of another, and exits 5', async () => {
    await writeFile(join(workspace, 'templates.json'), '{"data": [ {"name": ');
    await writeFile(join(workspace, 'contacts.csv'), 'phone,opted_in\n+393331234567,yes\n12,yes\n');
    const result = await runCli(['import', 'templates.json', 'contacts.csv', '-w', workspace], {}, undefined);
    // Relative paths are read from the current directory, where these files do not exist: nothing imports.
    expect(result.code).toBe(3);
    const absolute = await runCli([
      'import',
      join(workspace, 'templates.json'),
      join(workspace, 'contacts.csv'),
      '-w',
      workspace,
    ]);
    expect(absolute.code).toBe(5);
    expect(absolute.stdout).toMatch(/✗ .*templates\.json: /);
    expect(absolute.stdout).toMatch(/1 rejected/);
    expect(await readdir(join(workspace, '.ferry', 'rejects'))).toHaveLength(1);
  });

  it('explains a broken plan in one sentence per problem and exits 3', async () => {
    await writeFile(join(workspace, 'ferry.plan.yaml'), 'version: 1\nname: x\ncutof: {}\n');
    const result = await runCli(['plan', '-w', workspace]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/error ferry\.plan\.yaml:3:1 .*cutof/);
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it('answers a usage mistake with exit 2 and an unknown workspace with a hint', async () => {
    expect((await runCli(['preview', '--to', 'myspace', '-w', workspace])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const missing = await runCli(['plan', '-w', join(workspace, 'nope')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/ferry init/);
  });
});
