import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Message, NativeRequest } from '@ferry/core';
import type { CampaignReport, FunnelReport, ImportFileReport } from '@ferry/engine';
import { clockFrom } from '../context.js';
import { checkCredentials as checkChannels } from '../services/check.js';
import {
  CREDENTIAL_FIELDS,
  type CredentialStore,
  type CredentialStoreOptions,
  openCredentialStore,
} from '../services/credentials.js';
import { importIntoWorkspace } from '../services/import.js';
import { notifyWave } from '../services/notify.js';
import { checkPlan, type PlanReport } from '../services/plan.js';
import { optionalPlan } from '../services/plan-optional.js';
import { previewItems, renderPreview } from '../services/preview.js';
import type { RehearsalStep } from '../services/rehearse.js';
import { openRuntime } from '../services/runtime.js';
import { channelSettings } from '../services/settings.js';
import { workspaceFunnel } from '../services/status.js';
import { TARGETS } from '../services/targets.js';
import { initWorkspace, readWorkspacePlan, withStore, workspaceAt } from '../services/workspace.js';
import { addPlanSources, moveWaveDate } from './plan-text.js';
import type {
  PreviewEntry,
  RehearsalEvent,
  RunProgress,
  RunSummary,
  WavePlanView,
  WizardChannel,
  WizardServices,
  WorkspaceState,
} from './services.js';

/** What the wizard's services run with: the environment (credential overrides), the clock and the config folder. */
export interface WizardServiceOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Default: the command clock (`FERRY_NOW` shifts it, as for every command). */
  readonly now?: () => number;
  /** Where the credentials file lives (default `FERRY_CONFIG_DIR`, else the user's config folder). */
  readonly configDir?: string;
}

const TEXT_KEYS = new Set(['text', 'content', 'caption', 'label', 'body']);

/** The strings a user would read in a native request (texts, captions, button labels), in order. */
export function readableText(requests: readonly NativeRequest[]): string {
  const found: string[] = [];
  const walk = (value: unknown, key: string | undefined) => {
    if (typeof value === 'string') {
      if (key !== undefined && TEXT_KEYS.has(key) && value.trim() !== '' && !found.includes(value))
        found.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key === 'inline_keyboard' || key === 'keyboard' ? 'text' : key);
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, inner] of Object.entries(value)) walk(inner, name);
    }
  };
  for (const request of requests) walk(request.body, undefined);
  return found.join('\n');
}

/** The WhatsApp original of a catalog item as text: header, body, footer and buttons. */
export async function originalText(message: Message): Promise<string> {
  const { toPlainText } = await import('@ferry/core');
  const lines: string[] = [];
  const header = message.header as { readonly type?: string; readonly text?: string } | undefined;
  if (header?.type === 'text' && header.text !== undefined) lines.push(header.text);
  if (message.text !== undefined)
    lines.push(typeof message.text === 'string' ? message.text : toPlainText(message.text));
  if (message.footer !== undefined) lines.push(message.footer);
  for (const button of message.buttons ?? []) lines.push(`[${button.title}]`);
  if (message.form !== undefined) lines.push(`(form: ${message.form.title ?? 'flow'})`);
  return lines.join('\n');
}

/** Contacts generated when the workspace has no plan and the sample assistant is rehearsed (as `ferry rehearse`). */
const REHEARSAL_CONTACTS = 3000;

/** One rehearsal step as a line of the wizard. */
export function rehearsalEvent(step: RehearsalStep): RehearsalEvent {
  switch (step.step) {
    case 'workspace':
      return {
        label: 'workspace',
        detail: step.sample ? 'the sample assistant (no plan here yet)' : 'your plan, on a scratch store',
        ok: true,
      };
    case 'import': {
      const rows = step.reports.reduce((sum, report) => sum + report.counts.imported, 0);
      const rejected = step.reports.reduce((sum, report) => sum + report.counts.rejected, 0);
      const failed = step.reports.filter((report) => !report.ok).length;
      return {
        label: 'import',
        detail: `${step.reports.length} files, ${rows} rows, ${rejected} rejected${failed > 0 ? `, ${failed} files failed` : ''}`,
        ok: failed === 0,
      };
    }
    case 'sandbox':
      return {
        label: 'emulators',
        detail: `${step.whatsAppUsers} WhatsApp users, ${step.templates} templates approved`,
        ok: true,
      };
    case 'serve':
      return { label: 'serve', detail: `webhooks and links on ${step.url}`, ok: true };
    case 'notify':
      return {
        label: step.wave,
        detail: `${step.sent} sent, ${step.failed} failed, ${step.skipped} skipped (${step.end})`,
        ok: step.failed === 0,
      };
    case 'users':
      return {
        label: 'users',
        detail: `${step.read} read, ${step.tapped} tapped their link, ${step.active} active`,
        ok: step.dead === 0,
      };
  }
}

