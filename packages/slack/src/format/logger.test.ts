import type { Logger, LogLevel } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { toSlackLogger } from './logger.js';

describe('toSlackLogger', () => {
  it('forwards SDK warnings and errors with tokens and given secrets masked, and drops debug chatter', () => {
    const lines: [LogLevel, string][] = [];
    const logger: Logger = { log: (level, message) => void lines.push([level, message]) };
    const slack = toSlackLogger(logger, ['signing-secret-value']);
    slack.debug('noise');
    slack.warn('retrying with', 'xoxb-1234567890-abcdefghijkl');
    slack.error('bad signature signing-secret-value');
    expect(lines).toEqual([
      ['warn', 'retrying with [redacted]'],
      ['error', 'bad signature [redacted]'],
    ]);
  });
});
