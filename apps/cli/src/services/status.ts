import type { ChannelName } from '@ferry/core';
import type { FunnelReport, FunnelRow, NormalizedPlan } from '@ferry/engine';
import { optionalPlan } from './plan-optional.js';
import { TARGETS } from './targets.js';
import { type Workspace, withStore } from './workspace.js';

const STAGES = ['notified', 'delivered', 'read', 'linked', 'active'] as const;

/**
 * The target a funnel row's country routes to. Rows carry country and language only, so rules that
 * also need calling codes or tags are judged by their countries alone (or skipped when they have none).
 */
export function routeOfCountry(plan: NormalizedPlan, country: string): string {
  for (const rule of plan.routing.rules) {
    if (rule.countries.length === 0 || !rule.countries.includes(country)) continue;
    return rule.target;
  }
  return plan.routing.defaultTarget;
}

/**
 * Keeps each recipient under the target routing sends them to: the engine's funnel counts every
 * notice under every target, which inflates "notified" on a plan with several targets.
 */
export function routedFunnel(
  report: FunnelReport,
  plan: NormalizedPlan,
  funnelRates: (counts: FunnelRow['counts']) => FunnelRow['rates'],
): FunnelReport {
  const rows = report.rows.filter(
    (row) => row.counts.linked > 0 || routeOfCountry(plan, row.country) === row.target,
  );
  const totals = new Map<
    string,
    { campaignId: string; target: ChannelName; counts: Record<(typeof STAGES)[number], number> }
  >();
  for (const row of rows) {
    const key = `${row.campaignId}\u0000${row.target}`;
    const total = totals.get(key) ?? {
      campaignId: row.campaignId,
      target: row.target,
      counts: { notified: 0, delivered: 0, read: 0, linked: 0, active: 0 },
    };
    for (const stage of STAGES) total.counts[stage] += row.counts[stage];
    totals.set(key, total);
  }
  const totalRows: FunnelRow[] = [...totals.values()].map((total) => ({
    ...total,
    country: 'all',
    language: 'all',
    rates: funnelRates(total.counts),
  }));
  return {
    generatedAt: report.generatedAt,
    rows,
    totals: totalRows,
    chart: {
      stages: report.chart.stages,
      series: totalRows.map((total) => ({
        label: `${total.campaignId} → ${total.target}`,
        values: STAGES.map((stage) => total.counts[stage]),
      })),
    },
  };
}

/** The funnel of every campaign in the workspace (notified → delivered → read → linked → active), per target. */
export async function workspaceFunnel(workspace: Workspace, now: number): Promise<FunnelReport> {
  const plan = await optionalPlan(workspace, now);
  const configured = plan === undefined ? [] : TARGETS.filter((target) => plan.targets[target] !== undefined);
  const { computeFunnel, funnelRates } = await import('@ferry/engine');
  const report = await withStore(workspace, (store) =>
    computeFunnel(store, {
      targets: (configured.length > 0 ? configured : TARGETS) as ChannelName[],
      clock: { now: () => now },
    }),
  );
  return plan !== undefined && configured.length > 1 ? routedFunnel(report, plan, funnelRates) : report;
}
