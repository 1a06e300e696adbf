import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ferry/sandbox';
import { generateContacts, writeSampleContacts } from '../src/services/sample.js';
import { createWhatsAppUsers, registerTemplates, sandboxEnvironment } from '../src/services/sandbox.js';
import { runCli, SAMPLE } from './helpers.js';

/** A sandbox with the sample templates approved and a WhatsApp user per generated contact, and a workspace. */
export interface World {
  readonly sandbox: Sandbox;
  readonly workspace: string;
  readonly env: Record<string, string>;
  readonly contacts: number;
}

/** A plan for the sandbox: Telegram users, one wave in the future, a tier that lets the wave finish. */
export function samplePlan(botUsername: string, allTargets = false): string {
  const targets = allTargets
    ? `targets:
  telegram: { username: ${botUsername} }
  slack: { appId: A0SANDBOX01, mode: http }
  discord: { applicationId: "100000000000000001" }
routing:
  - { match: { countries: [ES] }, target: slack }
  - { match: { countries: [IT] }, target: discord }`
    : `targets:
  telegram: { username: ${botUsername} }`;
  return `version: 1
name: Sample assistant moves
sources:
  - { path: ${JSON.stringify(join(SAMPLE, 'templates.json'))}, kind: templates }
  - { path: ${JSON.stringify(join(SAMPLE, 'contact-us.flow.json'))}, kind: flow }
  - { path: contacts.csv, kind: contacts-csv }
whatsapp: { tier: 10000, throughputPerSecond: 80 }
${targets}
cutoff: { at: "2099-06-01", timezone: UTC }
defaultTarget: telegram
waves:
  - id: first
    at: "2099-05-01T10:00"
    template: { name: we_are_moving, language: en_US }
    audience: { notLinked: true }
redirect: { text: "We moved to Telegram" }
`;
}

/** Starts the sandbox, writes the plan and generated contacts, and imports them through the CLI. */
export async function createWorld(contacts: number, allTargets = false): Promise<World> {
  const sandbox = await startSandbox({ whatsapp: { limits: { tier: 'unlimited' } } });
  const workspace = await mkdtemp(join(tmpdir(), 'ferry-world-'));
  const configDir = join(workspace, 'config');
  await mkdir(configDir);
  registerTemplates(sandbox, await readFile(join(SAMPLE, 'templates.json'), 'utf8'));
  createWhatsAppUsers(
    sandbox,
    generateContacts(contacts, 7).filter((contact) => !contact.invalid),
  );
  await writeSampleContacts(workspace, contacts, 7);
  await writeFile(
    join(workspace, 'ferry.plan.yaml'),
    samplePlan(sandbox.describe().telegram.username, allTargets),
  );
  const env = {
    ...sandboxEnvironment(sandbox.describe()),
    FERRY_CONFIG_DIR: configDir,
    FERRY_LINK_SECRET: 'rehearsal-link-secret-0123456789abcdef',
    FERRY_DISCORD_CLIENT_SECRET: 'sandbox-oauth-client-secret',
    FERRY_PUBLIC_URL: 'http://127.0.0.1:9',
  };
  const imported = await runCli(['import', '-w', workspace], env);
  if (imported.code !== 0 && imported.code !== 5)
    throw new Error(`import failed: ${imported.stderr}${imported.stdout}`);
  return { sandbox, workspace, env, contacts };
}
