import type { ChannelName } from '@ferry/core';
import type { FunnelReport } from '@ferry/engine';
import { optionalPlan } from './plan-optional.js';
import { routeOf } from './routing.js';
import { TARGETS } from './targets.js';
import { type Workspace, withStore } from './workspace.js';

/**
 * The funnel of every campaign in the workspace (notified → delivered → read → linked → active), per
 * target: each recipient counts under the target they linked on, else the one the plan's routing sends them to.
 */
export async function workspaceFunnel(workspace: Workspace, now: number): Promise<FunnelReport> {
  const plan = await optionalPlan(workspace, now);
  const configured = plan === undefined ? [] : TARGETS.filter((target) => plan.targets[target] !== undefined);
  const { computeFunnel } = await import('@ferry/engine');
  return withStore(workspace, (store) =>
    computeFunnel(store, {
      targets: (configured.length > 0 ? configured : TARGETS) as ChannelName[],
      ...(plan === undefined ? {} : { targetOf: (contact) => routeOf(plan, contact) }),
      clock: { now: () => now },
    }),
  );
}
