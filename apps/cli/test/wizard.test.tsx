import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '@ferry/sandbox';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateContacts, writeSampleContacts } from '../src/services/sample.js';
import {
  createWhatsAppUsers,
  registerTemplates,
  sandboxEnvironment,
  startEmulators,
} from '../src/services/sandbox.js';
import { createWizardServices } from '../src/ui/adapter.js';
import { Wizard, type WizardResult } from '../src/ui/wizard.js';
import { SAMPLE } from './helpers.js';
import { expectFitsTerminal, frameShowing, KEY, press } from './wizard-keys.js';

let sandbox: Sandbox;
let root: string;
let env: Record<string, string>;
let telegram: { token: string; apiRoot: string };
let discordToken: string;

beforeAll(async () => {
  sandbox = await startEmulators();
  registerTemplates(sandbox, await readFile(join(SAMPLE, 'templates.json'), 'utf8'));
  createWhatsAppUsers(
    sandbox,
    generateContacts(20, 3).filter((contact) => !contact.invalid),
  );
  root = await mkdtemp(join(tmpdir(), 'ferry-wizard-'));
  const description = sandbox.describe();
  telegram = { token: description.telegram.token, apiRoot: description.telegram.apiRoot };
  discordToken = description.discord.botToken;
  const {
    FERRY_TELEGRAM_BOT_TOKEN: _token,
    FERRY_TELEGRAM_API_ROOT: _apiRoot,
    FERRY_DISCORD_BOT_TOKEN: _discordToken,
    ...withoutTelegram
  } = sandboxEnvironment(description);
  // Telegram and Discord start without a bot token: the user types one, and sets the other elsewhere.
  env = { ...withoutTelegram, FERRY_LINK_SECRET: 'wizard-link-secret-0123456789abcdef' };
}, 60_000);
afterAll(async () => {
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});

