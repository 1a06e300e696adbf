import type { CommandContext } from '../context.js';
import { EXIT_CODES, type ExitCode } from '../errors.js';
import { parseChannelList, TARGETS } from '../services/targets.js';
import { initWorkspace, workspaceAt } from '../services/workspace.js';

/** `ferry init`: writes the plan skeleton and the `.ferry/` folder. */
export async function run(
  context: CommandContext,
  _args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const workspace = workspaceAt(context.workspace);
  const result = await initWorkspace(workspace, {
    now: context.now(),
    ...(typeof options['name'] === 'string' ? { name: options['name'] } : {}),
    ...(typeof options['to'] === 'string' ? { targets: parseChannelList(options['to'], TARGETS) } : {}),
    ...(typeof options['timezone'] === 'string' ? { timezone: options['timezone'] } : {}),
    ...(typeof options['cutoff'] === 'string' ? { cutoff: options['cutoff'] } : {}),
    force: options['force'] === true,
  });
  const { paint } = context.output;
  context.output.record({ type: 'init', planFile: result.planFile, dataDir: result.dataDir }, () =>
    [
      `${paint('success', '✓')} Wrote ${paint('emphasis', result.planFile)}`,
      `  Next: put your exports beside it, then ${paint('code', 'ferry import')} and ${paint('code', 'ferry plan')}.`,
    ].join('\n'),
  );
  return EXIT_CODES.ok;
}
