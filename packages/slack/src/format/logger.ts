import { type Logger, redact } from '@ferry/core';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

/**
 * The `@slack/logger` interface the SDKs take, forwarding warnings and errors to Ferry's logger
 * with every Slack token and the given secrets masked; debug and info chatter is dropped.
 */
export function toSlackLogger(logger: Logger, secrets: readonly (string | undefined)[] = []): SlackLogger {
  const line = (message: unknown[]) => redact(message.map(String).join(' '), secrets);
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...message: unknown[]) => logger.log('warn', line(message)),
    error: (...message: unknown[]) => logger.log('error', line(message)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
