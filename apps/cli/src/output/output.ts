import type { DescribedError } from '../errors.js';
import { colourEnabled, type Painter, painter } from './tone.js';

/** Where output goes; the process streams by default, buffers in tests. */
export interface OutputStreams {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
}

/**
 * A command's output: human lines on a terminal, or one JSON object a line with `--json`. Human
 * text goes to stdout, warnings and errors to stderr; in JSON mode stdout carries JSON only.
 */
export interface Output {
  readonly json: boolean;
  readonly paint: Painter;
  /** A line for humans; dropped in JSON mode. */
  line(text?: string): void;
  /** One record: its JSON line in JSON mode, else `human` (when given) as a line. */
  record(value: object, human?: string | (() => string)): void;
  /** A warning for humans on stderr; in JSON mode a `{ "type": "warning" }` line on stdout. */
  warn(message: string): void;
  /** The final error: stderr for humans, a `{ "type": "error" }` JSON line in JSON mode. */
  error(error: DescribedError, debugDetail?: string): void;
}

/** Creates an output for the given mode and streams; colour follows NO_COLOR, FORCE_COLOR and the terminal. */
export function createOutput(options: {
  readonly json: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly streams?: OutputStreams;
}): Output {
  const streams = options.streams ?? { stdout: process.stdout, stderr: process.stderr };
  const env = options.env ?? process.env;
  const paint = painter(!options.json && colourEnabled(env, streams.stdout.isTTY === true));
  const json = options.json;
  const writeJson = (value: object) => streams.stdout.write(`${JSON.stringify(value)}\n`);
  return {
    json,
    paint,
    line(text = '') {
      if (!json) streams.stdout.write(`${text}\n`);
    },
    record(value, human) {
      if (json) writeJson(value);
      else if (human !== undefined) streams.stdout.write(`${typeof human === 'string' ? human : human()}\n`);
    },
    warn(message) {
      if (json) writeJson({ type: 'warning', message });
      else streams.stderr.write(`${paint('warning', 'warning')} ${message}\n`);
    },
    error(error, debugDetail) {
      if (json) {
        writeJson({
          type: 'error',
          code: error.code,
          message: error.message,
          ...(error.hint === undefined ? {} : { hint: error.hint }),
          exitCode: error.exitCode,
        });
      } else {
        streams.stderr.write(`${paint('error', 'error')} ${error.message}\n`);
        if (error.hint !== undefined) streams.stderr.write(`${paint('muted', error.hint)}\n`);
      }
      if (debugDetail !== undefined) streams.stderr.write(`${debugDetail}\n`);
    },
  };
}
