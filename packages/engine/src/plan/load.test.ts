import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan, readPlanFile } from './load.js';
import type { NormalizedPlan } from './types.js';

const NOW = Date.parse('2026-01-20T12:00:00Z');

const YAML_PLAN = `# A realistic plan: Brazil stays (carve-out), Italy to Discord, the rest to Telegram.
version: 1
name: Luzia moves
sources:
  - path: exports/templates.json
    kind: templates
  - path: exports/contacts.csv
    kind: contacts-csv
    defaultCountry: br
    columns: { phone: Telefone, optedInAt: Consentimento }
whatsapp:
  phoneNumberId: "106540352242922"
  wabaId: 102290129340398
  tier: 10000
  throughputPerSecond: 80
  exemptions:
    - countries: [br]
      callingCodes: [+55]
      note: CADE decision
targets:
  telegram:
    username: "@luzia_bot"
  discord:
    applicationId: "1234567890123456789"
    guildId: "987654321098765432"
cutoff:
  at: 2026-04-15
  timezone: europe/rome
routing:
  - match: { callingCodes: [+55] }
    target: stay
  - match: { countries: [it], tags: [beta] }
    target: discord
defaultTarget: telegram
linking:
  tokenLifetime: 3w
  emailMatching: true
waves:
  - id: reminder
    at: 2026-03-29T02:30
    template: { name: we_moved, language: en_US, linkParameter: "button:1" }
    audience: { countries: [it, it], languages: [en_US] }
  - id: first
    at: 2026-03-01T10:00:00+01:00
    template: { name: we_moved, language: pt_BR }
    audience: { tags: [vip], renotify: false }
    sendWindow: { from: "22:00", to: "06:30" }
redirect:
  text: "We moved to Telegram: https://t.me/luzia_bot"
`;

const EXPECTED: NormalizedPlan = {
  version: 1,
  name: 'Luzia moves',
  file: '/plans/ferry.plan.yaml',
  timezone: 'Europe/Rome',
  sources: [
    { path: 'exports/templates.json', resolvedPath: '/plans/exports/templates.json', kind: 'templates' },
    {
      path: 'exports/contacts.csv',
      resolvedPath: '/plans/exports/contacts.csv',
      kind: 'contacts-csv',
      defaultCountry: 'BR',
      columns: { phone: 'Telefone', optedInAt: 'Consentimento' },
    },
  ],
  whatsapp: {
    phoneNumberId: '106540352242922',
    wabaId: '102290129340398',
    tier: 10000,
    messagingLimit: 10000,
    throughputPerSecond: 80,
    timezone: 'Europe/Rome',
    exemptions: [{ countries: ['BR'], callingCodes: ['+55'], note: 'CADE decision' }],
  },
  targets: {
    telegram: { username: 'luzia_bot' },
    discord: { applicationId: '1234567890123456789', guildId: '987654321098765432' },
  },
  // Midnight in Rome (CEST, +02:00) on the cutoff date.
  cutoff: { at: Date.parse('2026-04-14T22:00:00Z'), timezone: 'Europe/Rome' },
  routing: {
    rules: [
      { countries: [], callingCodes: ['+55'], tags: [], target: 'stay' },
      { countries: ['IT'], callingCodes: [], tags: ['beta'], target: 'discord' },
    ],
    defaultTarget: 'telegram',
  },
  linking: { tokenLifetimeMs: 21 * 86_400_000, requireOptIn: true, emailMatching: true, phoneMatching: true },
  waves: [
    {
      id: 'first',
      at: Date.parse('2026-03-01T09:00:00Z'),
      template: { name: 'we_moved', language: 'pt_BR', linkParameter: { component: 'button', index: 0 } },
      audience: { notLinked: true, renotify: false, tags: ['vip'] },
      sendWindow: { fromMinute: 22 * 60, toMinute: 6 * 60 + 30, recipientLocalTime: true },
    },
    {
      id: 'reminder',
      // 02:30 does not exist in Rome on 29 March 2026 (clocks jump to 03:00): read as 03:30 CEST.
      at: Date.parse('2026-03-29T01:30:00Z'),
      template: { name: 'we_moved', language: 'en_US', linkParameter: { component: 'button', index: 1 } },
      audience: { notLinked: true, renotify: true, countries: ['IT'], languages: ['en_US'] },
    },
  ],
  redirect: { text: 'We moved to Telegram: https://t.me/luzia_bot', afterCutoff: true },
};