function waveView(report: PlanReport): WavePlanView {
  const plan = report.plan;
  const issue = (entry: { readonly path: string; readonly message: string }) =>
    entry.path === '' ? entry.message : `${entry.path}: ${entry.message}`;
  return {
    timezone: plan?.timezone ?? 'UTC',
    cutoffAt: plan?.cutoff.at ?? 0,
    tier: String(plan?.whatsapp.tier ?? '?'),
    waves: report.schedule.map((row) => ({
      id: row.wave,
      startsAt: row.startsAt,
      finishesAt: row.finishesAt,
      audience: row.audience ?? 0,
      days: row.days,
      template: row.template,
      beforeCutoff: row.beforeCutoff,
    })),
    errors: [...report.errors, ...report.scheduleErrors].map(issue),
    warnings: [...report.warnings, ...report.scheduleWarnings].map(issue),
  };
}

function summaryOf(report: CampaignReport): RunSummary {
  return {
    campaignId: report.campaignId,
    end: report.end,
    sent: report.run.sent,
    failed: report.run.failed,
    failedByReason: report.failedByReason,
  };
}

/** The wizard's services on the CLI's own services: the same calls `ferry init/import/plan/notify/status` make. */
export function createWizardServices(options: WizardServiceOptions = {}): WizardServices {
  const env = options.env ?? process.env;
  const now = options.now ?? clockFrom(env);
  const storeOptions: CredentialStoreOptions = {
    env,
    ...(options.configDir === undefined ? {} : { cwd: options.configDir }),
  };
  let credentials: Promise<CredentialStore> | undefined;
  const credentialStore = () => {
    credentials ??= openCredentialStore(storeOptions);
    return credentials;
  };
  const at = (dir: string) => workspaceAt(resolve(dir));

  const inspect = async (dir: string): Promise<WorkspaceState> => {
    const workspace = at(dir);
    const planExists = existsSync(workspace.planFile);
    const loaded = planExists ? await readWorkspacePlan(workspace, { now: now() }) : undefined;
    const plan = loaded?.plan;
    const firstError = loaded?.errors[0];
    const counts = existsSync(workspace.dbFile)
      ? await withStore(workspace, async (store) => ({
          templates: (await store.catalog.listTemplates()).length,
          flows: (await store.catalog.listFlows()).length,
          contacts: await store.contacts.count(),
          campaigns: (await store.campaigns.list()).map((campaign) => campaign.id),
        }))
      : { templates: 0, flows: 0, contacts: 0, campaigns: [] };
    return {
      dir: workspace.dir,
      planExists,
      ...(plan === undefined ? {} : { planName: plan.name }),
      ...(planExists && plan === undefined
        ? {
            planError:
              firstError === undefined ? 'unreadable' : `${firstError.path || 'plan'}: ${firstError.message}`,
          }
        : {}),
      targets: plan === undefined ? [] : TARGETS.filter((target) => plan.targets[target] !== undefined),
      ...counts,
    };
  };

  return {
    inspect,
    async createWorkspace(dir, targets) {
      const chosen = TARGETS.filter((target) => targets.includes(target));
      await initWorkspace(at(dir), { targets: chosen, now: now() });
      return inspect(dir);
    },
    async importFiles(dir, files, onFile) {
      const workspace = at(dir);
      const reports: ImportFileReport[] = [];
      // One call per file, so each file's counts show as soon as it is in.
      for (const file of files) {
        const [report] = await importIntoWorkspace(workspace, { files: [resolve(file)], now: now() });
        if (report === undefined) continue;
        reports.push(report);
        onFile(report);
      }
      // The plan remembers what was imported: `ferry import` and a rehearsal read the same files again.
      const imported = reports
        .filter((report) => report.ok && report.kind !== 'unknown')
        .map((report) => {
          const path = relative(workspace.dir, report.file);
          return { path: path.startsWith('..') || isAbsolute(path) ? report.file : path, kind: report.kind };
        });
      if (imported.length > 0 && existsSync(workspace.planFile) && workspace.planFile.endsWith('.yaml')) {
        const text = await readFile(workspace.planFile, 'utf8');
        const updated = addPlanSources(text, imported, (path) => existsSync(resolve(workspace.dir, path)));
        if (updated !== text) await writeFile(workspace.planFile, updated, 'utf8');
      }
      return reports;
    },
    async credentialFields(channel) {
      const resolved = (await credentialStore()).resolve(channel);
      return Object.entries(CREDENTIAL_FIELDS[channel]).map(([name, spec]) => ({
        name,
        secret: spec.secret,
        set: resolved[name] !== undefined,
      }));
    },
    async setCredentials(channel, values) {
      (await credentialStore()).set(channel, values);
    },
    async checkCredentials(dir, channel) {
      const store = await credentialStore();
      const plan = await optionalPlan(at(dir), now());
      const [result] = await checkChannels([channel], channelSettings(store, plan), store);
      if (result === undefined) return { channel, ok: false, message: 'not checked' };
      return result.ok
        ? {
            channel,
            ok: true,
            name: result.name,
            ...(result.handle === undefined ? {} : { handle: result.handle }),
          }
        : {
            channel,
            ok: false,
            message: result.message,
            ...(result.hint === undefined ? {} : { hint: result.hint }),
          };
    },
    async preview(dir, targets) {
      const workspace = at(dir);
      if (!existsSync(workspace.dbFile)) return [];
      const items = await withStore(workspace, (store) => previewItems(store));
      const chosen: WizardChannel[] = targets.length > 0 ? [...targets] : [...TARGETS];
      const lines = await renderPreview(items, chosen);
      const entries: PreviewEntry[] = [];
      for (const item of items) {
        const renderings = lines
          .filter(
            (line) => line.item === item.item && line.language === item.language && line.kind === item.kind,
          )
          .map((line) => ({
            target: line.target,
            text: readableText(line.requests),
            methods: line.requests.map((request) => request.method),
            notes: line.notes,
          }));
        entries.push({
          item: item.item,
          kind: item.kind,
          ...(item.language === undefined ? {} : { language: item.language }),
          original: await originalText(item.message),
          renderings,
        });
      }
      return entries;
    },
    async waves(dir) {
      return waveView(await checkPlan(at(dir), now()));
    },
    async setWaveDate(dir, waveId, date) {
      const workspace = at(dir);
      const text = await readFile(workspace.planFile, 'utf8');
      await writeFile(workspace.planFile, moveWaveDate(text, waveId, date), 'utf8');
      return waveView(await checkPlan(workspace, now()));
    },
    async rehearse(dir, onEvent, signal) {
      const { rehearse } = await import('../services/rehearse.js');
      const events: RehearsalEvent[] = [];
      const result = await rehearse({
        dir: resolve(dir),
        contacts: REHEARSAL_CONTACTS,
        seed: 1,
        now,
        env,
        signal,
        onStep: (step) => {
          const event = rehearsalEvent(step);
          events.push(event);
          onEvent(event);
        },
      });
      return { events, funnel: result.funnel };
    },
    async launch(dir, waveId, onProgress, signal) {
      const runtime = await openRuntime(at(dir), { now: now(), env, requireLinks: true });
      try {
        const existing = await runtime.store.campaigns.get(waveId);
        const interrupted =
          existing !== undefined && (existing.status === 'running' || existing.status === 'paused');
        const report = await notifyWave(runtime, {
          wave: waveId,
          ...(interrupted ? { resume: true } : {}),
          signal,
          onEvent: (event) => {
            if (event.type === 'progress') onProgress(event as RunProgress);
          },
        });
        return summaryOf(report);
      } finally {
        await runtime.close();
      }
    },
    funnel(dir): Promise<FunnelReport> {
      return workspaceFunnel(at(dir), now());
    },
  };
}
