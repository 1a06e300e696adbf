import { z } from 'zod';
import { DATE_TIME_PATTERN, DURATION_PATTERN, isDateTimeText, isDurationText, isTimeZone } from './time.js';

/** The plan file format this Ferry reads. */
export const PLAN_VERSION = 1;

/** The channels a plan can move users to. */
export const TARGET_NAMES = ['telegram', 'slack', 'discord'] as const;

/** A channel a plan can move users to. */
export type TargetName = (typeof TARGET_NAMES)[number];

/** The kinds of WhatsApp export Ferry imports. */
export const SOURCE_KINDS = [
  'templates',
  'flow',
  'webhook-log',
  'sent-log',
  'contacts-csv',
  'contacts-jsonl',
] as const;

/** A kind of WhatsApp export. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The business portfolio's messaging limits (unique users per moving 24 h outside a service window).
 * @see PLATFORMS.md §1.5 (Messaging limits)
 */
export const MESSAGING_TIERS = [250, 2000, 10000, 100000, 'unlimited'] as const;

/** A WhatsApp messaging limit. */
export type MessagingTier = (typeof MESSAGING_TIERS)[number];

const DATE_TIME_MESSAGE =
  'must be an ISO 8601 date or date-time: 2026-04-15, 2026-04-15T09:00 (read in cutoff.timezone) or 2026-04-15T09:00:00Z';
const dateTime = z
  .string()
  .regex(DATE_TIME_PATTERN, { message: DATE_TIME_MESSAGE, abort: true })
  .refine(isDateTimeText, { message: 'is not a real calendar date or time' });

const timeZone = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Rome, America/Sao_Paulo or UTC' })
  .meta({ examples: ['UTC', 'Europe/Rome', 'America/Sao_Paulo'] });

const DURATION_MESSAGE = 'must be a duration such as 14d, 36h, 2w or 1d12h (w, d, h, m, s)';
const duration = z
  .string()
  .regex(DURATION_PATTERN, { message: DURATION_MESSAGE, abort: true })
  .refine(isDurationText, { message: 'must be longer than zero' });

const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code such as BR or IT' })
  .describe('ISO 3166-1 alpha-2 country code, e.g. BR.');

// YAML reads `+55` as the number 55, so numbers are accepted and normalised to '+55'.
const callingCode = z
  .union([
    z.string().regex(/^\+?[1-9]\d{0,5}$/, { message: 'must be a calling code such as +55 or +39' }),
    z.number().int().min(1).max(999_999),
  ])
  .describe('International calling code or number prefix, e.g. "+55" (quote it in YAML).');

const tag = z.string().min(1).max(100);

const language = z.string().regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, {
  message: 'must be a WhatsApp language code such as en, en_US or pt_BR',
});

// Long numeric ids lose digits when YAML reads them as numbers, so only safe integers are accepted unquoted.
function numericId(what: string, pattern: RegExp) {
  return z
    .union([
      z.string().regex(pattern, { message: `must be a ${what}` }),
      z
        .number()
        .refine((value) => Number.isSafeInteger(value), {
          message: `write the ${what} in quotes: YAML reads long numbers as floats and loses digits`,
          abort: true,
        })
        .refine((value) => pattern.test(String(value)), { message: `must be a ${what}` }),
    ])
    .describe(`The ${what} (write it in quotes).`);
}

const contactColumns = z
  .strictObject({
    phone: z.string().min(1).optional(),
    waId: z.string().min(1).optional(),
    bsuid: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    language: z.string().min(1).optional(),
    country: z.string().min(1).optional(),
    tags: z.string().min(1).optional(),
    optedInAt: z.string().min(1).optional(),
    optedOutAt: z.string().min(1).optional(),
    consentText: z.string().min(1).optional(),
    consentSource: z.string().min(1).optional(),
  })
  .describe('Column (CSV) or property (JSONL) names, by the contact field they fill.');

