import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The CLI's source entry point, run with tsx so tests never depend on a stale dist/. */
export const BIN = join(import.meta.dirname, '../src/bin.ts');
/** The bundled sample assistant. */
export const SAMPLE = join(import.meta.dirname, '../sample');

/** What a finished CLI run gave back. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON lines (only meaningful with --json). */
  readonly lines: Record<string, unknown>[];
}

/** A running CLI process, with its output so far. */
export interface RunningCli {
  readonly child: ReturnType<typeof spawn>;
  readonly done: Promise<RunResult>;
  stdout(): string;
}

/** Starts `ferry <args>` as a user would, from the source, with an isolated config directory. */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): RunningCli {
  const child = spawn(process.execPath, ['--conditions', 'source', '--import', 'tsx', BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin?.end(input ?? '');
  const done = new Promise<RunResult>((resolve) => {
    child.on('close', (code, signal) => {
      const lines = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, signal, stdout, stderr, lines });
    });
  });
  return { child, done, stdout: () => stdout };
}

/** Runs `ferry <args>` to the end. */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): Promise<RunResult> {
  return startCli(args, env, input).done;
}
