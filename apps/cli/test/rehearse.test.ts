import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let workspace: string;
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'ferry-rehearse-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

type Line = Record<string, unknown> & { counts?: Record<string, number> };

describe('ferry rehearse', () => {
  it('runs a whole migration of the sample assistant with no accounts and ends with the funnel', async () => {
    const result = await runCli(['rehearse', '--contacts', '400', '--json', '-w', workspace], {
      FERRY_CONFIG_DIR: workspace,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.lines as Line[];
    const steps = lines.filter((line) => line['type'] === 'rehearsal').map((line) => line['step']);
    expect(steps).toEqual(['workspace', 'import', 'sandbox', 'serve', 'notify', 'users', 'notify', 'users']);
    const firstNotify = lines.find((line) => line['step'] === 'notify');
    expect(Number(firstNotify?.['sent'])).toBeGreaterThan(300);
    const reminder = lines.filter((line) => line['step'] === 'notify')[1];
    // The reminder goes only to those who did not move after the first notice.
    expect(Number(reminder?.['sent'])).toBeLessThan(Number(firstNotify?.['sent']));
    const funnel = lines.filter((line) => line['type'] === 'funnel');
    expect(new Set(funnel.map((line) => line['target']))).toEqual(new Set(['telegram', 'slack', 'discord']));
    const firstWave = funnel.filter((line) => line['campaignId'] === 'first-notice');
    const total = (stage: string) => firstWave.reduce((sum, line) => sum + (line.counts?.[stage] ?? 0), 0);
    expect(total('notified')).toBe(Number(firstNotify?.['sent']));
    expect(total('delivered')).toBe(total('notified'));
    expect(total('linked')).toBeGreaterThan(0);
    expect(total('active')).toBeGreaterThan(0);
    // The operator's workspace is left untouched: the rehearsal worked in a scratch folder.
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(workspace)).toEqual([]);
  }, 120_000);
});
