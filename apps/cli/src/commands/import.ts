import { relative } from 'node:path';
import type { ImportFileReport, ImportKind } from '@ferry/engine';
import type { CommandContext } from '../context.js';
import type { ExitCode } from '../errors.js';
import type { Painter } from '../output/index.js';
import { importExitCode, importIntoWorkspace } from '../services/import.js';
import { workspaceAt } from '../services/workspace.js';

const SHOWN_ISSUES = 5;

function describeReport(report: ImportFileReport, paint: Painter, workspace: string): string {
  const { counts } = report;
  if (!report.ok) {
    const error = report.error;
    const lines = [`${paint('error', '✗')} ${report.file}: ${error?.message ?? 'not imported'}`];
    if (error?.hint !== undefined) lines.push(`  ${paint('muted', error.hint)}`);
    return lines.join('\n');
  }
  const parts = [`${counts.imported} imported`];
  if (counts.created > 0) parts.push(`${counts.created} new`);
  if (counts.merged > 0) parts.push(`${counts.merged} merged`);
  if (counts.unchanged > 0) parts.push(`${counts.unchanged} unchanged`);
  if (counts.rejected > 0) parts.push(paint('warning', `${counts.rejected} rejected`));
  if (counts.warnings > 0) parts.push(`${counts.warnings} with warnings`);
  const mark = counts.rejected > 0 ? paint('warning', '!') : paint('success', '✓');
  const lines = [`${mark} ${report.file} (${report.kind}): ${parts.join(', ')}`];
  for (const issue of report.issues.slice(0, SHOWN_ISSUES)) {
    const where = [issue.line === undefined ? undefined : `line ${issue.line}`, issue.field]
      .filter((part) => part !== undefined)
      .join(' ');
    lines.push(
      `  ${paint(issue.severity === 'error' ? 'error' : 'warning', issue.severity)} ${where ? `${where}: ` : ''}${issue.reason}`,
    );
  }
  const more = report.issues.length - SHOWN_ISSUES + report.issuesOmitted;
  if (more > 0) lines.push(`  ${paint('muted', `… and ${more} more`)}`);
  if (report.rejectsFile !== undefined) {
    lines.push(
      `  ${paint('muted', `rejected rows: ${relative(workspace, report.rejectsFile) || report.rejectsFile}`)}`,
    );
  }
  return lines.join('\n');
}

/** `ferry import [files…]`: imports exports into the workspace store, one transaction per file. */
export async function run(
  context: CommandContext,
  files: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const workspace = workspaceAt(context.workspace);
  const reports = await importIntoWorkspace(workspace, {
    files,
    now: context.now(),
    ...(typeof options['kind'] === 'string' ? { kind: options['kind'] as ImportKind } : {}),
    ...(typeof options['defaultCountry'] === 'string' ? { defaultCountry: options['defaultCountry'] } : {}),
    ...(options['assumeOptIn'] === true ? { assumeOptIn: true } : {}),
  });
  for (const report of reports) {
    context.output.record({ type: 'import', ...report }, () =>
      describeReport(report, context.output.paint, context.workspace),
    );
  }
  const code = importExitCode(reports);
  if (code !== 0 && !context.json) {
    context.output.line(
      context.output.paint(
        'muted',
        'Fix the files named above and run the same import again; imports are idempotent.',
      ),
    );
  }
  return code;
}
