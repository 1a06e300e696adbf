#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.js';

const usage = `Usage: ferry-sandbox [--host 127.0.0.1] [--whatsapp-port N] [--telegram-port N] [--slack-port N] [--discord-port N]

Starts local emulators of the WhatsApp Cloud, Telegram Bot, Slack Web and Discord REST APIs and prints
their base URLs and test credentials as one JSON line. Stops on Ctrl-C (SIGINT) or SIGTERM.`;

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string' },
        'whatsapp-port': { type: 'string' },
        'telegram-port': { type: 'string' },
        'slack-port': { type: 'string' },
        'discord-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = (name: string): { port?: number } => {
    const raw = values[`${name}-port`];
    if (typeof raw !== 'string') return {};
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
      throw new Error(`--${name}-port must be a port number (0-65535), not "${raw}".`);
    return { port: parsed };
  };
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const sandbox = await startSandbox({
    host,
    whatsapp: port('whatsapp'),
    telegram: port('telegram'),
    slack: port('slack'),
    discord: port('discord'),
  });
  process.stdout.write(`${JSON.stringify(sandbox.describe())}\n`);
  const stop = () => {
    sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ferry-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
