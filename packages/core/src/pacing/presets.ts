import type { PacerOptions } from './pacer.js';
import type { RateLimit } from './rate-limit.js';

/** The limits half of {@link PacerOptions}: `new Pacer({ clock, ...PACING_PRESETS.telegram })`. */
export type PacingPreset = Pick<PacerOptions, 'global' | 'perKey'>;

/** WhatsApp's pair rate: about one message per 6 s from one business number to one user. */
const whatsappPairRate: RateLimit = { limit: 1, windowMs: 6_000 };

/**
 * Published platform send limits as pacing presets; keys are the platform's per-key scope
 * (Telegram chat, Slack channel, WhatsApp recipient). Always also honour the platform's
 * retry-after with `Pacer.pause`.
 */
export const PACING_PRESETS = {
  /**
   * Telegram bulk sends: about 30 messages/s overall and 1 message/s per chat.
   * Groups also allow only 20 messages/min: for them, give `perKey` as a function returning
   * `[{ perSecond: 1 }, { limit: 20, windowMs: 60_000 }]` for group chat ids (negative in the Bot API).
   * @see PLATFORMS.md §2.3 (core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)
   */
  telegram: { global: { perSecond: 30 }, perKey: { perSecond: 1 } },
  /**
   * Telegram with `allow_paid_broadcast`: up to 1000 messages/s (0.1 Star each), still 1/s per chat.
   * @see PLATFORMS.md §2.3 (Paid broadcast)
   */
  telegramPaidBroadcast: { global: { perSecond: 1000, burst: 10 }, perKey: { perSecond: 1 } },
  /**
   * Slack `chat.postMessage` (a "Special" tier): 1 message/s per channel, as published, plus a
   * workspace-wide limit Slack publishes no figure for. ASSUMPTION: 100/min, the floor of Tier 4
   * (the highest published tier); the sandbox's Slack emulator enforces the same figure
   * (`defaultSlackLimits.workspacePerMinute`). Raise it when the workspace tolerates more.
   * @see PLATFORMS.md §3.1 (docs.slack.dev/apis/web-api/rate-limits)
   * @see packages/sandbox/src/slack/defaults.ts
   */
  slack: { global: { limit: 100, windowMs: 60_000 }, perKey: { perSecond: 1 } },
  /**
   * Discord: 50 requests/s per bot; per-route buckets come from the response headers, so apply
   * them with `Pacer.pause(resetAfterMs, route)` rather than guessing.
   * @see PLATFORMS.md §4.4 (discord developers/topics/rate-limits)
   */
  discord: { global: { perSecond: 50 } },
  /**
   * WhatsApp Cloud API at the default throughput of 80 messages/s per number (inbound counts
   * too), and the pair rate of 1 message per 6 s per user.
   * @see PLATFORMS.md §1.5 (Meta "Throughput"; pair rate)
   */
  whatsapp80: { global: { perSecond: 80 }, perKey: whatsappPairRate },
  /**
   * WhatsApp Cloud API after the automatic upgrade to 1000 messages/s, with the pair rate.
   * @see PLATFORMS.md §1.5 (Meta "Throughput"; pair rate)
   */
  whatsapp1000: { global: { perSecond: 1000, burst: 10 }, perKey: whatsappPairRate },
  /**
   * WhatsApp coexistence numbers (Business app + Cloud API), fixed at 20 messages/s, with the pair rate.
   * @see PLATFORMS.md §1.5 (Meta "Throughput")
   */
  whatsappCoexistence: { global: { perSecond: 20 }, perKey: whatsappPairRate },
} as const satisfies Readonly<Record<string, PacingPreset>>;

/** The name of a built-in pacing preset. */
export type PacingPresetName = keyof typeof PACING_PRESETS;
