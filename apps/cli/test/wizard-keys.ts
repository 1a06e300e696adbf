import type { render } from 'ink-testing-library';
import { expect, vi } from 'vitest';

/** A rendered ink app, as ink-testing-library returns it. */
export type App = ReturnType<typeof render>;

/** Colour and style escapes, which frames carry when colour is on. */
const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Terminal key sequences, as a terminal sends them. */
export const KEY = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  space: ' ',
} as const;

/** Sends keys one at a time, letting ink handle each before the next, as a person typing. */
export async function press(app: App, ...keys: string[]): Promise<void> {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  for (const key of keys) {
    // React attaches ink's input handlers in effects that run a task or two after a frame is drawn.
    for (let turn = 0; turn < 3; turn++) await tick();
    app.stdin.write(key);
    await tick();
  }
}

/** Waits until the last frame (without colour escapes) shows `text` (a string or pattern), and returns that frame. */
export async function frameShowing(app: App, text: string | RegExp, timeout = 5000): Promise<string> {
  return vi.waitFor(
    () => {
      const frame = (app.lastFrame() ?? '').replace(ANSI_STYLE, '');
      if (typeof text === 'string') expect(frame).toContain(text);
      else expect(frame).toMatch(text);
      return frame;
    },
    { timeout, interval: 10 },
  );
}

/** Every frame the app drew fits an 80×24 terminal. */
export function expectFitsTerminal(app: App): void {
  for (const frame of app.frames) {
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect([...line.replace(ANSI_STYLE, '')].length).toBeLessThanOrEqual(80);
  }
}