describe('loadPlan', () => {
  it('normalises a YAML plan to absolute values with every default filled', () => {
    const result = loadPlan(YAML_PLAN, { file: '/plans/ferry.plan.yaml', now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.plan).toEqual(EXPECTED);
    // The only warning is the skipped local hour, pointing at the wave's line.
    expect(result.warnings).toEqual([
      {
        path: 'waves[0].at',
        message: expect.stringContaining('does not exist in Europe/Rome'),
        file: '/plans/ferry.plan.yaml',
        line: 40,
        column: 5,
      },
    ]);
  });

  it('reads the same plan written as JSON (tab-indented) to the same values', () => {
    const json = {
      $schema: './ferry.plan.schema.json',
      version: 1,
      name: 'Luzia moves',
      sources: [
        { path: 'exports/templates.json', kind: 'templates' },
        {
          path: 'exports/contacts.csv',
          kind: 'contacts-csv',
          defaultCountry: 'br',
          columns: { phone: 'Telefone', optedInAt: 'Consentimento' },
        },
      ],
      whatsapp: {
        phoneNumberId: '106540352242922',
        wabaId: 102290129340398,
        tier: 10000,
        throughputPerSecond: 80,
        exemptions: [{ countries: ['br'], callingCodes: [55], note: 'CADE decision' }],
      },
      targets: {
        telegram: { username: '@luzia_bot' },
        discord: { applicationId: '1234567890123456789', guildId: '987654321098765432' },
      },
      cutoff: { at: '2026-04-15', timezone: 'europe/rome' },
      routing: [
        { match: { callingCodes: ['55'] }, target: 'stay' },
        { match: { countries: ['it'], tags: ['beta'] }, target: 'discord' },
      ],
      defaultTarget: 'telegram',
      linking: { tokenLifetime: '3w', emailMatching: true },
      waves: [
        {
          id: 'reminder',
          at: '2026-03-29T02:30',
          template: { name: 'we_moved', language: 'en_US', linkParameter: 'button:1' },
          audience: { countries: ['it', 'it'], languages: ['en_US'] },
        },
        {
          id: 'first',
          at: '2026-03-01T10:00:00+01:00',
          template: { name: 'we_moved', language: 'pt_BR' },
          audience: { tags: ['vip'], renotify: false },
          sendWindow: { from: '22:00', to: '06:30' },
        },
      ],
      redirect: { text: 'We moved to Telegram: https://t.me/luzia_bot' },
    };
    const result = loadPlan(JSON.stringify(json, null, '\t'), { file: '/plans/ferry.plan.json', now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.plan).toEqual({ ...EXPECTED, file: '/plans/ferry.plan.json' });
  });

  it('detects JSON by content when there is no file name, and reports JSON syntax errors with a position', () => {
    const result = loadPlan('{\n  "version": 1,\n  "name": "x",,\n}', { now: NOW });
    expect(result.plan).toBeUndefined();
    expect(result.errors[0]).toMatchObject({ path: '', line: 3 });
    expect(result.errors[0]?.message).toMatch(/^invalid JSON: /);
  });

  it('reports invalid YAML with line and column and without quoting the line', () => {
    const text = 'version: 1\nname: x\ntargets:\n  telegram:\n    botToken: 123456:AAF-very-secret: value\n';
    const result = loadPlan(text, { file: 'ferry.plan.yaml', now: NOW });
    expect(result.plan).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: '', file: 'ferry.plan.yaml', line: 5 });
    expect(result.errors[0]?.message).toMatch(/^invalid YAML: /);
    expect(JSON.stringify(result)).not.toContain('very-secret');
  });

  it('refuses a repeated key and a document that is not a mapping', () => {
    const repeated = loadPlan('version: 1\nname: a\nname: b\n', { now: NOW });
    expect(repeated.errors).toEqual([
      expect.objectContaining({ path: '', line: 3, message: expect.stringContaining('unique') }),
    ]);
    const list = loadPlan('- version: 1\n', { now: NOW });
    expect(list.errors).toEqual([
      expect.objectContaining({ path: '', line: 1, message: 'expected a mapping, got a list' }),
    ]);
  });

  it('says an empty file is empty', () => {
    const result = loadPlan('# nothing yet\n', { now: NOW });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: '', message: expect.stringContaining('empty') }),
    ]);
  });

  it('reads a plan file from disk and resolves sources next to it; a missing file is an error value', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ferry-plan-'));
    const file = join(folder, 'ferry.plan.yaml');
    await writeFile(file, YAML_PLAN);
    const result = await readPlanFile(file, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.plan?.sources[0]?.resolvedPath).toBe(join(folder, 'exports/templates.json'));
    expect(result.plan?.file).toBe(file);

    const missing = await readPlanFile(join(folder, 'nope.yaml'), { now: NOW });
    expect(missing.plan).toBeUndefined();
    expect(missing.errors).toEqual([
      { path: '', message: expect.stringContaining('no such file'), file: join(folder, 'nope.yaml') },
    ]);
  });
});