const source = z
  .strictObject({
    path: z.string().min(1).describe('File or folder to import, relative to this plan file.'),
    kind: z
      .enum(SOURCE_KINDS)
      .optional()
      .describe('What the file holds; detected from the content when omitted.'),
    defaultCountry: country
      .optional()
      .describe('Contacts only: country of phone numbers written without a country code.'),
    columns: contactColumns.optional(),
  })
  .describe('A WhatsApp export to import.');

const exemption = z
  .strictObject({
    countries: z.array(country).optional(),
    callingCodes: z.array(callingCode).optional(),
    note: z.string().optional().describe('Why this region may stay, e.g. the regulator decision.'),
  })
  .describe('A region where the operator may keep answering on WhatsApp (e.g. the Brazil +55 carve-out).');

const whatsapp = z
  .strictObject({
    phoneNumberId: numericId('WhatsApp phone number id', /^\d{5,20}$/).optional(),
    wabaId: numericId('WhatsApp Business Account id', /^\d{5,20}$/).optional(),
    tier: z
      .literal(MESSAGING_TIERS)
      .optional()
      .describe(
        "The business portfolio's current messaging limit: unique users per moving 24 h outside a service window (250, 2000, 10000, 100000 or unlimited). Default 250.",
      ),
    throughputPerSecond: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'Messages per second the number may send: 80 by default, up to 1000 after the automatic upgrade, 20 for coexistence numbers.',
      ),
    timezone: timeZone
      .optional()
      .describe('Time zone of the WhatsApp Business account; defaults to cutoff.timezone.'),
    exemptions: z.array(exemption).optional().describe('Regions where routing may say `stay`.'),
  })
  .describe(
    'The WhatsApp account notices go out from. Ids only: the access token belongs in `ferry credentials`.',
  );

const telegram = z
  .strictObject({
    username: z
      .string()
      .regex(/^@?[A-Za-z][A-Za-z0-9_]{1,28}bot$/i, {
        message:
          'must be a Telegram bot username (5-32 letters, digits or _, ending in "bot") such as @acme_bot',
      })
      .describe('The bot username (ends in "bot"); links look like t.me/<username>?start=<token>.'),
  })
  .describe('The Telegram bot. Its token belongs in `ferry credentials set telegram`, never here.');

const slack = z
  .strictObject({
    appId: z
      .string()
      .regex(/^A[A-Z0-9]{6,}$/, { message: 'must be a Slack app id such as A0123456789' })
      .describe('The Slack app id (A…).'),
    teamId: z
      .string()
      .regex(/^[TE][A-Z0-9]{6,}$/, { message: 'must be a Slack workspace id such as T0123456789' })
      .optional()
      .describe('The workspace (T…) users are invited to.'),
    mode: z.enum(['socket', 'http']).optional().describe('Socket Mode (default) or an HTTP Request URL.'),
  })
  .describe(
    'The Slack app. Its tokens and signing secret belong in `ferry credentials set slack`, never here.',
  );

const discord = z
  .strictObject({
    applicationId: numericId('Discord application id', /^\d{17,20}$/),
    publicKey: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be the 64-hex-digit Ed25519 public key' })
      .optional()
      .describe('The application public key that verifies interaction signatures (public, not a secret).'),
    guildId: numericId('Discord server (guild) id', /^\d{17,20}$/).optional(),
    inviteUrl: z
      .url({ message: 'must be a URL' })
      .optional()
      .describe('Server invite shown to users who are not members.'),
  })
  .describe('The Discord application. Its bot token belongs in `ferry credentials set discord`, never here.');

const targets = z
  .strictObject({ telegram: telegram.optional(), slack: slack.optional(), discord: discord.optional() })
  .describe('Where users move to. No secrets here: they live in your Ferry config or environment.');

const routeTarget = z.enum([...TARGET_NAMES, 'stay']);

const route = z
  .strictObject({
    match: z
      .strictObject({
        countries: z.array(country).optional(),
        callingCodes: z.array(callingCode).optional(),
        tags: z.array(tag).optional(),
      })
      .describe('Contacts matching every given criterion (any value of each list).'),
    target: routeTarget.describe(
      'The channel these contacts move to, or `stay` where WhatsApp remains allowed.',
    ),
    note: z.string().optional(),
  })
  .describe('A routing rule; the first matching rule wins.');

