import type { TargetName } from './schema.js';
import { resolveDateTime, wallClockAt } from './time.js';

/** What `ferry init` knows when it writes the first plan; everything else gets a placeholder. */
export interface PlanSkeletonOptions {
  readonly name?: string;
  /** Targets to configure, first one is the default (default: telegram). */
  readonly targets?: readonly TargetName[];
  /** IANA time zone of the plan (default UTC). */
  readonly timezone?: string;
  /** Cutoff date `YYYY-MM-DD` (default: 90 days after `now`). */
  readonly cutoff?: string;
  /** The current time in ms since the epoch (default `Date.now()`), for the default dates. */
  readonly now?: number;
  readonly telegramUsername?: string;
  readonly slackAppId?: string;
  readonly discordApplicationId?: string;
  readonly sources?: readonly { readonly path: string; readonly kind?: string }[];
  /** Where editors find the JSON Schema; written as a yaml-language-server modeline when given. */
  readonly schemaUrl?: string;
}

const DAY_MS = 86_400_000;

const quote = (text: string) => JSON.stringify(text);
const pad = (value: number) => String(value).padStart(2, '0');

function dateIn(epochMs: number, timezone: string): string {
  const wall = wallClockAt(epochMs, timezone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
  return shifted.toISOString().slice(0, 10);
}

function targetBlock(target: TargetName, options: PlanSkeletonOptions): string {
  switch (target) {
    case 'telegram':
      return [
        '  telegram:',
        '    # The bot users move to; its token goes in `ferry credentials set telegram`, never here.',
        `    username: ${quote(options.telegramUsername ?? 'my_assistant_bot')}`,
      ].join('\n');
    case 'slack':
      return [
        '  slack:',
        '    # The Slack app (A…); tokens and signing secret go in `ferry credentials set slack`.',
        `    appId: ${quote(options.slackAppId ?? 'A0000000000')}`,
        '    mode: socket',
      ].join('\n');
    case 'discord':
      return [
        '  discord:',
        '    # The Discord application id, in quotes; the bot token goes in `ferry credentials set discord`.',
        `    applicationId: ${quote(options.discordApplicationId ?? '000000000000000000')}`,
      ].join('\n');
  }
}

function redirectLink(target: TargetName, options: PlanSkeletonOptions): string {
  if (target === 'telegram')
    return `https://t.me/${(options.telegramUsername ?? 'my_assistant_bot').replace(/^@/, '')}`;
  return target === 'slack' ? 'our Slack workspace' : 'our Discord server';
}

/**
 * A commented `ferry.plan.yaml` to start from: what `ferry init` writes. It loads without errors or
 * warnings as long as the cutoff leaves time for the waves.
 */
export function planSkeleton(options: PlanSkeletonOptions = {}): string {
  const now = options.now ?? Date.now();
  const timezone = options.timezone ?? 'UTC';
  const targets: readonly TargetName[] = options.targets?.length ? options.targets : ['telegram'];
  const primary = targets[0] ?? 'telegram';
  const cutoff = options.cutoff ?? dateIn(now + 90 * DAY_MS, timezone);
  const waves = [
    { id: 'first-notice', daysBefore: 60 },
    { id: 'reminder', daysBefore: 30 },
    { id: 'last-call', daysBefore: 7 },
  ]
    .map((wave) => ({ id: wave.id, at: `${shiftDate(cutoff, -wave.daysBefore)}T10:00` }))
    .filter((wave) => (resolveDateTime(wave.at, timezone)?.epochMs ?? 0) > now);
  const sources = options.sources ?? [
    { path: 'exports/message_templates.json', kind: 'templates' },
    { path: 'exports/contacts.csv', kind: 'contacts-csv' },
  ];

  const lines: string[] = [];
  if (options.schemaUrl !== undefined) lines.push(`# yaml-language-server: $schema=${options.schemaUrl}`);
  lines.push(
    '# Ferry migration plan, checked on every run. Secrets (tokens, signing secrets) never go in this file.',
    'version: 1',
    `name: ${quote(options.name ?? 'My assistant moves off WhatsApp')}`,
    '',
    '# WhatsApp exports to import, relative to this file.',
    sources.length === 0 ? 'sources: []' : 'sources:',
    ...sources.flatMap((source) => [
      `  - path: ${quote(source.path)}`,
      ...(source.kind === undefined ? [] : [`    kind: ${source.kind}`]),
    ]),
    '',
    '# The WhatsApp account the notices go out from (ids only; the access token goes in `ferry credentials`).',
    'whatsapp:',
    '  # Messaging limit: 250, 2000, 10000, 100000 or unlimited unique users per 24 h.',
    '  tier: 250',
    '  # 80 messages per second by default, up to 1000 after the upgrade, 20 for coexistence numbers.',
    '  throughputPerSecond: 80',
    '  # Regions where a carve-out lets you stay on WhatsApp, e.g. Brazil:',
    '  # exemptions:',
    '  #   - countries: [BR]',
    '  #     callingCodes: ["+55"]',
    '  #     note: Brazil carve-out',
    '',
    '# Where users move to.',
    'targets:',
    ...targets.map((target) => targetBlock(target, options)),
    '',
    '# When the WhatsApp number goes quiet; local times in this file are read in this time zone.',
    'cutoff:',
    `  at: ${quote(cutoff)}`,
    `  timezone: ${quote(timezone)}`,
    '',
    '# Which target each group of contacts moves to; the first matching rule wins.',
    'routing: []',
    '#  - match: { callingCodes: ["+55"] }',
    '#    target: stay',
    '#    note: Brazil carve-out (declare it under whatsapp.exemptions)',
    `defaultTarget: ${primary}`,
    '',
    'linking:',
    '  # How long a personal link stays valid.',
    '  tokenLifetime: 14d',
    '  requireOptIn: true',
    '  emailMatching: false',
    '',
    '# "We are moving" notices over WhatsApp, before the cutoff; later waves re-notify who has not moved.',
    waves.length === 0 ? 'waves: []' : 'waves:',
    ...waves.flatMap((wave) => [
      `  - id: ${wave.id}`,
      `    at: ${quote(wave.at)}`,
      '    template: { name: "we_are_moving", language: "en_US" }',
      '    audience: { notLinked: true, renotify: true }',
      '    sendWindow: { from: "09:00", to: "20:00", recipientLocalTime: true }',
    ]),
    '',
    '# What the number answers after the cutoff.',
    'redirect:',
    `  text: ${quote(`We have moved! Continue the conversation at ${redirectLink(primary, options)}`)}`,
    '  afterCutoff: true',
    '',
  );
  return lines.join('\n');
}
