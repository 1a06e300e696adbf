import { existsSync } from 'node:fs';
import type { FunnelReport } from '@ferry/engine';
import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import type { Painter } from '../output/index.js';
import { workspaceFunnel } from '../services/status.js';
import { workspaceAt } from '../services/workspace.js';

const BAR = 30;
const percent = (rate: number | null) => (rate === null ? '   –' : `${(rate * 100).toFixed(0).padStart(3)}%`);

/** The funnel as bars, one block per campaign and target. */
export function funnelText(report: FunnelReport, paint: Painter): string {
  if (report.totals.length === 0) return 'No notices sent yet: run `ferry notify <wave>` first.';
  const lines: string[] = [];
  for (const row of report.totals) {
    lines.push(paint('emphasis', `${row.campaignId} → ${row.target}`));
    const top = Math.max(1, row.counts.notified);
    for (const stage of ['notified', 'delivered', 'read', 'linked', 'active'] as const) {
      const count = row.counts[stage];
      const width = Math.round((count / top) * BAR);
      lines.push(
        `  ${stage.padEnd(10)} ${paint('success', '█'.repeat(width))}${' '.repeat(BAR - width)} ${String(count).padStart(7)}`,
      );
    }
    lines.push(
      paint(
        'muted',
        `  delivered ${percent(row.rates.delivered)}  read ${percent(row.rates.read)}  linked ${percent(row.rates.linked)}  active ${percent(row.rates.active)}  overall ${percent(row.rates.overall)}`,
      ),
    );
  }
  return lines.join('\n');
}

/** `ferry status`: the funnel of every campaign, per target (and per country and language with --json). */
export async function run(context: CommandContext): Promise<ExitCode> {
  const workspace = workspaceAt(context.workspace);
  if (!existsSync(workspace.dbFile)) {
    throw new CliError(`Nothing imported in ${context.workspace} yet.`, {
      hint: 'Run `ferry import` and `ferry notify <wave>` first, or pass --workspace <dir>.',
      exitCode: EXIT_CODES.input,
      code: 'not_found',
    });
  }
  const report = await workspaceFunnel(workspace, context.now());
  if (context.json) {
    for (const row of report.totals) context.output.record({ type: 'funnel', ...row });
    for (const row of report.rows) context.output.record({ type: 'funnel-row', ...row });
  } else {
    context.output.line(funnelText(report, context.output.paint));
  }
  return EXIT_CODES.ok;
}
