import type { PlanPath } from './source.js';

/**
 * The environment variables Ferry reads credentials from, by the account they belong to, so an error
 * about a secret in the plan can say where it goes instead.
 */
export const CREDENTIAL_ENV_VARS = {
  whatsapp: ['FERRY_WHATSAPP_ACCESS_TOKEN', 'FERRY_WHATSAPP_APP_SECRET'],
  telegram: ['FERRY_TELEGRAM_BOT_TOKEN'],
  slack: ['FERRY_SLACK_BOT_TOKEN', 'FERRY_SLACK_SIGNING_SECRET', 'FERRY_SLACK_APP_TOKEN'],
  discord: ['FERRY_DISCORD_BOT_TOKEN'],
  linking: ['FERRY_LINK_SECRET'],
} as const;

/** A field of the plan that holds (or is named like) a secret. */
export interface SecretFinding {
  readonly path: PlanPath;
  /** Where the secret should live instead; never the secret itself. */
  readonly message: string;
}

const SECRET_NAME = /token|secret|passw(or)?d|pwd|credential|cookie|session|bearer|authorization/i;
const KEY_NAME = /key$/i;
// Plan fields whose names look secret but hold none.
const NOT_SECRET = new Set(['tokenLifetime', 'publicKey', 'public_key']);
const LONG_KEY_VALUE = 16;

// Shapes of real credentials, caught wherever they are pasted (even under an innocent name).
const SECRET_VALUES: readonly RegExp[] = [
  /^\d{6,12}:[A-Za-z0-9_-]{30,}$/, // Telegram bot token
  /^xox[abposre]-[A-Za-z0-9-]{10,}$/, // Slack bot/user tokens
  /^xapp-\d-[A-Za-z0-9-]{10,}$/, // Slack app-level token
  /^EAA[A-Za-z0-9]{30,}$/, // Meta (WhatsApp) access token
  /^[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}$/, // Discord bot token
  /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

function accountOf(path: PlanPath): keyof typeof CREDENTIAL_ENV_VARS | undefined {
  const [first, second] = path;
  if (first === 'targets' && (second === 'telegram' || second === 'slack' || second === 'discord'))
    return second;
  if (first === 'whatsapp') return 'whatsapp';
  if (first === 'linking') return 'linking';
  return undefined;
}

function adviceFor(path: PlanPath): string {
  const account = accountOf(path);
  if (account === undefined) {
    return 'remove it and use `ferry credentials set <channel>` or an environment variable (FERRY_…)';
  }
  const variables = CREDENTIAL_ENV_VARS[account].join(' or ');
  const command =
    account === 'linking' ? 'ferry credentials set linking' : `ferry credentials set ${account}`;
  return `remove it and run \`${command}\`, or set ${variables} in the environment`;
}

function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  return true;
}

/**
 * Finds secrets in a parsed plan: fields named like a token, secret or password, `…key` fields with a
 * long value, and values shaped like a Telegram, Slack, Meta or Discord token. The messages never
 * contain the value.
 */
export function findSecrets(value: unknown, path: PlanPath = []): SecretFinding[] {
  const findings: SecretFinding[] = [];
  if (typeof value === 'string') {
    if (SECRET_VALUES.some((pattern) => pattern.test(value.trim()))) {
      findings.push({
        path,
        message: `this value looks like an access token; secrets never go in the plan file (it is meant to be shared): ${adviceFor(path)}`,
      });
    }
    return findings;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      findings.push(...findSecrets(item, [...path, index]));
    });
    return findings;
  }
  if (typeof value !== 'object' || value === null) return findings;
  for (const [name, child] of Object.entries(value)) {
    const childPath = [...path, name];
    const namedSecret = !NOT_SECRET.has(name) && SECRET_NAME.test(name) && isFilled(child);
    const longKey =
      !NOT_SECRET.has(name) &&
      KEY_NAME.test(name) &&
      typeof child === 'string' &&
      child.length >= LONG_KEY_VALUE;
    if (namedSecret || longKey) {
      findings.push({
        path: childPath,
        message: `\`${name}\` looks like a secret; secrets never go in the plan file (it is meant to be shared): ${adviceFor(childPath)}`,
      });
    } else {
      findings.push(...findSecrets(child, childPath));
    }
  }
  return findings;
}
