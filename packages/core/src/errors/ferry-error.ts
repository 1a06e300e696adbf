/** Stable machine-readable error codes. Add, never rename. */
export type FerryErrorCode =
  | 'config_invalid'
  | 'auth_failed'
  | 'missing_scope'
  | 'rate_limited'
  | 'transient'
  | 'rejected'
  | 'blocked'
  | 'unknown_recipient'
  | 'invalid_input'
  | 'token_invalid'
  | 'not_found'
  | 'conflict'
  | 'internal';

export interface FerryErrorOptions {
  readonly cause?: unknown;
  readonly retryable?: boolean;
  /** Extra machine-readable facts (never secrets). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** What the user can do about it, in one sentence. */
  readonly hint?: string;
}

/**
 * The base of every error Ferry throws on purpose: a stable `code`, whether retrying can help,
 * the underlying `cause`, and an optional hint saying what to do.
 */
export class FerryError extends Error {
  readonly code: FerryErrorCode;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  readonly hint: string | undefined;

  constructor(code: FerryErrorCode, message: string, options: FerryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
    this.hint = options.hint;
  }

  /** JSON form for `--json` output and logs; never includes the cause's stack. */
  toJSON(): {
    code: FerryErrorCode;
    message: string;
    retryable: boolean;
    hint?: string;
    details: Readonly<Record<string, unknown>>;
  } {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      details: this.details,
    };
  }
}

/** A configuration or credential problem: the operator must fix something before anything can work. */
export class ConfigError extends FerryError {
  constructor(message: string, options: FerryErrorOptions = {}) {
    super('config_invalid', message, options);
    this.name = 'ConfigError';
  }
}

/** The platform refused our credentials (revoked, malformed, or missing a scope). */
export class AuthError extends FerryError {
  constructor(message: string, options: FerryErrorOptions & { code?: 'auth_failed' | 'missing_scope' } = {}) {
    super(options.code ?? 'auth_failed', message, options);
    this.name = 'AuthError';
  }
}

/** Input a user gave us (a file, a plan, a flag) is wrong; `details` carries file, line and field. */
export class InputError extends FerryError {
  constructor(message: string, options: FerryErrorOptions = {}) {
    super('invalid_input', message, options);
    this.name = 'InputError';
  }
}

/** True when `error` is a FerryError (also across package copies, by shape). */
export function isFerryError(error: unknown): error is FerryError {
  return (
    error instanceof FerryError ||
    (error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && 'retryable' in error)
  );
}