const linking = z
  .strictObject({
    tokenLifetime: duration
      .optional()
      .describe('How long a personal link stays valid, e.g. 14d. Default 14d.'),
    requireOptIn: z
      .boolean()
      .optional()
      .describe('Only contacts with a recorded opt-in get a link (default true).'),
    emailMatching: z
      .boolean()
      .optional()
      .describe('Also link Slack users by e-mail (users.lookupByEmail). Default false.'),
    phoneMatching: z
      .boolean()
      .optional()
      .describe('Also link Telegram users who share their phone number (request_contact). Default true.'),
  })
  .describe('How WhatsApp users are linked to their new identity.');

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be a time HH:MM' });

const wave = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
        message: 'must be lower-case letters, digits, - or _ (it names the campaign)',
      })
      .describe('Unique wave id; names the campaign.'),
    at: dateTime.describe('When the wave starts; a local time is read in cutoff.timezone.'),
    template: z.strictObject({
      name: z.string().min(1).describe('An approved WhatsApp template name.'),
      language: language.describe('The template language, e.g. en_US.'),
      linkParameter: z
        .string()
        .regex(/^(button(:\d+)?|body:[A-Za-z0-9_]+)$/, {
          message: 'must be `button`, `button:<index>` or `body:<parameter>`',
        })
        .optional()
        .describe(
          'Where the personal link goes: `button` (the first URL button, default), `button:<index>` or `body:<parameter>`.',
        ),
    }),
    audience: z
      .strictObject({
        notLinked: z.boolean().optional().describe('Only contacts who have not linked yet (default true).'),
        renotify: z
          .boolean()
          .optional()
          .describe('Also contacts an earlier wave already notified who have not moved (default true).'),
        countries: z.array(country).optional(),
        tags: z.array(tag).optional(),
        languages: z.array(language).optional(),
      })
      .optional(),
    sendWindow: z
      .strictObject({
        from: clock.describe('Earliest send time, HH:MM.'),
        to: clock.describe('Latest send time, HH:MM (may be before `from` to span midnight).'),
        recipientLocalTime: z
          .boolean()
          .optional()
          .describe(
            "Read the window in each recipient's local time (default true), else in cutoff.timezone.",
          ),
      })
      .optional(),
  })
  .describe('A "we are moving" notice wave over WhatsApp before the cutoff.');

/**
 * The plan file (`ferry.plan.yaml` or `.json`): the single source of truth for its validation, its
 * TypeScript input type and the JSON Schema editors use.
 */
export const planSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema location, for editors.'),
    version: z.literal(PLAN_VERSION).describe('Plan file format version; this Ferry reads 1.'),
    name: z.string().min(1).describe('A name for this migration.'),
    sources: z.array(source).optional().describe('WhatsApp exports to import.'),
    whatsapp: whatsapp.optional(),
    targets,
    cutoff: z
      .strictObject({
        at: dateTime.describe('When the WhatsApp number stops answering; a date alone means 00:00 that day.'),
        timezone: timeZone.describe("IANA time zone the plan's local times are read in, e.g. Europe/Rome."),
      })
      .describe('When the WhatsApp number goes quiet.'),
    routing: z.array(route).optional().describe('Which target each group of contacts moves to.'),
    defaultTarget: z
      .enum(TARGET_NAMES)
      .optional()
      .describe('Target for contacts no rule matches; may be omitted when one target is configured.'),
    linking: linking.optional(),
    waves: z.array(wave).optional().describe('Notice waves before the cutoff.'),
    redirect: z
      .strictObject({
        text: z
          .string()
          .min(1)
          .max(4096)
          .describe('The approved "we moved" reply WhatsApp sends after the cutoff.'),
        afterCutoff: z
          .boolean()
          .optional()
          .describe('Answer every inbound message with it after the cutoff (default true).'),
      })
      .optional()
      .describe('What the WhatsApp number answers after the cutoff; required when users move.'),
  })
  .describe('A Ferry migration plan: what to import, where users move, and when they are told.');

/** The plan file as written (defaults not yet applied). */
export type PlanInput = z.input<typeof planSchema>;
