import type { CampaignEvent, CampaignReport } from '@ferry/engine';
import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import { confirm } from '../output/confirm.js';
import type { Output } from '../output/index.js';
import { notifyExitCode, notifyWave } from '../services/notify.js';
import { openRuntime } from '../services/runtime.js';
import { workspaceAt } from '../services/workspace.js';

function showEvent(output: Output, event: CampaignEvent): void {
  if (event.type === 'finished') return;
  if (event.type === 'started') {
    output.record(event, () => {
      const recovered = event.recovered.ambiguous + event.recovered.requeued;
      return `${event.dryRun ? 'Dry run of' : event.resumed ? 'Resuming' : 'Starting'} ${event.campaignId}${recovered > 0 ? ` (recovered ${event.recovered.requeued} to resend, ${event.recovered.ambiguous} left ambiguous: they may have been sent)` : ''}`;
    });
    return;
  }
  if (event.type === 'progress') {
    output.record(event, () => {
      const { counts } = event;
      const eta = event.etaMs === undefined ? '' : `, about ${Math.ceil(event.etaMs / 1000)} s left`;
      return `  ${counts.sent} sent, ${counts.failed} failed, ${counts.blocked} blocked, ${counts.skipped} skipped, ${event.ratePerSecond.toFixed(0)}/s${eta}`;
    });
    return;
  }
  output.record(event, `  ${event.type}`);
}

function summary(report: CampaignReport, output: Output): string {
  const { paint } = output;
  const { run, journal } = report;
  const lines = [
    `${report.end === 'completed' || report.end === 'dry-run' ? paint('success', '✓') : paint('warning', '!')} ${report.campaignId}: ${report.end}`,
    report.end === 'dry-run'
      ? `  ${report.rendered ?? 0} notices would go out`
      : `  this run: ${run.sent} sent, ${run.failed} failed, ${run.blocked} blocked, ${run.skipped} skipped, ${run.ambiguous} ambiguous, ${run.deferred} waiting for their send window`,
  ];
  if (report.end !== 'dry-run') {
    lines.push(`  campaign so far: ${JSON.stringify(journal)}`);
  }
  for (const [reason, count] of Object.entries(report.failedByReason))
    lines.push(`  ${paint('warning', reason)}: ${count}`);
  if (report.end === 'paused')
    lines.push(paint('muted', `  Run \`ferry notify ${report.campaignId} --resume\` to continue.`));
  if (report.end === 'limit-reached')
    lines.push(
      paint(
        'muted',
        '  The messaging tier allows no more unique users in this 24 h window; run again tomorrow.',
      ),
    );
  for (const note of report.notes ?? [])
    lines.push(`  ${paint('muted', `${note.severity} ${note.path}: ${note.reason}`)}`);
  return lines.join('\n');
}

// Only a person at a terminal is asked; scripts (no terminal, --json) and --yes go ahead.
async function confirmSend(context: CommandContext, wave: string): Promise<boolean> {
  if (context.yes || context.json || process.stdin.isTTY !== true) return true;
  return confirm(`Send the "${wave}" notices over WhatsApp now?`, { yes: false, json: false });
}

/** `ferry notify <campaign> [--dry-run] [--resume]`: sends a wave of notices over WhatsApp. */
export async function run(
  context: CommandContext,
  args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const dryRun = options['dryRun'] === true;
  const runtime = await openRuntime(workspaceAt(context.workspace), {
    now: context.now(),
    env: context.env,
    requireLinks: !dryRun,
    ...(context.env['FERRY_PUBLIC_URL'] === undefined ? {} : { publicUrl: context.env['FERRY_PUBLIC_URL'] }),
  });
  try {
    if (!dryRun && !(await confirmSend(context, args[0] ?? ''))) {
      throw new CliError('Nothing sent: sending notices needs a confirmation.', {
        hint: `Answer y, or pass --yes (scripts), or try \`ferry notify ${args[0] ?? '<wave>'} --dry-run\` first.`,
        exitCode: EXIT_CODES.usage,
        code: 'usage',
      });
    }
    const report = await notifyWave(runtime, {
      wave: args[0] ?? '',
      dryRun,
      resume: options['resume'] === true,
      signal: context.signal,
      onEvent: (event) => showEvent(context.output, event),
    });
    context.output.record({ type: 'finished', report }, () => summary(report, context.output));
    return notifyExitCode(report);
  } finally {
    await runtime.close();
  }
}
