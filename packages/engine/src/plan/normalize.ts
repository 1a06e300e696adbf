import { dirname, isAbsolute, resolve } from 'node:path';
import type { MessagingTier, PlanInput, TargetName } from './schema.js';
import { TARGET_NAMES } from './schema.js';
import type { PlanPath } from './source.js';
import { canonicalTimeZone, parseDuration, resolveDateTime } from './time.js';
import type {
  ContactColumn,
  LinkParameter,
  NormalizedPlan,
  NormalizedRoute,
  NormalizedSource,
  NormalizedTargets,
  NormalizedWave,
} from './types.js';

/** Linking defaults: a personal link lasts 14 days, opt-in is required, e-mail matching is off. */
export const LINKING_DEFAULTS = {
  tokenLifetime: '14d',
  requireOptIn: true,
  emailMatching: false,
  phoneMatching: true,
} as const;

/**
 * WhatsApp defaults: a new portfolio's 250 limit and the default 80 messages per second.
 * @see PLATFORMS.md §1.5
 */
export const WHATSAPP_DEFAULTS = { tier: 250, throughputPerSecond: 80 } as const;

/** A problem found while normalising, with the path into the file as written. */
export interface NormalizeIssue {
  readonly path: PlanPath;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** The normalised plan plus what the rules need to point back into the file. */
export interface NormalizeResult {
  readonly plan: NormalizedPlan;
  /** For each normalised (sorted) wave, its index in the file. */
  readonly waveSourceIndex: readonly number[];
  readonly issues: readonly NormalizeIssue[];
}

/** `55`, `'55'` or `'+55'` -> `'+55'`. */
export function toCallingCode(value: string | number): string {
  return `+${String(value).replace(/^\+/, '')}`;
}

function uniqueUpper(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.toUpperCase()))];
}

function unique<T>(values: readonly T[] | undefined): T[] {
  return [...new Set(values ?? [])];
}

