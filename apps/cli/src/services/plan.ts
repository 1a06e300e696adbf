import { existsSync } from 'node:fs';
import type { MessagingTier, PlanIssue, PlanLoadResult } from '@ferry/engine';
import { scheduleWaves, type WaveSchedule, waveAudienceQuery } from './schedule.js';
import { readWorkspacePlan, type Workspace, withStore } from './workspace.js';

/** What `ferry plan` reports: the plan's issues, the wave schedule, and the schedule's own errors. */
export interface PlanReport extends PlanLoadResult {
  readonly schedule: readonly WaveSchedule[];
  /** Waves that cannot finish before the cutoff (errors) or run into the next wave (warnings). */
  readonly scheduleErrors: readonly PlanIssue[];
  readonly scheduleWarnings: readonly PlanIssue[];
  /** Whether the store had imported data to count audiences and check templates against. */
  readonly imported: boolean;
  /** The lowest messaging tier at which every wave meets the cutoff (the engine's budget planner), when known. */
  readonly tierNeeded?: MessagingTier | undefined;
}

/** Validates the workspace plan against the imported templates and schedules its waves against the audiences. */
export async function checkPlan(workspace: Workspace, now: number): Promise<PlanReport> {
  const imported = existsSync(workspace.dbFile);
  if (!imported) return withSchedule(await readWorkspacePlan(workspace, { now }), new Map(), false, now);
  return withStore(workspace, async (store) => {
    const templates = await store.catalog.listTemplates();
    const result = await readWorkspacePlan(workspace, {
      now,
      ...(templates.length > 0 ? { templates } : {}),
    });
    const audiences = new Map<string, number>();
    if (result.plan !== undefined && (await store.contacts.count()) > 0) {
      for (const wave of result.plan.waves) {
        audiences.set(wave.id, await store.contacts.countAudience(waveAudienceQuery(result.plan, wave)));
      }
    }
    return withSchedule(result, audiences, true, now);
  });
}

async function withSchedule(
  result: PlanLoadResult,
  audiences: ReadonlyMap<string, number>,
  imported: boolean,
  now: number,
): Promise<PlanReport> {
  if (result.plan === undefined)
    return { ...result, schedule: [], scheduleErrors: [], scheduleWarnings: [], imported };
  const { planWaves } = await import('@ferry/engine');
  const plan = result.plan;
  // The engine's budget planner shares the tier's 24 h budget across waves: it says which tier would do.
  const budget = planWaves(
    {
      start: Math.min(now, plan.waves[0]?.at ?? now),
      cutoff: plan.cutoff.at,
      tier: plan.whatsapp.tier,
      throughputPerSecond: plan.whatsapp.throughputPerSecond,
      waves: plan.waves.map((wave) => ({ name: wave.id, audience: wave.id, notBefore: wave.at })),
    },
    Object.fromEntries(audiences),
  );
  const schedule = scheduleWaves(result.plan, audiences);
  const cutoff = new Date(result.plan.cutoff.at).toISOString();
  const scheduleErrors: PlanIssue[] = [];
  const scheduleWarnings: PlanIssue[] = [];
  schedule.forEach((row, index) => {
    const path = `waves[${index}]`;
    if (!row.beforeCutoff) {
      scheduleErrors.push({
        path,
        message: `wave "${row.wave}" needs ${row.days} day(s) for ${row.audience ?? 0} recipients at tier ${result.plan?.whatsapp.tier} and would end after the cutoff (${cutoff}); start it earlier, split the audience or raise the tier`,
      });
    } else if (row.overlapsNext) {
      scheduleWarnings.push({
        path,
        message: `wave "${row.wave}" is still sending when the next wave starts; later waves share the same 24 h messaging limit`,
      });
    }
  });
  return { ...result, schedule, scheduleErrors, scheduleWarnings, imported, tierNeeded: budget.tierNeeded };
}
