import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { importExitCode, importIntoWorkspace } from './import.js';
import { previewItems, renderPreview } from './preview.js';
import {
  initWorkspace,
  readWorkspacePlan,
  requirePlan,
  type Workspace,
  withStore,
  workspaceAt,
} from './workspace.js';

const SAMPLE = join(import.meta.dirname, '../../sample');
const NOW = Date.parse('2026-01-01T00:00:00Z');
let dir: string;
let workspace: Workspace;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-cli-'));
  workspace = workspaceAt(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workspace', () => {
  it('writes a plan skeleton that loads without errors, and refuses to overwrite it', async () => {
    await initWorkspace(workspace, { now: NOW, targets: ['slack', 'telegram'] });
    const { plan, errors } = await readWorkspacePlan(workspace, { now: NOW });
    expect(errors).toEqual([]);
    expect(plan?.routing.defaultTarget).toBe('slack');
    await expect(initWorkspace(workspace, { now: NOW })).rejects.toMatchObject({ exitCode: 3 });
    await initWorkspace(workspace, { now: NOW, force: true });
    expect(await readFile(workspace.planFile, 'utf8')).toContain('defaultTarget: telegram');
  });

  it('says to run ferry init when there is no plan', async () => {
    const error = await readWorkspacePlan(workspace, { now: NOW }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).hint).toMatch(/ferry init/);
  });

  it('names the first plan error in one sentence', async () => {
    await writeFile(workspace.planFile, 'version: 1\nname: x\nwhatsap: {}\n');
    await expect(requirePlan(workspace, { now: NOW })).rejects.toMatchObject({
      exitCode: 3,
      message: /whatsap/,
    });
  });
});

describe('import and preview', () => {
  it('imports the sample templates and flow and renders each for every target', async () => {
    const reports = await importIntoWorkspace(workspace, {
      files: [join(SAMPLE, 'templates.json'), join(SAMPLE, 'contact-us.flow.json')],
      now: NOW,
    });
    expect(reports.map((report) => [report.kind, report.ok, report.counts.imported])).toEqual([
      ['templates', true, 4],
      ['flow', true, 1],
    ]);
    expect(importExitCode(reports)).toBe(0);
    const items = await withStore(workspace, (store) => previewItems(store));
    expect(items.map((item) => item.item)).toEqual([
      'contact-us.flow',
      'daily_briefing',
      'login_code',
      'plan_renewal',
      'we_are_moving',
    ]);
    const lines = await renderPreview(items, ['telegram', 'slack', 'discord']);
    expect(lines).toHaveLength(15);
    const renewalOnSlack = lines.find((line) => line.item === 'plan_renewal' && line.target === 'slack');
    expect(renewalOnSlack?.requests[0]?.method).toBe('chat.postMessage');
    expect(
      renewalOnSlack?.notes.some((note) => note.path === 'buttons[0]' && note.severity === 'degraded'),
    ).toBe(true);
    const briefingOnTelegram = lines.find(
      (line) => line.item === 'daily_briefing' && line.target === 'telegram',
    );
    expect(JSON.stringify(briefingOnTelegram?.requests[0]?.body)).toContain('inline_keyboard');
  });

  it('rejects a broken file without stopping the others, and counts rejected rows', async () => {
    const broken = join(dir, 'broken.json');
    const contacts = join(dir, 'contacts.csv');
    await writeFile(broken, '{"data": [');
    await writeFile(contacts, 'phone,opted_in\n+393331234567,yes\nnot-a-phone,yes\n');
    const reports = await importIntoWorkspace(workspace, { files: [broken, contacts], now: NOW });
    expect(reports[0]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(reports[1]).toMatchObject({ ok: true, counts: { imported: 1, rejected: 1 } });
    expect(importExitCode(reports)).toBe(5);
    expect(importExitCode([reports[0] as (typeof reports)[number]])).toBe(3);
  });

  it('imports the plan sources when no file is named', async () => {
    await initWorkspace(workspace, {
      now: NOW,
      sources: [{ path: join(SAMPLE, 'templates.json'), kind: 'templates' }],
    });
    const reports = await importIntoWorkspace(workspace, { files: [], now: NOW });
    expect(reports.map((report) => report.counts.imported)).toEqual([4]);
  });
});
