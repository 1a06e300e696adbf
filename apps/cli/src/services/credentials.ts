import { CREDENTIAL_ENV_VARS } from '@ferry/engine';
import { CliError, EXIT_CODES } from '../errors.js';

/** The accounts credentials are kept for. */
export const CREDENTIAL_ACCOUNTS = ['telegram', 'slack', 'discord', 'whatsapp', 'linking'] as const;
/** One account credentials are kept for. */
export type CredentialAccount = (typeof CREDENTIAL_ACCOUNTS)[number];

interface FieldSpec {
  readonly env: string;
  readonly secret: boolean;
}

const env = (account: keyof typeof CREDENTIAL_ENV_VARS, index: number): string =>
  CREDENTIAL_ENV_VARS[account][index] ?? '';

/**
 * Each account's fields and the environment variable that overrides each. Secret names come from
 * `CREDENTIAL_ENV_VARS`; the rest are API endpoints and public ids (a sandbox, a proxy).
 */
export const CREDENTIAL_FIELDS: Readonly<Record<CredentialAccount, Readonly<Record<string, FieldSpec>>>> = {
  telegram: {
    botToken: { env: env('telegram', 0), secret: true },
    apiRoot: { env: 'FERRY_TELEGRAM_API_ROOT', secret: false },
    webhookSecret: { env: 'FERRY_TELEGRAM_WEBHOOK_SECRET', secret: true },
    username: { env: 'FERRY_TELEGRAM_USERNAME', secret: false },
  },
  slack: {
    botToken: { env: env('slack', 0), secret: true },
    signingSecret: { env: env('slack', 1), secret: true },
    appToken: { env: env('slack', 2), secret: true },
    apiUrl: { env: 'FERRY_SLACK_API_URL', secret: false },
  },
  discord: {
    botToken: { env: env('discord', 0), secret: true },
    publicKey: { env: 'FERRY_DISCORD_PUBLIC_KEY', secret: false },
    applicationId: { env: 'FERRY_DISCORD_APPLICATION_ID', secret: false },
    clientSecret: { env: 'FERRY_DISCORD_CLIENT_SECRET', secret: true },
    apiUrl: { env: 'FERRY_DISCORD_API_URL', secret: false },
  },
  whatsapp: {
    accessToken: { env: env('whatsapp', 0), secret: true },
    appSecret: { env: env('whatsapp', 1), secret: true },
    verifyToken: { env: 'FERRY_WHATSAPP_VERIFY_TOKEN', secret: true },
    phoneNumberId: { env: 'FERRY_WHATSAPP_PHONE_NUMBER_ID', secret: false },
    graphBaseUrl: { env: 'FERRY_WHATSAPP_GRAPH_URL', secret: false },
  },
  linking: {
    secret: { env: env('linking', 0), secret: true },
  },
};

/** Stored values of one account, by field. */
export type AccountCredentials = Readonly<Record<string, string>>;

/** A resolved field: its value and where it came from (never printed for secrets). */
export interface ResolvedField {
  readonly value: string;
  readonly source: 'env' | 'config';
}

/** Where the credentials file lives and which environment to read. */
export interface CredentialStoreOptions {
  /** Folder of the config file; default `FERRY_CONFIG_DIR`, else the user's config folder. */
  readonly cwd?: string;
  /** File name without `.json` (default `credentials`). */
  readonly configName?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Credentials kept with conf (file mode 0600) and overridden by environment variables. */
export interface CredentialStore {
  /** The config file's path. */
  readonly path: string;
  /** Stores fields of one account (merged with what is there); unknown fields are a usage error. */
  set(account: CredentialAccount, values: AccountCredentials): void;
  /** Every field of an account that has a value, environment first. */
  resolve(account: CredentialAccount): Readonly<Record<string, ResolvedField>>;
  /** The accounts with at least one field set, in the file or the environment. */
  configured(): CredentialAccount[];
}

/** Checks an account name, as typed by a user. */
export function parseAccount(name: string): CredentialAccount {
  const lower = name.toLowerCase();
  if ((CREDENTIAL_ACCOUNTS as readonly string[]).includes(lower)) return lower as CredentialAccount;
  throw new CliError(`Unknown channel "${name}".`, {
    hint: `Use one of ${CREDENTIAL_ACCOUNTS.join(', ')}.`,
    exitCode: EXIT_CODES.usage,
    code: 'usage',
  });
}

/** Parses `field=value` pairs (arguments or stdin lines) for an account, refusing unknown fields. */
export function parseFieldPairs(
  account: CredentialAccount,
  pairs: readonly string[],
): Record<string, string> {
  const fields = CREDENTIAL_FIELDS[account];
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const trimmed = pair.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    const name = equals < 0 ? trimmed : trimmed.slice(0, equals).trim();
    if (equals < 0 || fields[name] === undefined) {
      // Never echo the pair: it may be a pasted secret.
      throw new CliError(
        `"${name.length > 24 ? `${name.slice(0, 8)}…` : name}" is not a ${account} field=value pair.`,
        {
          hint: `Fields of ${account}: ${Object.keys(fields).join(', ')} (e.g. ${Object.keys(fields)[0]}=…).`,
          exitCode: EXIT_CODES.usage,
          code: 'usage',
        },
      );
    }
    values[name] = trimmed.slice(equals + 1).trim();
  }
  return values;
}

/** The fields of an account found in the environment. */
export function fieldsFromEnv(
  account: CredentialAccount,
  environment: NodeJS.ProcessEnv,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [field, spec] of Object.entries(CREDENTIAL_FIELDS[account])) {
    const value = environment[spec.env];
    if (value !== undefined && value !== '') values[field] = value;
  }
  return values;
}

interface ConfShape {
  accounts: Partial<Record<CredentialAccount, Record<string, string>>>;
}

/** Opens the credentials file (created with mode 0600 on first write). */
export async function openCredentialStore(options: CredentialStoreOptions = {}): Promise<CredentialStore> {
  const environment = options.env ?? process.env;
  const { default: Conf } = await import('conf');
  const cwd = options.cwd ?? environment['FERRY_CONFIG_DIR'];
  const conf = new Conf<ConfShape>({
    projectName: 'ferry',
    projectSuffix: '',
    configName: options.configName ?? 'credentials',
    configFileMode: 0o600,
    defaults: { accounts: {} },
    ...(cwd === undefined || cwd === '' ? {} : { cwd }),
  });
  const stored = (account: CredentialAccount): Record<string, string> => conf.get('accounts')[account] ?? {};
  const store: CredentialStore = {
    path: conf.path,
    set(account, values) {
      const accounts = conf.get('accounts');
      conf.set('accounts', { ...accounts, [account]: { ...stored(account), ...values } });
    },
    resolve(account) {
      const resolved: Record<string, ResolvedField> = {};
      for (const [field, value] of Object.entries(stored(account))) {
        if (value !== '') resolved[field] = { value, source: 'config' };
      }
      for (const [field, value] of Object.entries(fieldsFromEnv(account, environment))) {
        resolved[field] = { value, source: 'env' };
      }
      return resolved;
    },
    configured() {
      return CREDENTIAL_ACCOUNTS.filter((account) => Object.keys(store.resolve(account)).length > 0);
    },
  };
  return store;
}

/** Every secret value known for the given accounts, to redact from messages. */
export function secretsOf(store: CredentialStore): string[] {
  return CREDENTIAL_ACCOUNTS.flatMap((account) =>
    Object.entries(store.resolve(account))
      .filter(([field]) => CREDENTIAL_FIELDS[account][field]?.secret === true)
      .map(([, resolved]) => resolved.value),
  );
}
