import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunnelReport, ImportFileReport } from '@ferry/engine';
import { seededRandom } from '@ferry/sandbox';
import { importIntoWorkspace } from './import.js';
import { notifyWave } from './notify.js';
import { openRuntime } from './runtime.js';
import { writeSampleContacts } from './sample.js';
import { createWhatsAppUsers, registerTemplates, sandboxEnvironment, startEmulators } from './sandbox.js';
import { startServer } from './serve.js';
import { type SimulationReport, simulateUsers } from './simulate.js';
import { workspaceFunnel } from './status.js';
import { readWorkspacePlan, type Workspace, workspaceAt } from './workspace.js';

/** The bundled sample assistant: templates, a Flow, a plan (contacts are generated). */
export const SAMPLE_DIR = join(import.meta.dirname, '../../sample');

/** How to rehearse. */
export interface RehearsalOptions {
  /** A workspace with the operator's own plan and exports; the sample assistant when it has no plan. */
  readonly dir?: string;
  /** Contacts generated for the sample assistant. */
  readonly contacts: number;
  readonly seed: number;
  readonly now: () => number;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Called at each step, for progress output. */
  readonly onStep?: (step: RehearsalStep) => void;
}

/** One step of a rehearsal, as it happens. */
export type RehearsalStep =
  | { readonly step: 'workspace'; readonly dir: string; readonly sample: boolean }
  | { readonly step: 'import'; readonly reports: readonly ImportFileReport[] }
  | { readonly step: 'sandbox'; readonly whatsAppUsers: number; readonly templates: number }
  | { readonly step: 'serve'; readonly url: string }
  | {
      readonly step: 'notify';
      readonly wave: string;
      readonly sent: number;
      readonly failed: number;
      readonly skipped: number;
      readonly end: string;
    }
  | ({ readonly step: 'users'; readonly wave: string } & SimulationReport);

/** What a rehearsal ends with: the funnel, and what each wave and the simulated users did. */
export interface RehearsalResult {
  readonly funnel: FunnelReport;
  readonly steps: readonly RehearsalStep[];
}

// How the simulated users answer each successive notice: most read the first, fewer act on reminders.
const BEHAVIOUR = [
  { readShare: 0.8, tapShare: 0.45, activeShare: 0.6 },
  { readShare: 0.6, tapShare: 0.3, activeShare: 0.5 },
  { readShare: 0.5, tapShare: 0.2, activeShare: 0.4 },
];

async function prepareWorkspace(
  options: RehearsalOptions,
  scratch: string,
): Promise<{ workspace: Workspace; sample: boolean }> {
  const data = join(scratch, '.ferry');
  const own = options.dir === undefined ? undefined : workspaceAt(options.dir);
  if (own !== undefined && existsSync(own.planFile)) {
    // The operator's plan and exports, with a fresh store beside the scratch folder: their own store is never touched.
    return {
      workspace: {
        ...own,
        dataDir: data,
        dbFile: join(data, 'ferry.db'),
        rejectsDir: join(data, 'rejects'),
        scratch: true,
      },
      sample: false,
    };
  }
  for (const file of ['templates.json', 'contact-us.flow.json', 'ferry.plan.yaml']) {
    await copyFile(join(SAMPLE_DIR, file), join(scratch, file));
  }
  await writeSampleContacts(scratch, options.contacts, options.seed);
  return { workspace: { ...workspaceAt(scratch), scratch: true }, sample: true };
}

