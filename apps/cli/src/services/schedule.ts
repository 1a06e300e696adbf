import type { AudienceQuery, ChannelName } from '@ferry/core';
import type { NormalizedPlan, NormalizedWave } from '@ferry/engine';

const DAY_MS = 86_400_000;

/** When one wave starts and finishes, given its audience, the messaging tier, throughput and send window. */
export interface WaveSchedule {
  readonly wave: string;
  readonly template: string;
  readonly startsAt: number;
  /** Recipients the wave's audience holds today (undefined when nothing is imported yet). */
  readonly audience?: number;
  /** 24-hour windows the wave needs: the tier caps unique users per moving 24 h. */
  readonly days: number;
  /** When the last notice goes out, at full throughput inside the send window. */
  readonly finishesAt: number;
  readonly beforeCutoff: boolean;
  /** The next wave starts before this one finishes. */
  readonly overlapsNext: boolean;
}

/** The audience a wave targets, as a store query: opted-in, not linked yet when asked, and its filters. */
export function waveAudienceQuery(plan: NormalizedPlan, wave: NormalizedWave): AudienceQuery {
  const targets = (['telegram', 'slack', 'discord'] as const).filter(
    (target) => plan.targets[target] !== undefined,
  );
  return {
    consent: 'opted-in',
    ...(wave.audience.notLinked && targets.length > 0 ? { notLinkedTo: targets as ChannelName[] } : {}),
    ...(wave.audience.countries === undefined ? {} : { countries: wave.audience.countries }),
    ...(wave.audience.tags === undefined ? {} : { tagsAny: wave.audience.tags }),
    ...(wave.audience.languages === undefined ? {} : { languages: wave.audience.languages }),
  };
}

/**
 * Notices one day can carry: the tier's unique-user limit, and the throughput over the send window.
 * @see PLATFORMS.md §1.5 (messaging limits per moving 24 h; 80 messages per second by default)
 */
export function dailyCapacity(plan: NormalizedPlan, wave: NormalizedWave): number {
  const windowMinutes =
    wave.sendWindow === undefined
      ? 24 * 60
      : (wave.sendWindow.toMinute - wave.sendWindow.fromMinute + 24 * 60) % (24 * 60) || 24 * 60;
  const byThroughput = plan.whatsapp.throughputPerSecond * windowMinutes * 60;
  return plan.whatsapp.messagingLimit === null
    ? byThroughput
    : Math.min(plan.whatsapp.messagingLimit, byThroughput);
}

/** The schedule of every wave, in plan order; `audiences` holds each wave's recipient count when known. */
export function scheduleWaves(
  plan: NormalizedPlan,
  audiences: ReadonlyMap<string, number> = new Map(),
): WaveSchedule[] {
  return plan.waves.map((wave, index) => {
    const audience = audiences.get(wave.id);
    const recipients = audience ?? 0;
    const capacity = Math.max(1, dailyCapacity(plan, wave));
    const days = Math.max(1, Math.ceil(recipients / capacity));
    const lastDay = recipients - (days - 1) * capacity;
    const finishesAt =
      wave.at + (days - 1) * DAY_MS + Math.ceil((lastDay / plan.whatsapp.throughputPerSecond) * 1000);
    const next = plan.waves[index + 1];
    return {
      wave: wave.id,
      template: `${wave.template.name} (${wave.template.language})`,
      startsAt: wave.at,
      ...(audience === undefined ? {} : { audience }),
      days,
      finishesAt,
      beforeCutoff: finishesAt <= plan.cutoff.at,
      overlapsNext: next !== undefined && finishesAt > next.at,
    };
  });
}
