import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

// Resolved here: the runs below start in a workspace folder, where `--import tsx` would not be found.
const TSX = import.meta.resolve('tsx');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-wizard-pty-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

/** Runs `ferry` with no arguments in `dir`, in a pseudo-terminal (util-linux `script`), keys written to its input. */
async function inTerminal(dir: string, extraEnv: NodeJS.ProcessEnv = {}) {
  await mkdir(dir, { recursive: true });
  const command = `${process.execPath} --conditions source --import ${TSX} ${BIN}`;
  // An operator at a terminal: without the test runner's CI variable, which makes Ink render
  // non-interactively (only the final frame), as CI machines run this suite with CI=true.
  const { CI: _ci, ...operatorEnv } = process.env;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: dir,
    env: { ...operatorEnv, NO_COLOR: '1', FERRY_CONFIG_DIR: join(root, 'config'), ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const showing = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (screen.includes(text)) {
          child.stdout.off('data', check);
          resolve();
        }
      };
      child.stdout.on('data', check);
      exited.then(() => reject(new Error(`exited before showing "${text}":\n${screen}`)));
      check();
    });
  return { child, exited, showing, screen: () => screen };
}

describe('ferry in a real terminal', () => {
  it('draws the wizard in a pseudo-terminal and quits on q with exit code 0', async () => {
    const terminal = await inTerminal(join(root, 'migration'));
    await terminal.showing('Choose or create the workspace');
    expect(terminal.screen()).toContain('›Workspace ·Import ·Targets');
    // NO_COLOR is set: a real terminal gets no colour codes at all.
    expect(terminal.screen()).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[(3\\d|9\\d)m`));
    terminal.child.stdin.write('q');
    expect(await terminal.exited).toBe(0);
  }, 30_000);

  it('stops on Ctrl-C with exit code 130', async () => {
    const terminal = await inTerminal(join(root, 'migration'));
    await terminal.showing('No plan here yet');
    terminal.child.stdin.write('\u0003');
    expect(await terminal.exited).toBe(130);
  }, 30_000);

  it('without a terminal, names the batch commands instead of starting the wizard', async () => {
    const child = spawn(process.execPath, ['--conditions', 'source', '--import', TSX, BIN], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('error The wizard needs an interactive terminal');
    expect(stderr).toContain('Use the batch commands instead: ferry init, ferry import');
    expect(stdout).not.toContain('Choose or create the workspace');
  }, 30_000);

  it('under CI, even in a terminal, refuses to start and names the batch commands', async () => {
    const terminal = await inTerminal(join(root, 'migration'), { CI: 'true' });
    expect(await terminal.exited).toBe(2);
    expect(terminal.screen()).toContain('The wizard does not run under CI (CI is set)');
    expect(terminal.screen()).toContain('Use the batch commands instead: ferry init, ferry import');
    expect(terminal.screen()).not.toContain('Choose or create the workspace');
  }, 30_000);

  it('CI=false is not CI: the wizard starts', async () => {
    const terminal = await inTerminal(join(root, 'migration'), { CI: 'false' });
    await terminal.showing('Choose or create the workspace');
    terminal.child.stdin.write('q');
    expect(await terminal.exited).toBe(0);
  }, 30_000);
});