function toId(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function messagingLimitOf(tier: MessagingTier): number | null {
  return tier === 'unlimited' ? null : tier;
}

function linkParameterOf(text: string | undefined): LinkParameter {
  if (text === undefined || text === 'button') return { component: 'button', index: 0 };
  if (text.startsWith('button:')) return { component: 'button', index: Number(text.slice('button:'.length)) };
  return { component: 'body', parameter: text.slice('body:'.length) };
}

function definedColumns(
  columns: Readonly<Record<string, string | undefined>>,
): Partial<Record<ContactColumn, string>> {
  const result: Partial<Record<ContactColumn, string>> = {};
  for (const [column, name] of Object.entries(columns)) {
    if (name !== undefined) result[column as ContactColumn] = name;
  }
  return result;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/**
 * Turns a schema-valid plan into absolute values: durations to ms, local times to epoch ms in the
 * plan's zone, calling codes to `+NN`, countries upper-case, waves sorted, every default filled.
 */
export function normalizePlan(input: PlanInput, options: { file?: string } = {}): NormalizeResult {
  const issues: NormalizeIssue[] = [];
  const timezone = canonicalTimeZone(input.cutoff.timezone);

  const readTime = (text: string, path: PlanPath): number => {
    const resolved = resolveDateTime(text, timezone);
    if (resolved === undefined)
      throw new Error(`schema let an invalid date-time through at ${path.join('.')}`);
    if (resolved.shifted) {
      issues.push({
        path,
        severity: 'warning',
        message: `this local time does not exist in ${timezone} (clocks move forward); it is read as ${new Date(resolved.epochMs).toISOString()}`,
      });
    }
    return resolved.epochMs;
  };

  const baseFolder = options.file === undefined ? undefined : dirname(options.file);
  const sources: NormalizedSource[] = (input.sources ?? []).map((source) => ({
    path: source.path,
    resolvedPath:
      baseFolder === undefined || isAbsolute(source.path) ? source.path : resolve(baseFolder, source.path),
    ...(source.kind === undefined ? {} : { kind: source.kind }),
    ...(source.defaultCountry === undefined ? {} : { defaultCountry: source.defaultCountry.toUpperCase() }),
    ...(source.columns === undefined ? {} : { columns: definedColumns(source.columns) }),
  }));

  const whatsappInput = input.whatsapp ?? {};
  const tier = whatsappInput.tier ?? WHATSAPP_DEFAULTS.tier;
  const phoneNumberId = toId(whatsappInput.phoneNumberId);
  const wabaId = toId(whatsappInput.wabaId);
  const whatsapp = {
    ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
    ...(wabaId === undefined ? {} : { wabaId }),
    tier,
    messagingLimit: messagingLimitOf(tier),
    throughputPerSecond: whatsappInput.throughputPerSecond ?? WHATSAPP_DEFAULTS.throughputPerSecond,
    timezone: whatsappInput.timezone === undefined ? timezone : canonicalTimeZone(whatsappInput.timezone),
    exemptions: (whatsappInput.exemptions ?? []).map((exemption) => ({
      countries: uniqueUpper(exemption.countries),
      callingCodes: unique((exemption.callingCodes ?? []).map(toCallingCode)),
      ...(exemption.note === undefined ? {} : { note: exemption.note }),
    })),
  };

  const targets: NormalizedTargets = {
    ...(input.targets.telegram === undefined
      ? {}
      : { telegram: { username: input.targets.telegram.username.replace(/^@/, '') } }),
    ...(input.targets.slack === undefined
      ? {}
      : {
          slack: {
            appId: input.targets.slack.appId,
            ...(input.targets.slack.teamId === undefined ? {} : { teamId: input.targets.slack.teamId }),
            mode: input.targets.slack.mode ?? 'socket',
          },
        }),
    ...(input.targets.discord === undefined ? {} : { discord: normalizeDiscord(input.targets.discord) }),
  };

  const configured = TARGET_NAMES.filter((name) => targets[name] !== undefined);
  let defaultTarget: TargetName | undefined = input.defaultTarget;
  if (configured.length === 0) {
    issues.push({
      path: ['targets'],
      severity: 'error',
      message: 'configure at least one target (telegram, slack or discord) for users to move to',
    });
  } else if (defaultTarget === undefined) {
    if (configured.length === 1) defaultTarget = configured[0];
    else {
      issues.push({
        path: ['defaultTarget'],
        severity: 'error',
        message: `several targets are configured (${configured.join(', ')}): say which one takes the contacts no routing rule matches`,
      });
    }
  }

  const rules: NormalizedRoute[] = (input.routing ?? []).map((rule) => ({
    countries: uniqueUpper(rule.match.countries),
    callingCodes: unique((rule.match.callingCodes ?? []).map(toCallingCode)),
    tags: unique(rule.match.tags),
    target: rule.target,
    ...(rule.note === undefined ? {} : { note: rule.note }),
  }));

  const linkingInput = input.linking ?? {};
  const linking = {
    tokenLifetimeMs: parseDuration(linkingInput.tokenLifetime ?? LINKING_DEFAULTS.tokenLifetime) ?? 0,
    requireOptIn: linkingInput.requireOptIn ?? LINKING_DEFAULTS.requireOptIn,
    emailMatching: linkingInput.emailMatching ?? LINKING_DEFAULTS.emailMatching,
    phoneMatching: linkingInput.phoneMatching ?? LINKING_DEFAULTS.phoneMatching,
  };

  const indexedWaves = (input.waves ?? []).map((wave, index) => {
    const audience = wave.audience ?? {};
    const normalized: NormalizedWave = {
      id: wave.id,
      at: readTime(wave.at, ['waves', index, 'at']),
      template: {
        name: wave.template.name,
        language: wave.template.language,
        linkParameter: linkParameterOf(wave.template.linkParameter),
      },
      audience: {
        notLinked: audience.notLinked ?? true,
        renotify: audience.renotify ?? true,
        ...(audience.countries === undefined ? {} : { countries: uniqueUpper(audience.countries) }),
        ...(audience.tags === undefined ? {} : { tags: unique(audience.tags) }),
        ...(audience.languages === undefined ? {} : { languages: unique(audience.languages) }),
      },
      ...(wave.sendWindow === undefined
        ? {}
        : {
            sendWindow: {
              fromMinute: minutesOf(wave.sendWindow.from),
              toMinute: minutesOf(wave.sendWindow.to),
              recipientLocalTime: wave.sendWindow.recipientLocalTime ?? true,
            },
          }),
    };
    return { wave: normalized, index };
  });
  indexedWaves.sort(
    (left, right) =>
      left.wave.at - right.wave.at ||
      (left.wave.id < right.wave.id ? -1 : left.wave.id > right.wave.id ? 1 : 0),
  );

  const plan: NormalizedPlan = {
    version: 1,
    name: input.name,
    ...(options.file === undefined ? {} : { file: options.file }),
    timezone,
    sources,
    whatsapp,
    targets,
    cutoff: { at: readTime(input.cutoff.at, ['cutoff', 'at']), timezone },
    routing: { rules, defaultTarget: defaultTarget ?? configured[0] ?? 'telegram' },
    linking,
    waves: indexedWaves.map((entry) => entry.wave),
    ...(input.redirect === undefined
      ? {}
      : { redirect: { text: input.redirect.text, afterCutoff: input.redirect.afterCutoff ?? true } }),
  };
  return { plan, waveSourceIndex: indexedWaves.map((entry) => entry.index), issues };
}

function normalizeDiscord(discord: NonNullable<PlanInput['targets']['discord']>) {
  const guildId = toId(discord.guildId);
  return {
    applicationId: String(discord.applicationId),
    ...(discord.publicKey === undefined ? {} : { publicKey: discord.publicKey.toLowerCase() }),
    ...(guildId === undefined ? {} : { guildId }),
    ...(discord.inviteUrl === undefined ? {} : { inviteUrl: discord.inviteUrl }),
  };
}
