import { CliError, EXIT_CODES } from '../errors.js';

/** The channels users move to. */
export const TARGETS = ['telegram', 'slack', 'discord'] as const;
/** A channel users move to. */
export type Target = (typeof TARGETS)[number];
/** Every channel Ferry renders for: the targets and WhatsApp itself. */
export const CHANNELS = [...TARGETS, 'whatsapp'] as const;
/** A channel Ferry renders for. */
export type ChannelId = (typeof CHANNELS)[number];

/** Parses `telegram,slack` into channel ids, rejecting unknown names with a usage error. */
export function parseChannelList<T extends string>(text: string, allowed: readonly T[]): T[] {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new CliError(`Unknown target "${unknown[0] ?? text}".`, {
      hint: `Use a comma-separated list of ${allowed.join(', ')}.`,
      exitCode: EXIT_CODES.usage,
      code: 'usage',
    });
  }
  return [...new Set(names)] as T[];
}
