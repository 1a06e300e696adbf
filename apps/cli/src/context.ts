import { resolve } from 'node:path';
import type { Output } from './output/index.js';

/** The global flags every command accepts. */
export interface GlobalFlags {
  readonly workspace?: string;
  readonly json?: boolean;
  readonly yes?: boolean;
  readonly debug?: boolean;
}

/** What a command gets: the resolved workspace, the output, the flags, the clock and a stop signal. */
export interface CommandContext {
  /** Absolute workspace directory. */
  readonly workspace: string;
  readonly output: Output;
  readonly json: boolean;
  /** No prompts: take the defaults, refuse what would need a confirmation. */
  readonly yes: boolean;
  readonly debug: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM; long commands stop cleanly and exit 130. */
  readonly signal: AbortSignal;
  now(): number;
}

/**
 * The command clock: the system clock, or one shifted to start at `FERRY_NOW` (ISO time or epoch ms),
 * so an operator can rehearse what happens after the cutoff.
 */
export function clockFrom(env: NodeJS.ProcessEnv): () => number {
  const raw = env['FERRY_NOW'];
  if (raw === undefined || raw === '') return () => Date.now();
  const start = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(start)) return () => Date.now();
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

/** Builds a context from the global flags. */
export function createContext(
  flags: GlobalFlags,
  output: Output,
  signal: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): CommandContext {
  return {
    workspace: resolve(flags.workspace ?? '.'),
    output,
    json: flags.json === true,
    yes: flags.yes === true,
    debug: flags.debug === true,
    env,
    signal,
    now: clockFrom(env),
  };
}
