import { describe, expect, it } from 'vitest';
import { createOutput } from './output.js';
import { colourEnabled } from './tone.js';

function buffers(isTTY = false) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    streams: {
      stdout: { write: (text: string) => stdout.push(text), isTTY },
      stderr: { write: (text: string) => stderr.push(text) },
    },
  };
}

describe('output', () => {
  it('prints only JSON lines on stdout in JSON mode', () => {
    const { stdout, stderr, streams } = buffers();
    const output = createOutput({ json: true, streams, env: {} });
    output.line('for humans');
    output.record({ type: 'x', n: 1 }, 'human text');
    output.warn('careful');
    output.error({ message: 'Bad.', hint: 'Fix it.', exitCode: 3, code: 'invalid_input' });
    expect(stderr).toEqual([]);
    expect(stdout.map((line) => JSON.parse(line))).toEqual([
      { type: 'x', n: 1 },
      { type: 'warning', message: 'careful' },
      { type: 'error', code: 'invalid_input', message: 'Bad.', hint: 'Fix it.', exitCode: 3 },
    ]);
  });

  it('writes human text to stdout and errors with their hint to stderr', () => {
    const { stdout, stderr, streams } = buffers();
    const output = createOutput({ json: false, streams, env: {} });
    output.record({ type: 'x' }, 'done');
    output.error({ message: 'Bad.', hint: 'Fix it.', exitCode: 3, code: 'invalid_input' });
    expect(stdout).toEqual(['done\n']);
    expect(stderr.join('')).toBe('error Bad.\nFix it.\n');
  });

  it('colours a terminal unless NO_COLOR is set', () => {
    const terminal = buffers(true);
    createOutput({ json: false, streams: terminal.streams, env: {} }).line(
      createOutput({ json: false, streams: terminal.streams, env: {} }).paint('success', 'ok'),
    );
    expect(terminal.stdout[0]).toContain('\u001B[32m');
    const plain = buffers(true);
    const output = createOutput({ json: false, streams: plain.streams, env: { NO_COLOR: '1' } });
    output.line(output.paint('success', 'ok'));
    expect(plain.stdout).toEqual(['ok\n']);
  });

  it('decides colour from NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(colourEnabled({}, true)).toBe(true);
    expect(colourEnabled({}, false)).toBe(false);
    expect(colourEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colourEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
});
