import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredTemplate } from '@ferry/core';
import type { PlanLoadResult, PlanSkeletonOptions } from '@ferry/engine';
import type { SqliteStore } from '@ferry/store';
import { CliError, EXIT_CODES } from '../errors.js';

/** The files of one workspace: the plan, the store and the rejects folder. */
export interface Workspace {
  readonly dir: string;
  /** `ferry.plan.yaml`, or `ferry.plan.json` when only that one exists. */
  readonly planFile: string;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly rejectsDir: string;
  /** A throw-away store (rehearsals): commits skip the fsync that protects a real run from a power cut. */
  readonly scratch?: boolean;
}

/** The workspace layout under `dir`: `ferry.plan.yaml`, `.ferry/ferry.db`, `.ferry/rejects/`. */
export function workspaceAt(dir: string): Workspace {
  const yaml = join(dir, 'ferry.plan.yaml');
  const json = join(dir, 'ferry.plan.json');
  const dataDir = join(dir, '.ferry');
  return {
    dir,
    planFile: !existsSync(yaml) && existsSync(json) ? json : yaml,
    dataDir,
    dbFile: join(dataDir, 'ferry.db'),
    rejectsDir: join(dataDir, 'rejects'),
  };
}

/** What `initWorkspace` did. */
export interface InitResult {
  readonly planFile: string;
  readonly dataDir: string;
  /** False when a plan already existed and was kept. */
  readonly planWritten: boolean;
}

/**
 * Creates the workspace folders and writes the commented plan skeleton; an existing plan is kept
 * unless `force`, and refusing is an input error so scripts notice.
 */
export async function initWorkspace(
  workspace: Workspace,
  options: PlanSkeletonOptions & { readonly force?: boolean },
): Promise<InitResult> {
  await mkdir(workspace.rejectsDir, { recursive: true });
  if (existsSync(workspace.planFile) && options.force !== true) {
    throw new CliError(`A plan already exists at ${workspace.planFile}.`, {
      hint: 'Edit it, or run `ferry init --force` to replace it with a fresh skeleton.',
      exitCode: EXIT_CODES.input,
      code: 'conflict',
    });
  }
  const { planSkeleton } = await import('@ferry/engine');
  const { force: _force, ...skeleton } = options;
  await writeFile(workspace.planFile, planSkeleton(skeleton), 'utf8');
  return { planFile: workspace.planFile, dataDir: workspace.dataDir, planWritten: true };
}

/** Opens the workspace's SQLite store, creating `.ferry/` when needed. */
export async function openWorkspaceStore(workspace: Workspace): Promise<SqliteStore> {
  await mkdir(workspace.dataDir, { recursive: true });
  const { openSqliteStore } = await import('@ferry/store');
  return openSqliteStore(workspace.dbFile, workspace.scratch === true ? { synchronous: 'normal' } : {});
}

/** Runs `work` with the workspace store open, and closes it whatever happens. */
export async function withStore<T>(
  workspace: Workspace,
  work: (store: SqliteStore) => Promise<T>,
): Promise<T> {
  const store = await openWorkspaceStore(workspace);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Reads and checks the workspace plan; a missing file is an input error that says to run `ferry init`. */
export async function readWorkspacePlan(
  workspace: Workspace,
  options: { readonly now: number; readonly templates?: readonly StoredTemplate[] },
): Promise<PlanLoadResult> {
  if (!existsSync(workspace.planFile)) {
    throw new CliError(`No plan at ${workspace.planFile}.`, {
      hint: 'Run `ferry init` to write one, or pass --workspace <dir>.',
      exitCode: EXIT_CODES.input,
      code: 'not_found',
    });
  }
  const { loadPlan } = await import('@ferry/engine');
  const text = await readFile(workspace.planFile, 'utf8');
  return loadPlan(text, {
    file: workspace.planFile,
    now: options.now,
    ...(options.templates === undefined ? {} : { templates: options.templates }),
  });
}

/** The plan, or an input error listing its first problem when it has errors. */
export async function requirePlan(
  workspace: Workspace,
  options: { readonly now: number; readonly templates?: readonly StoredTemplate[] },
): Promise<PlanLoadResult & { readonly plan: NonNullable<PlanLoadResult['plan']> }> {
  const result = await readWorkspacePlan(workspace, options);
  if (result.plan === undefined) {
    const first = result.errors[0];
    const where =
      first === undefined
        ? ''
        : `${first.line === undefined ? '' : `line ${first.line}, `}${first.path || 'plan'}: `;
    throw new CliError(
      `The plan has ${result.errors.length} error${result.errors.length === 1 ? '' : 's'} (${where}${first?.message ?? 'unreadable'}).`,
      {
        hint: 'Run `ferry plan` to see every problem, fix the file, and try again.',
        exitCode: EXIT_CODES.input,
        code: 'invalid_input',
      },
    );
  }
  return { ...result, plan: result.plan };
}
