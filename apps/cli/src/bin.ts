#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';

// Only commander loads here: every command module, SDK and Ink is imported when its command runs.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

type Options = Record<string, unknown>;

// `ferry … | head` closes the pipe early: that is the reader's choice, not a failure worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

function action(name: string) {
  return async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const positional = received
      .slice(0, -2)
      .flatMap((value) =>
        Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)],
      );
    const { runCommand } = await import('./run.js');
    await runCommand(name, positional, command.optsWithGlobals<Options>());
  };
}

const examples = (lines: readonly string[]) =>
  `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

const program = new Command('ferry')
  .description('Move an AI assistant off WhatsApp to Telegram, Slack or Discord (no command: the wizard).')
  .usage('[options] [command]')
  .version(version, '-v, --version')
  .option('-w, --workspace <dir>', 'workspace directory (holds ferry.plan.yaml and .ferry/)', '.')
  .option('--json', 'one JSON object a line on stdout, for scripts')
  .option('-y, --yes', 'never prompt; take the defaults')
  .option('--debug', 'show stack traces')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

program.addHelpText(
  'after',
  `${examples([
    'ferry rehearse                      # a whole migration on local emulators, no accounts',
    'ferry init --to telegram,discord',
    'ferry import exports/*.json exports/contacts.csv',
    'ferry preview --to slack --json',
    'ferry plan',
    'ferry notify first-notice --dry-run',
  ])}
Exit codes: 0 ok, 1 failure, 2 usage, 3 invalid input, 4 credentials, 5 partial, 130 interrupted.`,
);

program
  .command('init')
  .description('create a workspace: a commented ferry.plan.yaml and the .ferry/ folder')
  .option('--name <name>', 'migration name')
  .option('--to <targets>', 'comma-separated targets: telegram, slack, discord (first is the default)')
  .option('--timezone <zone>', 'IANA time zone of the plan', 'UTC')
  .option('--cutoff <date>', 'date the WhatsApp number goes quiet (YYYY-MM-DD)')
  .option('--force', 'overwrite an existing plan')
  .addHelpText(
    'after',
    examples(['ferry init', 'ferry init --workspace luzia --to telegram,slack --cutoff 2026-04-15']),
  )
  .action(action('init'));

program
  .command('import')
  .description('import WhatsApp exports (templates, Flow JSON, contacts, webhook and sent logs)')
  .argument('[files...]', "files to import (default: the plan's sources)")
  .addOption(
    new Option('--kind <kind>', 'what the files hold (detected when omitted)').choices([
      'templates',
      'flow',
      'webhook-log',
      'sent-log',
      'contacts-csv',
      'contacts-jsonl',
    ]),
  )
  .option('--default-country <code>', 'country for numbers without a country code (ISO 3166, e.g. BR)')
  .option('--assume-opt-in', 'every contact row is an opt-in (an opt-in export without a consent column)')
  .addHelpText(
    'after',
    examples(['ferry import', 'ferry import templates.json contacts.csv --default-country BR']),
  )
  .action(action('import'));

program
  .command('preview')
  .description('render every template and flow for each target, with its fidelity notes (the migration diff)')
  .option(
    '--to <targets>',
    "comma-separated targets: telegram, slack, discord, whatsapp (default: the plan's)",
  )
  .addHelpText('after', examples(['ferry preview', 'ferry preview --to discord --json | jq .notes']))
  .action(action('preview'));

program
  .command('plan')
  .description('validate the plan and print the wave schedule against the WhatsApp tier and the cutoff')
  .addHelpText('after', examples(['ferry plan', 'ferry plan --json']))
  .action(action('plan'));

const credentials = program
  .command('credentials')
  .description('store credentials (mode 0600) or check them against each platform');
credentials
  .command('set')
  .description('store credentials for a channel: telegram, slack, discord, whatsapp or linking')
  .argument('<channel>', 'telegram | slack | discord | whatsapp | linking')
  .argument(
    '[fields...]',
    'field=value pairs (prefer --from-env or --stdin: arguments land in shell history)',
  )
  .option('--from-env', 'copy the FERRY_* environment variables of this channel')
  .option('--stdin', 'read field=value lines from standard input')
  .addHelpText(
    'after',
    examples([
      'FERRY_TELEGRAM_BOT_TOKEN=123:abc ferry credentials set telegram --from-env',
      'printf "botToken=xoxb-…\\nsigningSecret=…\\n" | ferry credentials set slack --stdin',
    ]),
  )
  .action(action('credentials-set'));
credentials
  .command('check')
  .description('ask each configured channel whose credentials these are (whoAmI)')
  .argument('[channels...]', 'channels to check (default: every configured one)')
  .addHelpText('after', examples(['ferry credentials check', 'ferry credentials check telegram --json']))
  .action(action('credentials-check'));

program
  .command('notify')
  .description('send a notice wave over WhatsApp (paced, journaled, resumable)')
  .argument('<campaign>', 'the wave id from the plan')
  .option('--dry-run', 'count and render, send nothing')
  .option('--resume', 'continue an interrupted run')
  .addHelpText(
    'after',
    examples(['ferry notify first-notice --dry-run', 'ferry notify first-notice --resume --yes']),
  )
  .action(action('notify'));

program
  .command('link')
  .description('link contacts routed to Slack by e-mail (plan: linking.emailMatching), welcome each match')
  .option('--by-email', 'look contacts up on Slack by their e-mail address (users.lookupByEmail)')
  .addHelpText('after', examples(['ferry link --by-email', 'ferry link --by-email --json']))
  .action(action('link'));

program
  .command('serve')
  .description('one HTTP server for the WhatsApp webhook, Slack events, Discord interactions and Telegram')
  .option('--port <port>', 'port to listen on', '8080')
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .addHelpText('after', examples(['ferry serve --port 8080']))
  .action(action('serve'));

program
  .command('status')
  .description('the funnel: notified, delivered, read, linked, active')
  .addHelpText('after', examples(['ferry status', 'ferry status --json']))
  .action(action('status'));

program
  .command('sandbox')
  .description('start local emulators of WhatsApp, Telegram, Slack and Discord until Ctrl-C')
  .option('--port <port>', 'first port (the four emulators take it and the next three; 0 = any)', '0')
  .addHelpText('after', examples(['ferry sandbox', 'ferry sandbox --json']))
  .action(action('sandbox'));

program
  .command('rehearse')
  .description('run a whole migration on the local emulators with a sample assistant (or your exports)')
  .option('--contacts <count>', 'sample contacts to generate', '3000')
  .option('--seed <seed>', 'seed of the generated contacts and simulated users', '1')
  .addHelpText(
    'after',
    examples(['ferry rehearse', 'ferry rehearse --json', 'ferry rehearse --workspace my-migration']),
  )
  .action(action('rehearse'));

// `ferry` alone: the wizard in a terminal (Ink loads only here), else one error naming the batch commands.
program.argument('[command]').action(async (command: string | undefined) => {
  if (command !== undefined)
    program.error(`error: unknown command '${command}'`, { code: 'commander.unknownCommand' });
  const { resolve } = await import('node:path');
  const { runWizardCommand } = await import('./ui/main.js');
  const workspace = program.opts<{ workspace?: string }>().workspace ?? '.';
  process.exitCode = await runWizardCommand({ dir: resolve(workspace) });
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const done =
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help';
    process.exitCode = done ? 0 : 2;
  } else {
    throw error;
  }
}
