import { PACING_PRESETS } from '@ferry/core';
import { slack } from '@ferry/sandbox';
import { describe, expect, it } from 'vitest';
import { SANDBOX_PACING } from './sandbox.js';

/** Messages per minute a rate limit allows. */
function perMinute(
  limit: { readonly perSecond: number } | { readonly limit: number; readonly windowMs: number },
) {
  return 'perSecond' in limit ? limit.perSecond * 60 : (limit.limit * 60_000) / limit.windowMs;
}

describe('the Slack workspace-wide chat.postMessage cap (an assumption: Slack publishes no figure)', () => {
  it('is one figure: core paces to exactly what the emulator enforces, so rehearsals see the planned limit', () => {
    const global = PACING_PRESETS.slack.global;
    if (global === undefined || Array.isArray(global) || typeof global === 'function')
      throw new Error('the Slack preset has no single global limit');
    expect(perMinute(global)).toBe(slack.defaultSlackLimits.workspacePerMinute);
    expect(perMinute(SANDBOX_PACING.global)).toBe(slack.defaultSlackLimits.workspacePerMinute);
  });
});
