import { relative } from 'node:path';
import type { PlanIssue } from '@ferry/engine';
import type { CommandContext } from '../context.js';
import { EXIT_CODES, type ExitCode } from '../errors.js';
import { checkPlan } from '../services/plan.js';
import { workspaceAt } from '../services/workspace.js';

const iso = (epochMs: number) => `${new Date(epochMs).toISOString().slice(0, 16)}Z`;

/** `ferry plan`: validates the plan and prints the wave schedule against the tier and the cutoff. */
export async function run(context: CommandContext): Promise<ExitCode> {
  const workspace = workspaceAt(context.workspace);
  const report = await checkPlan(workspace, context.now());
  const { output } = context;
  const { paint } = output;
  const show = (severity: 'error' | 'warning', issue: PlanIssue) => {
    const file = issue.file === undefined ? '' : relative(context.workspace, issue.file) || issue.file;
    const where = `${file}${issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`}`;
    output.record(
      { type: 'issue', severity, ...issue },
      () =>
        `${paint(severity, severity)} ${where ? `${where} ` : ''}${issue.path ? `${paint('code', issue.path)}: ` : ''}${issue.message}`,
    );
  };
  const errors = [...report.errors, ...report.scheduleErrors];
  for (const issue of errors) show('error', issue);
  for (const issue of [...report.warnings, ...report.scheduleWarnings]) show('warning', issue);
  const plan = report.plan;
  if (plan !== undefined) {
    output.line();
    output.line(
      `${paint('emphasis', plan.name)}: tier ${plan.whatsapp.tier}, ${plan.whatsapp.throughputPerSecond} messages/s, cutoff ${iso(plan.cutoff.at)} (${plan.cutoff.timezone})`,
    );
    if (!report.imported)
      output.line(paint('muted', 'No contacts imported yet: audiences count as 0 (run `ferry import`).'));
    for (const row of report.schedule) {
      output.record(
        {
          type: 'wave',
          ...row,
          startsAt: new Date(row.startsAt).toISOString(),
          finishesAt: new Date(row.finishesAt).toISOString(),
        },
        () =>
          `  ${paint(row.beforeCutoff ? 'success' : 'error', row.beforeCutoff ? '✓' : '✗')} ${row.wave.padEnd(16)} ${iso(row.startsAt)} → ${iso(row.finishesAt)}  ${String(row.audience ?? 0).padStart(8)} recipients, ${row.days} day(s), ${row.template}`,
      );
    }
  }
  const ok = errors.length === 0;
  output.record(
    {
      type: 'plan',
      ok,
      errors: errors.length,
      warnings: report.warnings.length + report.scheduleWarnings.length,
      waves: report.schedule.length,
    },
    ok
      ? `${paint('success', '✓')} The plan is valid.`
      : `${paint('error', '✗')} ${errors.length} error(s): fix them in ${relative(context.workspace, workspace.planFile)} and run \`ferry plan\` again.`,
  );
  return ok ? EXIT_CODES.ok : EXIT_CODES.input;
}
