import { existsSync } from 'node:fs';
import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import type { Painter } from '../output/index.js';
import { type PreviewLine, previewItems, renderPreview } from '../services/preview.js';
import { CHANNELS, type ChannelId, parseChannelList, TARGETS } from '../services/targets.js';
import { readWorkspacePlan, withStore, workspaceAt } from '../services/workspace.js';

function describeLine(line: PreviewLine, paint: Painter): string {
  const methods = line.requests.map((request) => request.method).join(', ') || 'nothing';
  const title = `${paint('emphasis', line.item)}${line.language === undefined ? '' : ` (${line.language})`} → ${paint('code', line.target)}: ${methods}`;
  if (line.notes.length === 0) return `${title}\n  ${paint('success', 'no loss')}`;
  const notes = line.notes.map((note) => {
    const tone = note.severity === 'lost' ? 'error' : note.severity === 'degraded' ? 'warning' : 'muted';
    return `  ${paint(tone, note.severity.padEnd(8))} ${note.path === '' ? '' : `${note.path}: `}${note.reason}`;
  });
  return [title, ...notes].join('\n');
}

/** `ferry preview [--to …]`: the migration diff, each template and flow rendered for each target. */
export async function run(
  context: CommandContext,
  _args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const workspace = workspaceAt(context.workspace);
  let targets: ChannelId[];
  if (typeof options['to'] === 'string') {
    targets = parseChannelList(options['to'], CHANNELS);
  } else {
    const plan = existsSync(workspace.planFile)
      ? (await readWorkspacePlan(workspace, { now: context.now() })).plan
      : undefined;
    const configured =
      plan === undefined ? [] : TARGETS.filter((target) => plan.targets[target] !== undefined);
    targets = configured.length > 0 ? configured : [...TARGETS];
  }
  const items = await withStore(workspace, (store) => previewItems(store));
  if (items.length === 0) {
    throw new CliError('Nothing to preview: no template or flow has been imported.', {
      hint: 'Run `ferry import <templates.json> <flow.json>` first.',
      exitCode: EXIT_CODES.input,
      code: 'not_found',
    });
  }
  const lines = await renderPreview(items, targets);
  for (const line of lines) context.output.record(line, () => describeLine(line, context.output.paint));
  if (!context.json) {
    const lost = lines.filter((line) => line.notes.some((note) => note.severity === 'lost')).length;
    const degraded = lines.filter((line) => line.notes.some((note) => note.severity === 'degraded')).length;
    context.output.line();
    context.output.line(
      `${items.length} item${items.length === 1 ? '' : 's'} × ${targets.length} target${targets.length === 1 ? '' : 's'}: ${lines.length - lost - degraded} exact or reshaped, ${degraded} degraded, ${lost} losing content.`,
    );
  }
  return EXIT_CODES.ok;
}
