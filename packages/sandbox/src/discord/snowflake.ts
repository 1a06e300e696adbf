import type { SandboxClock } from '../shared/clock.js';

/** Milliseconds of 2015-01-01T00:00:00Z, the start of Discord's snowflake clock. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Makes Discord-shaped snowflake ids (timestamp << 22 | worker | increment), 18–19 digits, so
 * clients that derive bucket keys or timestamps from ids (as @discordjs/rest does) behave as in production.
 * @see PLATFORMS.md §4.6
 */
export class SnowflakeGenerator {
  private increment = 0n;

  constructor(private readonly clock: SandboxClock) {}

  next(): string {
    const timestamp = BigInt(Math.max(0, this.clock.now())) - DISCORD_EPOCH;
    this.increment = (this.increment + 1n) & 0xfffn;
    return ((timestamp << 22n) | (1n << 17n) | this.increment).toString();
  }
}

/** Whether a string looks like a snowflake (17–20 digits). */
export function isSnowflake(value: string): boolean {
  return /^\d{17,20}$/.test(value);
}
