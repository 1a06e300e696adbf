import { isFerryError, redact } from '@ferry/core';

/** The exit codes every command uses; documented in the README. */
export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  usage: 2,
  input: 3,
  auth: 4,
  partial: 5,
  interrupted: 130,
} as const;

/** One of the CLI's exit codes. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Options of a {@link CliError}: what to do next, and the exit code. */
export interface CliErrorOptions {
  readonly hint?: string;
  readonly exitCode?: ExitCode;
  readonly cause?: unknown;
  /** A stable machine-readable code for `--json` output. */
  readonly code?: string;
}

/** An error the CLI reports in one sentence plus what to do, with its exit code. */
export class CliError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly code: string;

  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT_CODES.failure;
    this.code = options.code ?? 'failure';
  }
}

/** How an error is shown: one sentence, what to do, the exit code and a stable code. */
export interface DescribedError {
  readonly message: string;
  readonly hint?: string;
  readonly exitCode: ExitCode;
  readonly code: string;
}

const EXIT_BY_FERRY_CODE: Readonly<Record<string, ExitCode>> = {
  invalid_input: EXIT_CODES.input,
  not_found: EXIT_CODES.input,
  conflict: EXIT_CODES.input,
  config_invalid: EXIT_CODES.auth,
  auth_failed: EXIT_CODES.auth,
  missing_scope: EXIT_CODES.auth,
  token_invalid: EXIT_CODES.auth,
};

function oneSentence(text: string): string {
  const firstLine = text.split('\n')[0]?.trim() ?? '';
  return firstLine === '' ? 'Something went wrong.' : firstLine;
}

/** Maps anything thrown to what the user sees: FerryError and CliError keep their hint; the rest is a failure. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof CliError) {
    return {
      message: oneSentence(error.message),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      exitCode: error.exitCode,
      code: error.code,
    };
  }
  if (isFerryError(error)) {
    return {
      message: oneSentence(error.message),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      exitCode: EXIT_BY_FERRY_CODE[error.code] ?? EXIT_CODES.failure,
      code: error.code,
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    const path = (error as { path?: unknown }).path;
    return {
      message:
        code === 'ENOENT'
          ? `${String(path ?? 'A file')} does not exist.`
          : `${String(path ?? 'A file')} cannot be read or written (${code}).`,
      hint: 'Check the path and the --workspace directory.',
      exitCode: EXIT_CODES.input,
      code: 'invalid_input',
    };
  }
  // An unexpected error may quote a request URL or header: never let a token reach the terminal.
  return {
    message: redact(oneSentence(error instanceof Error ? error.message : String(error))),
    hint: 'Run again with --debug for the details, and report it if it persists.',
    exitCode: EXIT_CODES.failure,
    code: 'internal',
  };
}
