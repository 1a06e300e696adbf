import type { CommandContext } from '../context.js';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import {
  fieldsFromEnv,
  openCredentialStore,
  parseAccount,
  parseFieldPairs,
} from '../services/credentials.js';
import { readStdin } from '../services/stdin.js';

/** `ferry credentials set <channel> [field=value…] [--from-env] [--stdin]`: stores fields, prints only their names. */
export async function run(
  context: CommandContext,
  args: readonly string[],
  options: Readonly<Record<string, unknown>>,
): Promise<ExitCode> {
  const [name = '', ...pairs] = args;
  const account = parseAccount(name);
  const values: Record<string, string> = {
    ...(options['fromEnv'] === true ? fieldsFromEnv(account, context.env) : {}),
    ...(options['stdin'] === true ? parseFieldPairs(account, (await readStdin()).split(/\r?\n/)) : {}),
    ...parseFieldPairs(account, pairs),
  };
  if (Object.keys(values).length === 0) {
    throw new CliError(`No ${account} credentials given.`, {
      hint:
        options['fromEnv'] === true
          ? `None of the ${account} environment variables is set (see \`ferry credentials set --help\`).`
          : 'Pass --from-env, --stdin, or field=value pairs.',
      exitCode: EXIT_CODES.usage,
      code: 'usage',
    });
  }
  const store = await openCredentialStore({ env: context.env });
  store.set(account, values);
  const fields = Object.keys(values).sort();
  context.output.record(
    { type: 'credentials', channel: account, stored: fields, file: store.path },
    `${context.output.paint('success', '✓')} Stored ${fields.join(', ')} for ${account} in ${store.path} (readable only by you). Check them with \`ferry credentials check ${account === 'linking' ? '' : account}\`.`,
  );
  return EXIT_CODES.ok;
}
