import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WizardResult } from '../src/ui/wizard.js';
import { SAMPLE } from './helpers.js';
import { expectFitsTerminal, frameShowing, KEY, press } from './wizard-keys.js';

// Colour has to be possible for NO_COLOR to be seen switching it off; chalk reads this when it loads.
process.env['FORCE_COLOR'] = '1';
const { render } = await import('ink-testing-library');
const { createWizardServices } = await import('../src/ui/adapter.js');
const { renderWizard } = await import('../src/ui/index.js');
const { ThemeContext, themeFor } = await import('../src/ui/theme.js');
const { Wizard } = await import('../src/ui/wizard.js');
const { RunPanel } = await import('../src/ui/steps/run-panel.js');

const ESC = String.fromCharCode(27);
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-wizard-shell-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function start(dir: string, env: NodeJS.ProcessEnv = {}) {
  const services = createWizardServices({ env, configDir: join(root, 'config') });
  const exits: WizardResult[] = [];
  const app = render(
    <ThemeContext.Provider value={themeFor(env)}>
      <Wizard
        services={services}
        dir={dir}
        columns={80}
        funnelRefreshMs={0}
        onExit={(result) => exits.push(result)}
      />
    </ThemeContext.Provider>,
  );
  return { app, exits };
}

describe('the wizard shell', () => {
  it('quits on q from the first screen', async () => {
    const { app, exits } = start(join(root, 'empty'));
    await frameShowing(app, 'No plan here yet');
    await press(app, 'q');
    await vi.waitFor(() =>
      expect(exits).toEqual([{ end: 'quit', done: [], skipped: [], workspace: join(root, 'empty') }]),
    );
    app.unmount();
  });

  it('moves with Tab, Shift-Tab and Esc, and marks a step skipped with s', async () => {
    const { app, exits } = start(join(root, 'empty'));
    await frameShowing(app, 'No plan here yet');
    await press(app, KEY.tab);
    await frameShowing(app, /2\/8\n.*›Import/);
    await press(app, KEY.tab);
    await frameShowing(app, /3\/8\n.*›Targets/);
    await press(app, KEY.shiftTab);
    await frameShowing(app, /2\/8\n.*›Import/);
    await press(app, 's');
    const skipped = await frameShowing(app, /3\/8\n.*-Import ›Targets/);
    expect(skipped).toContain('Targets and credentials');
    await press(app, KEY.escape);
    await frameShowing(app, /2\/8\n.*›Import/);
    await press(app, 'q');
    await vi.waitFor(() => expect(exits[0]).toMatchObject({ end: 'quit', skipped: ['import'] }));
    app.unmount();
  });

  it('types into a text input without q or s firing, and Esc leaves the input', async () => {
    const { app, exits } = start(join(root, 'empty'));
    await frameShowing(app, 'No plan here yet');
    await press(app, KEY.down, KEY.enter);
    await frameShowing(app, 'Folder of the workspace');
    await press(app, KEY.escape);
    await frameShowing(app, '❯ Create a plan here');
    await press(app, KEY.down, KEY.enter);
    await frameShowing(app, 'Folder of the workspace');
    for (let index = 0; index < 'empty'.length; index++) await press(app, '\u007F');
    await press(app, 'q', 's', 'q');
    await frameShowing(app, /› .*qsq/);
    expect(exits).toEqual([]);
    await press(app, KEY.enter);
    await frameShowing(app, `Folder: ${join(root, 'qsq')}`);
    app.unmount();
  });

  it('resumes where the workspace stands: a plan with imports opens at the targets step', async () => {
    const dir = join(root, 'resumed');
    const services = createWizardServices({ env: {}, configDir: join(root, 'config') });
    await services.createWorkspace(dir, ['slack']);
    await services.importFiles(dir, [join(SAMPLE, 'templates.json')], () => undefined);
    const { app } = start(dir);
    const frame = await frameShowing(app, 'Targets and credentials');
    expect(frame).toMatch(/3\/8\n✓Workspace ✓Import ›Targets/);
    await frameShowing(app, /slack +✗ No slack credentials/);
    expectFitsTerminal(app);
    app.unmount();
  });

  it('asks before launching a wave, and shows why a launch cannot start', async () => {
    const dir = join(root, 'unlinked');
    const services = createWizardServices({ env: {}, configDir: join(root, 'config') });
    await services.createWorkspace(dir, ['telegram']);
    await services.importFiles(dir, [join(SAMPLE, 'templates.json')], () => undefined);
    const { app } = start(dir);
    await frameShowing(app, 'Targets and credentials');
    await press(app, KEY.tab, KEY.tab, KEY.tab, KEY.tab);
    await frameShowing(app, /7\/8[\s\S]*❯ first-notice/);
    await press(app, KEY.enter);
    await frameShowing(app, 'Send "first-notice" to 0 recipients over WhatsApp now?');
    await press(app, KEY.escape);
    await frameShowing(app, '❯ first-notice');
    await press(app, KEY.enter, 'y');
    await frameShowing(app, 'No link-signing secret is configured');
    expect(app.lastFrame()).toContain('7/8');
    app.unmount();
  });

  it('shows a broken plan on the first step instead of going on', async () => {
    const dir = join(root, 'broken');
    const services = createWizardServices({ env: {}, configDir: join(root, 'config') });
    await services.createWorkspace(dir, ['telegram']);
    await writeFile(join(dir, 'ferry.plan.yaml'), 'version: 1\nname: x\n');
    const { app } = start(dir);
    const frame = await frameShowing(app, 'The plan has errors');
    expect(frame).not.toContain('Use this workspace');
    app.unmount();
  });

  it('uses colour for its semantic tokens, and none at all under NO_COLOR', async () => {
    const coloured = start(join(root, 'empty'));
    await frameShowing(coloured.app, 'No plan here yet');
    expect(coloured.app.lastFrame()).toContain(`${ESC}[`);
    coloured.app.unmount();
    const plain = start(join(root, 'empty'), { NO_COLOR: '1' });
    await frameShowing(plain.app, 'No plan here yet');
    expect(plain.app.frames.join('\n')).not.toMatch(new RegExp(`${ESC}\\[3\\dm`));
    plain.app.unmount();
  });

  it('shows a run as a bar with rate, ETA and its failures by reason, most frequent first', () => {
    const app = render(
      <ThemeContext.Provider value={themeFor({ NO_COLOR: '1' })}>
        <RunPanel
          width={80}
          progress={{
            campaignId: 'first-notice',
            counts: {
              sent: 700,
              failed: 50,
              blocked: 0,
              skipped: 0,
              ambiguous: 0,
              deferred: 0,
              retries: 3,
              rateLimited: 1,
            },
            failedByReason: { 'unknown-recipient': 12, 'rejected:131026': 38 },
            inFlight: 0,
            ratePerSecond: 78.4,
            remaining: 250,
            etaMs: 192_000,
            at: 0,
          }}
        />
      </ThemeContext.Provider>,
    );
    const frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/█{30}░{10} {2}75% {2}750\/1,000/);
    expect(frame).toContain('78.4/s · ETA 3m 12s · 700 sent · 50 failed');
    expect(frame.indexOf('38 rejected:131026')).toBeLessThan(frame.indexOf('12 unknown-recipient'));
    expect(frame).not.toMatch(new RegExp(`${ESC}\\[3\\dm`));
    app.unmount();
  });

  it('refuses to start without a terminal and names the batch commands', async () => {
    const services = createWizardServices({ env: {}, configDir: join(root, 'config') });
    const notTerminal = { isTTY: false } as unknown as NodeJS.ReadStream;
    await expect(renderWizard(services, { dir: root, stdin: notTerminal })).rejects.toMatchObject({
      message: expect.stringMatching(/needs an interactive terminal/),
      hint: expect.stringMatching(/batch commands/),
      exitCode: 2,
    });
  });
});
