import { existsSync } from 'node:fs';
import type { NormalizedPlan } from '@ferry/engine';
import { readWorkspacePlan, type Workspace } from './workspace.js';

/** The workspace plan when there is one and it loads; commands that can work without it use this. */
export async function optionalPlan(workspace: Workspace, now: number): Promise<NormalizedPlan | undefined> {
  if (!existsSync(workspace.planFile)) return undefined;
  return (await readWorkspacePlan(workspace, { now })).plan;
}
