import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import type { Output } from '../output/index.js';
import { type RehearsalStep, rehearse } from '../services/rehearse.js';
import { funnelText } from './status.js';

function describeStep(step: RehearsalStep, output: Output): string {
  const { paint } = output;
  switch (step.step) {
    case 'workspace':
      return `${paint('emphasis', 'Rehearsal')} ${step.sample ? 'of the bundled sample assistant' : `of the plan in ${step.dir}`} (fresh store, no accounts)`;
    case 'import':
      return step.reports
        .map(
          (report) =>
            `  import ${report.file.split('/').at(-1)}: ${report.ok ? `${report.counts.imported} imported${report.counts.rejected > 0 ? `, ${report.counts.rejected} rejected` : ''}` : paint('error', report.error?.message ?? 'failed')}`,
        )
        .join('\n');
    case 'sandbox':
      return `  sandbox: ${step.whatsAppUsers} WhatsApp users, ${step.templates} approved templates`;
    case 'serve':
      return `  ferry serve listening on ${step.url}`;
    case 'notify':
      return `  notify ${step.wave}: ${step.sent} sent, ${step.failed} failed, ${step.skipped} skipped (${step.end})`;
    case 'users':
      return `  users after ${step.wave}: ${step.read} read, ${step.tapped} tapped (${
        Object.entries(step.byTarget)
          .map(([target, count]) => `${target} ${count}`)
          .join(', ') || 'none'
      }), ${step.active} wrote on their new channel`;
  }
}

function parseCount(value: unknown, name: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    throw new CliError(`--${name} must be a whole number of at least ${minimum}, not "${String(value)}".`, {
      hint: `For example --${name} ${name === 'contacts' ? 3000 : 1}.`,
      exitCode: EXIT_CODES.usage,
      code: 'usage',
    });
  }
  return parsed;
}

/** `ferry rehearse`: a whole migration against the emulators, ending with the funnel. */
export async function run(
  context: CommandContext,
  _args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const contacts = parseCount(options['contacts'] ?? 3000, 'contacts', 1);
  const seed = parseCount(options['seed'] ?? 1, 'seed', 0);
  const result = await rehearse({
    dir: context.workspace,
    contacts,
    seed,
    now: context.now,
    env: context.env,
    signal: context.signal,
    onStep: (step) =>
      context.output.record({ type: 'rehearsal', ...step }, () => describeStep(step, context.output)),
  });
  if (context.json) {
    for (const row of result.funnel.totals) context.output.record({ type: 'funnel', ...row });
  } else {
    context.output.line();
    context.output.line(funnelText(result.funnel, context.output.paint));
  }
  return EXIT_CODES.ok;
}
