import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ferry/sandbox';
import { openSqliteStore } from '@ferry/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnvironment } from '../src/services/sandbox.js';
import { runCli } from './helpers.js';

let sandbox: Sandbox;
let workspace: string;
let env: Record<string, string>;

const CONTACTS = `phone,name,email,country,opted_in,opted_out
+34600000001,Ana,Ana@Example.com,ES,yes,
+34600000002,Bo,bo@example.com,ES,yes,
+34600000003,Twin A,family@example.com,ES,yes,
+34600000004,Twin B,family@example.com,ES,yes,
+34600000005,Gone,gone@example.com,ES,yes,yes
+34600000006,Dan,,ES,yes,
+393330000007,Eve,eve@example.com,IT,yes,
+34600000008,Fay,not-an-address,ES,yes,
`;

function plan(emailMatching: boolean): string {
  return `version: 1
name: E-mail matching
sources:
  - { path: contacts.csv, kind: contacts-csv }
targets:
  telegram: { username: ${sandbox.describe().telegram.username} }
  slack: { appId: A0SANDBOX01, mode: http }
routing:
  - { match: { countries: [ES] }, target: slack }
cutoff: { at: "2099-06-01", timezone: UTC }
defaultTarget: telegram
linking: { emailMatching: ${emailMatching} }
redirect: { text: "We moved" }
`;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  workspace = await mkdtemp(join(tmpdir(), 'ferry-link-'));
  const configDir = join(workspace, 'config');
  await mkdir(configDir);
  await writeFile(join(workspace, 'contacts.csv'), CONTACTS);
  await writeFile(join(workspace, 'ferry.plan.yaml'), plan(false));
  env = {
    ...sandboxEnvironment(sandbox.describe()),
    FERRY_CONFIG_DIR: configDir,
    FERRY_LINK_SECRET: 'rehearsal-link-secret-0123456789abcdef',
  };
  const imported = await runCli(['import', '-w', workspace], env);
  if (imported.code !== 0 && imported.code !== 5)
    throw new Error(`import failed: ${imported.stderr}${imported.stdout}`);
}, 60_000);
afterAll(async () => {
  await sandbox.stop();
  await rm(workspace, { recursive: true, force: true });
});

describe('ferry link --by-email', () => {
  it('refuses while the plan leaves e-mail matching off, and without --by-email', async () => {
    const off = await runCli(['link', '--by-email', '-w', workspace], env);
    expect(off.code).toBe(3);
    expect(off.stderr).toMatch(/emailMatching: true/);
    const bare = await runCli(['link', '-w', workspace], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--by-email/);
  });

  it('links the contacts routed to Slack whose address names one Slack member, and welcomes them once', async () => {
    await writeFile(join(workspace, 'ferry.plan.yaml'), plan(true));
    const ana = sandbox.slack.users.create({ name: 'ana', email: 'ana@example.com' });
    const family = sandbox.slack.users.create({ name: 'family', email: 'family@example.com' });
    const gone = sandbox.slack.users.create({ name: 'gone', email: 'gone@example.com' });
    const eve = sandbox.slack.users.create({ name: 'eve', email: 'eve@example.com' });

    const result = await runCli(['link', '--by-email', '--json', '-w', workspace], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const finished = result.lines.find((line) => line['type'] === 'finished') as { report: object };
    expect(finished.report).toEqual({
      lookedUp: 2,
      matched: 1,
      notFoundOnSlack: 1,
      ambiguous: 2,
      conflicts: 0,
      // Dan and Fay have no usable address; Eve is routed to Telegram; Gone opted out and is never walked.
      skipped: 3,
      failed: 0,
      failedByReason: {},
      welcomesNotSent: 0,
      stopped: false,
    });
    expect(ana.inbox()).toHaveLength(1);
    expect(ana.inbox()[0]?.text).toMatch(/all set/);
    for (const user of [family, gone, eve]) expect(user.inbox()).toEqual([]);

    const store = openSqliteStore(join(workspace, '.ferry', 'ferry.db'));
    try {
      const contact = await store.contacts.findByPhone('+34600000001');
      expect(contact?.email).toBe('ana@example.com');
      expect(await store.identities.listByContact(contact?.id ?? 0)).toEqual([
        expect.objectContaining({ channel: 'slack', platformUserId: ana.id, method: 'email' }),
      ]);
      const events = await store.consents.listByContact(contact?.id ?? 0);
      expect(events.find((event) => event.kind === 'link')?.evidence).toContain('users.lookupByEmail');
    } finally {
      await store.close();
    }

    const human = await runCli(['link', '--by-email', '-w', workspace], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/0 linked and welcomed, 1 not found on Slack, 2 sharing an address/);
    expect(ana.inbox()).toHaveLength(1);
  }, 60_000);
});