describe('the wizard', () => {
  it('takes a user from an empty folder to a launched, watched wave with the keyboard only', async () => {
    const workspace = join(root, 'migration');
    const exports = join(root, 'my exports');
    await writeSampleContacts(exports, 20, 3);
    const contactsFile = join(exports, 'contacts.csv');
    await writeFile(contactsFile, `${await readFile(contactsFile, 'utf8')}12,Broken Number,en,US,yes,,\n`);
    const services = createWizardServices({ env, configDir: join(root, 'config') });
    let result: WizardResult | undefined;
    const app = render(
      <Wizard
        services={services}
        dir={workspace}
        columns={80}
        funnelRefreshMs={0}
        onExit={(final) => {
          result = final;
        }}
      />,
    );

    // 1. Workspace: create a plan for Telegram and Discord.
    await frameShowing(app, 'No plan here yet');
    await press(app, KEY.enter);
    await frameShowing(app, '[x] telegram');
    await press(app, KEY.down, KEY.down, KEY.space);
    await frameShowing(app, '[x] discord');
    await press(app, KEY.enter);
    await frameShowing(app, 'Import your WhatsApp exports');
    const planFile = join(workspace, 'ferry.plan.yaml');
    const plan = await readFile(planFile, 'utf8');
    expect(plan).toMatch(/targets:\n {2}telegram:[\s\S]*discord:/);
    // The user edits the plan: no send window, so the launch below does not depend on the hour.
    await writeFile(planFile, plan.replace(/^ {4}sendWindow:.*\n/gm, ''));

    // 2. Import: files dropped on the terminal (one path quoted, one with an escaped space).
    await press(app, KEY.enter);
    await frameShowing(app, 'Drag files onto the terminal');
    await press(
      app,
      `'${join(SAMPLE, 'templates.json')}' ${join(SAMPLE, 'contact-us.flow.json')} ${contactsFile.replace(/ /g, '\\ ')}`,
    );
    await press(app, KEY.enter);
    await frameShowing(app, /✓ contact-us\.flow\.json +flow: 1 imported/);
    await frameShowing(app, /✓ templates\.json +templates: 4 imported/);
    const imported = await frameShowing(app, /! contacts\.csv +contacts-csv: \d+ imported, 1 rejected/);
    expect(imported).toMatch(/rejects: .*\.ferry\/rejects\//);
    await frameShowing(app, /Workspace holds 4 templates, 1 flows, 20 contacts[\s\S]*❯ Add files/);
    // The plan now lists what was imported, in place of the skeleton's placeholders.
    const sources = await readFile(planFile, 'utf8');
    expect(sources).toContain(
      `  - path: ${JSON.stringify(join(SAMPLE, 'templates.json'))}\n    kind: templates`,
    );
    expect(sources).toContain(`  - path: ${JSON.stringify(contactsFile)}\n    kind: contacts-csv`);
    expect(sources).not.toContain('exports/message_templates.json');
    await press(app, KEY.down, KEY.enter);

    // 3. Targets: Telegram has no credentials; typing them (masked) checks them live.
    await frameShowing(app, /telegram +✗ No telegram credentials/);
    await frameShowing(app, /discord +✗ No discord credentials/);
    await press(app, KEY.enter);
    await frameShowing(app, 'botToken (secret)');
    await press(app, telegram.token);
    const masked = await frameShowing(app, '•'.repeat(telegram.token.length));
    expect(masked).not.toContain(telegram.token);
    await press(app, KEY.enter);
    await frameShowing(app, /❯ apiRoot/);
    await press(app, telegram.apiRoot, KEY.enter, KEY.enter, KEY.enter);
    await frameShowing(app, /telegram +✓ /);
    expect(await readFile(join(root, 'config', 'credentials.json'), 'utf8')).toContain(telegram.token);
    // Meanwhile the Discord token is set from another terminal (`ferry credentials set discord`): c checks again.
    await createWizardServices({ env, configDir: join(root, 'config') }).setCredentials('discord', {
      botToken: discordToken,
    });
    await press(app, KEY.down, 'c');
    await frameShowing(app, /discord +✓ Ferry Sandbox/);
    await press(app, KEY.down, KEY.down, KEY.enter);

    // 4. Preview: the WhatsApp original beside each target's rendering and its notes.
    const preview = await frameShowing(app, 'WhatsApp (original)');
    expect(preview).toMatch(/telegram · sendMessage/);
    expect(preview).toMatch(/discord · /);
    expect(preview).toMatch(/Preview 1\/5/);
    await press(app, KEY.down);
    await frameShowing(app, /Preview 2\/5/);
    await press(app, KEY.enter);

    // 5. Waves: move the first wave a day later with the date picker; the budget is checked again.
    await frameShowing(app, 'Budget check: every wave finishes before the cutoff');
    const firstDate = /at: "(\d{4}-\d{2}-\d{2})T10:00"/.exec(await readFile(planFile, 'utf8'))?.[1] ?? '';
    await press(app, KEY.enter);
    await frameShowing(app, 'Move first-notice to');
    await press(app, ']', ']', ']', ']', KEY.enter);
    await frameShowing(app, /is not before the cutoff \(\d{4}-\d{2}-\d{2}\): pick an earlier day/);
    await press(app, '[', '[', '[', '[', KEY.right, KEY.enter);
    const nextDay = new Date(Date.parse(`${firstDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await frameShowing(app, `first-notice   ${nextDay} 10:00`);
    expect(await readFile(planFile, 'utf8')).toContain(`at: "${nextDay}T10:00"`);
    await press(app, KEY.down, KEY.down, KEY.down, KEY.enter);

    // 6. Rehearse.
    await frameShowing(app, 'Rehearse on local emulators');
    await press(app, KEY.enter);
    // A whole rehearsal of this plan on fresh emulators and a scratch store: every wave, simulated users, the funnel.
    const rehearsed = await frameShowing(app, /❯ Continue/, 40_000);
    expect(rehearsed).toMatch(/✓ first-notice 20 sent, 0 failed/);
    expect(rehearsed).toMatch(/✓ users +\d+ read, \d+ tapped their link, \d+ active/);
    expect(rehearsed).toMatch(/linked +█+ \d+/);
    await press(app, KEY.enter);

    // 7. Launch the first wave, with progress.
    await frameShowing(app, 'Launch a notice wave');
    await press(app, KEY.enter);
    await frameShowing(app, /Send "first-notice" to 2\d recipients/);
    await press(app, 'y');
    const launched = await frameShowing(app, /Wave first-notice completed: 20 sent, 0 failed/, 20_000);
    expect(launched).toMatch(/\d+\.\d\/s · ETA \d+s · 20 sent/);
    expect(launched).toMatch(/100%/);
    expect(sandbox.whatsapp.messages().length).toBeGreaterThanOrEqual(20);
    await press(app, KEY.enter);

    // 8. The funnel.
    const funnel = await frameShowing(app, 'first-notice → telegram');
    expect(funnel).toMatch(/notified +█+ 2\d/);
    expect(funnel).not.toContain('reminder → telegram');
    // Another terminal sends the reminder (`ferry notify reminder`): r shows it in the funnel.
    await createWizardServices({ env, configDir: join(root, 'config') }).launch(
      workspace,
      'reminder',
      () => undefined,
      new AbortController().signal,
    );
    await press(app, 'r');
    await frameShowing(app, /reminder → telegram\nnotified +█+ 2\d/);
    await press(app, KEY.enter);
    await vi.waitFor(() => expect(result).toBeDefined());
    expect(result).toMatchObject({ end: 'finished' });
    expect(result?.done).toEqual([
      'workspace',
      'import',
      'credentials',
      'preview',
      'waves',
      'rehearse',
      'launch',
      'funnel',
    ]);
    expectFitsTerminal(app);
    app.unmount();
  }, 60_000);
});
