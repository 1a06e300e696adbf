import type { EmailMatchReport } from '@ferry/engine';
import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import type { Output } from '../output/index.js';
import { linkByEmail, linkExitCode } from '../services/link.js';
import { openRuntime } from '../services/runtime.js';
import { workspaceAt } from '../services/workspace.js';

const PROGRESS_EVERY = 25;

function summary(report: EmailMatchReport, output: Output): string {
  const { paint } = output;
  const lines = [
    `${report.failed === 0 && !report.stopped ? paint('success', '✓') : paint('warning', '!')} e-mail matching on Slack${report.stopped ? ' stopped' : ''}`,
    `  ${report.matched} linked and welcomed, ${report.notFoundOnSlack} not found on Slack, ${report.ambiguous} sharing an address with another contact (not linked), ${report.conflicts} Slack users already linked to someone else`,
    `  ${report.lookedUp} looked up, ${report.skipped} skipped (no e-mail, routed elsewhere), ${report.failed} failed`,
  ];
  for (const [reason, count] of Object.entries(report.failedByReason))
    lines.push(`  ${paint('warning', reason)}: ${count}`);
  if (report.welcomesNotSent > 0)
    lines.push(paint('warning', `  ${report.welcomesNotSent} linked but their welcome did not go out`));
  if (report.stopped) lines.push(paint('muted', '  Run `ferry link --by-email` again to continue.'));
  return lines.join('\n');
}

/** `ferry link --by-email`: links the contacts routed to Slack by their e-mail address. */
export async function run(
  context: CommandContext,
  _args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  if (options['byEmail'] !== true) {
    throw new CliError('Say how to link: `ferry link --by-email`.', {
      hint: 'Personal links are issued by `ferry notify` and claimed through `ferry serve`; --by-email matches Slack users by e-mail.',
      exitCode: EXIT_CODES.usage,
      code: 'usage',
    });
  }
  const runtime = await openRuntime(workspaceAt(context.workspace), {
    now: context.now(),
    env: context.env,
    requireLinks: true,
  });
  try {
    const report = await linkByEmail(runtime, {
      signal: context.signal,
      // Slack answers about 50 look-ups a minute (Tier 3): a line every 25 shows it is moving.
      onProgress: (counts) => {
        if (counts.lookedUp % PROGRESS_EVERY !== 0) return;
        context.output.record(
          { type: 'progress', ...counts },
          () => `  ${counts.lookedUp} looked up, ${counts.matched} linked`,
        );
      },
    });
    context.output.record({ type: 'finished', report }, () => summary(report, context.output));
    return linkExitCode(report);
  } finally {
    await runtime.close();
  }
}
