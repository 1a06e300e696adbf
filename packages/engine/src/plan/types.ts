import type { MessagingTier, SourceKind, TargetName } from './schema.js';

/**
 * One problem found in a plan file: the field's path (`waves[2].at`, `''` for the whole file), what is
 * wrong and what to do, and where the field sits in the file when that is known (1-based).
 */
export interface PlanIssue {
  readonly path: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** What loading a plan gives back: the normalised plan when there are no errors, and every issue found. */
export interface PlanLoadResult {
  readonly plan?: NormalizedPlan;
  readonly errors: readonly PlanIssue[];
  readonly warnings: readonly PlanIssue[];
}

/** A WhatsApp export to import, with its path resolved against the plan file's folder. */
export interface NormalizedSource {
  /** The path as written in the plan. */
  readonly path: string;
  /** The path resolved against the plan file's folder (equal to `path` when the plan has no file). */
  readonly resolvedPath: string;
  /** The declared kind; absent means the importer detects it from the content. */
  readonly kind?: SourceKind;
  /** ISO 3166-1 alpha-2 country for phone numbers written without a country code (contacts only). */
  readonly defaultCountry?: string;
  /** Column (CSV) or property (JSONL) names, by the contact field they fill. */
  readonly columns?: Readonly<Partial<Record<ContactColumn, string>>>;
}

/** The contact fields a contacts export can be mapped onto. */
export type ContactColumn =
  | 'phone'
  | 'waId'
  | 'bsuid'
  | 'name'
  | 'language'
  | 'country'
  | 'tags'
  | 'optedInAt'
  | 'optedOutAt'
  | 'consentText'
  | 'consentSource';

/** A region where the operator may keep answering on WhatsApp (a regulator's carve-out). */
export interface NormalizedExemption {
  /** Upper-case ISO 3166-1 alpha-2 codes. */
  readonly countries: readonly string[];
  /** E.164 prefixes with the leading `+` (`+55`). */
  readonly callingCodes: readonly string[];
  readonly note?: string;
}

/**
 * The WhatsApp account the notices go out from, with the limits the planner checks waves against.
 * @see PLATFORMS.md §1.5 (messaging limits 250 / 2,000 / 10,000 / 100,000 / unlimited; 80 to 1,000 mps)
 */
export interface NormalizedWhatsApp {
  readonly phoneNumberId?: string;
  readonly wabaId?: string;
  readonly tier: MessagingTier;
  /** Unique users reachable outside a service window in a moving 24 h; `null` when unlimited. */
  readonly messagingLimit: number | null;
  readonly throughputPerSecond: number;
  /** IANA zone of the account (reports); the plan's zone when not given. */
  readonly timezone: string;
  readonly exemptions: readonly NormalizedExemption[];
}

/** The Telegram bot users are sent to. */
export interface NormalizedTelegramTarget {
  /** Bot username without the `@`. */
  readonly username: string;
}

/** The Slack app users are sent to. */
export interface NormalizedSlackTarget {
  readonly appId: string;
  readonly teamId?: string;
  readonly mode: 'socket' | 'http';
}

/** The Discord application users are sent to. */
export interface NormalizedDiscordTarget {
  readonly applicationId: string;
  /** Ed25519 public key for interaction signatures (public, not a secret). */
  readonly publicKey?: string;
  readonly guildId?: string;
  readonly inviteUrl?: string;
}

/** The configured targets, without any secret. */
export interface NormalizedTargets {
  readonly telegram?: NormalizedTelegramTarget;
  readonly slack?: NormalizedSlackTarget;
  readonly discord?: NormalizedDiscordTarget;
}

/** A routing rule: contacts matching every given criterion go to `target` (first matching rule wins). */
export interface NormalizedRoute {
  readonly countries: readonly string[];
  readonly callingCodes: readonly string[];
  readonly tags: readonly string[];
  readonly target: TargetName | 'stay';
  readonly note?: string;
}

/** Where the template parameter carrying the personal link sits. */
export type LinkParameter =
  | { readonly component: 'button'; readonly index: number }
  | { readonly component: 'body'; readonly parameter: string };

/** One notice wave, times in ms since the epoch. */
export interface NormalizedWave {
  readonly id: string;
  readonly at: number;
  readonly template: {
    readonly name: string;
    readonly language: string;
    readonly linkParameter: LinkParameter;
  };
  readonly audience: {
    readonly notLinked: boolean;
    readonly renotify: boolean;
    readonly countries?: readonly string[];
    readonly tags?: readonly string[];
    readonly languages?: readonly string[];
  };
  readonly sendWindow?: {
    /** Minutes after midnight, inclusive. */
    readonly fromMinute: number;
    /** Minutes after midnight, exclusive; smaller than `fromMinute` when the window spans midnight. */
    readonly toMinute: number;
    readonly recipientLocalTime: boolean;
  };
}

/** A plan after schema, normalisation and cross-field rules: every default filled, every time absolute. */
export interface NormalizedPlan {
  readonly version: 1;
  readonly name: string;
  /** The file the plan was read from, when there was one. */
  readonly file?: string;
  /** The plan's IANA time zone (`cutoff.timezone`); local times in the file are read in it. */
  readonly timezone: string;
  readonly sources: readonly NormalizedSource[];
  readonly whatsapp: NormalizedWhatsApp;
  readonly targets: NormalizedTargets;
  readonly cutoff: { readonly at: number; readonly timezone: string };
  readonly routing: { readonly rules: readonly NormalizedRoute[]; readonly defaultTarget: TargetName };
  readonly linking: {
    readonly tokenLifetimeMs: number;
    readonly requireOptIn: boolean;
    readonly emailMatching: boolean;
    readonly phoneMatching: boolean;
  };
  /** Sorted by time, then id. */
  readonly waves: readonly NormalizedWave[];
  readonly redirect?: { readonly text: string; readonly afterCutoff: boolean };
}
