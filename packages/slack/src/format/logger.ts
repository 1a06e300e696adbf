import type { Logger } from '@ferry/core';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

/**
 * The `@slack/logger` interface the SDKs take, forwarding warnings and errors to Ferry's logger
 * (the SDKs never log tokens; debug and info chatter is dropped).
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...message: unknown[]) => logger.log('warn', message.map(String).join(' ')),
    error: (...message: unknown[]) => logger.log('error', message.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