/**
 * A whole migration with no accounts: the plan's exports (or the sample assistant) imported into a
 * fresh SQLite store, the four emulators started, every wave's notices sent over the WhatsApp
 * emulator, simulated users reading and tapping their links on Telegram, Slack and Discord through
 * `ferry serve`'s routes, and the funnel at the end.
 */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalResult> {
  const steps: RehearsalStep[] = [];
  const step = (value: RehearsalStep) => {
    steps.push(value);
    options.onStep?.(value);
  };
  const scratch = await mkdtemp(join(tmpdir(), 'ferry-rehearsal-'));
  await mkdir(join(scratch, 'config'), { recursive: true });
  const { workspace, sample } = await prepareWorkspace(options, scratch);
  step({ step: 'workspace', dir: workspace.dir, sample });
  const { plan } = await readWorkspacePlan(workspace, { now: options.now() });
  // The emulator enforces the plan's own tier and throughput, so the rehearsal meets the real limits.
  const sandbox = await startEmulators(0, {
    tier: plan?.whatsapp.tier ?? 250,
    throughputPerSecond: plan?.whatsapp.throughputPerSecond ?? 80,
  });
  try {
    const reports = await importIntoWorkspace(workspace, { files: [], now: options.now() });
    step({ step: 'import', reports });

    const env: NodeJS.ProcessEnv = {
      ...options.env,
      ...sandboxEnvironment(sandbox.describe()),
      // An empty credentials folder: the operator's real credentials are never read in a rehearsal.
      FERRY_CONFIG_DIR: join(scratch, 'config'),
      FERRY_LINK_SECRET: randomBytes(32).toString('hex'),
      FERRY_DISCORD_CLIENT_SECRET: 'rehearsal-oauth-client-secret',
    };
    let templates = 0;
    for (const source of plan?.sources ?? []) {
      if (source.kind === 'templates')
        templates += registerTemplates(sandbox, await readFile(source.resolvedPath, 'utf8'));
    }
    const runtime = await openRuntime(workspace, {
      now: options.now(),
      env,
      requireLinks: true,
      publicUrl: 'http://127.0.0.1',
      fastSlack: true,
    });
    try {
      const phones: { phone: string; name?: string }[] = [];
      for await (const batch of runtime.store.contacts.iterateAudience(
        { consent: 'any' },
        { batchSize: 1000 },
      )) {
        for (const contact of batch) {
          const phone = contact.phone ?? (contact.waId === undefined ? undefined : `+${contact.waId}`);
          if (phone !== undefined)
            phones.push({
              phone,
              ...(contact.profileName === undefined ? {} : { name: contact.profileName }),
            });
        }
      }
      step({ step: 'sandbox', whatsAppUsers: createWhatsAppUsers(sandbox, phones), templates });

      let claims = 0;
      const server = await startServer(runtime, {
        host: '127.0.0.1',
        port: 0,
        now: options.now,
        onEvent: (event) => {
          if (event.type === 'link') claims++;
        },
      });
      try {
        sandbox.whatsapp.setWebhookUrl(`${server.url}/whatsapp/webhook`);
        sandbox.slack.setRequestUrl(`${server.url}/slack/events`);
        await sandbox.discord.setInteractionsUrl(`${server.url}/discord/interactions`);
        step({ step: 'serve', url: server.url });
        const random = seededRandom(options.seed + 1);
        const seen = new Set<string>();
        let expected = 0;
        for (const [index, wave] of runtime.plan.waves.entries()) {
          if (options.signal?.aborted === true) break;
          const report = await notifyWave(runtime, {
            wave: wave.id,
            resume: true,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          });
          step({
            step: 'notify',
            wave: wave.id,
            sent: report.run.sent,
            failed: report.run.failed,
            skipped: report.run.skipped,
            end: report.end,
          });
          await sandbox.whatsapp.idle();
          const behaviour = BEHAVIOUR[Math.min(index, BEHAVIOUR.length - 1)] ?? {
            readShare: 0.5,
            tapShare: 0.2,
            activeShare: 0.4,
          };
          const simulation = await simulateUsers(sandbox, {
            serveUrl: server.url,
            random,
            skip: seen,
            ...behaviour,
          });
          step({ step: 'users', wave: wave.id, ...simulation });
          expected += simulation.tapped;
          // The next wave re-notifies whoever has not moved: let every claim land first (Telegram polls, Slack and Discord queue).
          const deadline = Date.now() + 30_000;
          while ((claims < expected || server.pending() > 0) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          await sandbox.whatsapp.idle();
        }
        return { funnel: await workspaceFunnel(workspace, options.now()), steps };
      } finally {
        await server.close();
      }
    } finally {
      await runtime.close();
    }
  } finally {
    await sandbox.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
