import { MESSAGING_TIERS, type MessagingTier } from '../plan/schema.js';

/** WhatsApp's pair rate: about one message per 6 s from one number to one user. @see PLATFORMS.md §1.5 */
export const PAIR_RATE_INTERVAL_MS = 6_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The share of the throughput the pacer holds back (core's default pacing margin). */
const PACING_MARGIN = 0.025;

/** One wave of the move notice (or a free-form follow-up). */
export interface WaveSpec {
  readonly name: string;
  /** The key of this wave's audience in `audienceSizes`. */
  readonly audience: string;
  /** Not before this time (ms since epoch); default: when the previous wave ends. */
  readonly notBefore?: number;
  /** `template` (default) may go to anyone; `free-form` only inside the 24 h customer-service window. */
  readonly kind?: 'template' | 'free-form';
  /** How many of the audience wrote to the business in the last 24 h (inside the window; default 0). */
  readonly insideServiceWindow?: number;
  /** Messages per recipient (default 1); more than one is spaced by the pair rate. */
  readonly messagesPerRecipient?: number;
}

/** The sending budget and timeline to plan against. */
export interface WaveBudgetPlan {
  /** When sending may start (ms since epoch). */
  readonly start: number;
  /** When the WhatsApp number goes quiet (ms since epoch). */
  readonly cutoff: number;
  readonly tier: MessagingTier;
  /** Messages per second of the number: 80 by default, 1000 after the upgrade, 20 for coexistence. @see PLATFORMS.md §1.5 "Throughput" */
  readonly throughputPerSecond: number;
  /** Inbound messages per second expected meanwhile: throughput counts inbound plus outbound. */
  readonly inboundPerSecond?: number;
  readonly waves: readonly WaveSpec[];
}

/** A planning warning, with a stable code for the CLI. */
export interface BudgetWarning {
  readonly code:
    | 'cutoff-missed'
    | 'free-form-outside-window'
    | 'unknown-audience'
    | 'throughput-needs-unlimited-tier'
    | 'inbound-exceeds-throughput'
    | 'starts-after-cutoff';
  readonly message: string;
  readonly wave?: string;
}

/** When one wave can go, at the plan's tier and throughput. */
export interface WavePlan {
  readonly name: string;
  readonly recipients: number;
  /** Recipients that count against the tier (those outside the service window). */
  readonly countedAgainstTier: number;
  readonly startsAt: number;
  readonly finishesAt: number;
  /** What sets the pace: the tier's 24 h budget or the throughput. */
  readonly limitedBy: 'tier' | 'throughput';
  readonly meetsCutoff: boolean;
}

/** The result of {@link planWaves}. */
export interface WaveBudgetResult {
  readonly waves: readonly WavePlan[];
  /** When the last wave finishes (ms since epoch); `start` when there is nothing to send. */
  readonly lastFinishAt: number;
  readonly meetsCutoff: boolean;
  /** The lowest tier at which every wave meets the cutoff, if any. */
  readonly tierNeeded: MessagingTier | undefined;
  readonly warnings: readonly BudgetWarning[];
}

function tierLimit(tier: MessagingTier): number {
  return tier === 'unlimited' ? Number.POSITIVE_INFINITY : tier;
}

function timeline(
  plan: WaveBudgetPlan,
  audienceSizes: Readonly<Record<string, number>>,
  tier: MessagingTier,
) {
  const limit = tierLimit(tier);
  const rate = Math.max(0, plan.throughputPerSecond * (1 - PACING_MARGIN) - (plan.inboundPerSecond ?? 0));
  // Tier use as (time, count) blocks; a block frees its users 24 h after it started (conservative).
  const blocks: { at: number; count: number }[] = [];
  let time = plan.start;
  const waves: WavePlan[] = [];
  for (const wave of plan.waves) {
    const recipients = audienceSizes[wave.audience] ?? 0;
    const inside = Math.min(recipients, wave.insideServiceWindow ?? 0);
    // A free-form wave can only go to those inside the window, and they do not count against the tier.
    const counted = wave.kind === 'free-form' ? 0 : recipients - inside;
    const sendable = wave.kind === 'free-form' ? inside : recipients;
    const messages = Math.max(1, wave.messagesPerRecipient ?? 1);
    time = Math.max(time, wave.notBefore ?? plan.start);
    const startsAt = time;
    let limitedBy: WavePlan['limitedBy'] = 'throughput';
    let remainingCounted = counted;
    let remainingFree = sendable - counted;
    while (remainingCounted > 0 || remainingFree > 0) {
      if (rate <= 0) {
        time = Number.POSITIVE_INFINITY;
        break;
      }
      let chunk = remainingFree;
      if (remainingCounted > 0) {
        const used = blocks
          .filter((block) => block.at > time - DAY_MS)
          .reduce((sum, block) => sum + block.count, 0);
        const available = limit - used;
        if (available <= 0) {
          const oldest = blocks.find((block) => block.at > time - DAY_MS);
          time = (oldest?.at ?? time) + DAY_MS;
          limitedBy = 'tier';
          continue;
        }
        const taken = Math.min(available, remainingCounted);
        blocks.push({ at: time, count: taken });
        remainingCounted -= taken;
        chunk += taken;
        if (remainingCounted > 0) limitedBy = 'tier';
      }
      remainingFree = 0;
      time += ((chunk * messages) / rate) * 1000;
    }
    if (messages > 1 && sendable > 0)
      time = Math.max(time, startsAt + (messages - 1) * PAIR_RATE_INTERVAL_MS);
    waves.push({
      name: wave.name,
      recipients,
      countedAgainstTier: counted,
      startsAt,
      finishesAt: time,
      limitedBy,
      meetsCutoff: time <= plan.cutoff,
    });
  }
  return waves;
}

/**
 * Plans the notice waves against WhatsApp's budgets before anything is sent: the messaging tier
 * (unique users per rolling 24 h), the number's throughput (less the margin and the inbound share),
 * the pair rate, and the 24 h customer-service window for free-form messages. Says when each wave
 * and the last one can finish at the current tier, which tier would meet the cutoff, and warns
 * when it cannot be met. `audienceSizes` maps each wave's `audience` key to a count (`countAudience`).
 * @see PLATFORMS.md §1.5 and §1.7
 */
export function planWaves(
  plan: WaveBudgetPlan,
  audienceSizes: Readonly<Record<string, number>>,
): WaveBudgetResult {
  const warnings: BudgetWarning[] = [];
  if (plan.start >= plan.cutoff)
    warnings.push({
      code: 'starts-after-cutoff',
      message: 'Sending starts at or after the cutoff: nothing can be sent in time.',
    });
  if (plan.throughputPerSecond > 80 && plan.tier !== 'unlimited')
    warnings.push({
      code: 'throughput-needs-unlimited-tier',
      message: `A throughput of ${plan.throughputPerSecond}/s needs the unlimited messaging tier; at tier ${plan.tier} the number sends at 80/s.`,
    });
  if ((plan.inboundPerSecond ?? 0) >= plan.throughputPerSecond * (1 - PACING_MARGIN))
    warnings.push({
      code: 'inbound-exceeds-throughput',
      message:
        'Inbound traffic alone uses the whole throughput (it counts inbound plus outbound): no notice can go out.',
    });
  for (const wave of plan.waves) {
    if (audienceSizes[wave.audience] === undefined)
      warnings.push({
        code: 'unknown-audience',
        wave: wave.name,
        message: `Wave "${wave.name}" names an audience with no size ("${wave.audience}").`,
      });
    const recipients = audienceSizes[wave.audience] ?? 0;
    const outside = recipients - Math.min(recipients, wave.insideServiceWindow ?? 0);
    if (wave.kind === 'free-form' && outside > 0)
      warnings.push({
        code: 'free-form-outside-window',
        wave: wave.name,
        message: `Wave "${wave.name}" is free-form but ${outside} recipients are outside the 24 h window: only a template reaches them (error 131047); they are left out.`,
      });
  }
  // The upgrade above 80/s is only for portfolios with the unlimited tier.
  const throughputAt = (tier: MessagingTier) =>
    tier === 'unlimited' ? plan.throughputPerSecond : Math.min(80, plan.throughputPerSecond);
  const waves = timeline({ ...plan, throughputPerSecond: throughputAt(plan.tier) }, audienceSizes, plan.tier);
  const lastFinishAt = waves.reduce((latest, wave) => Math.max(latest, wave.finishesAt), plan.start);
  const meetsCutoff = lastFinishAt <= plan.cutoff && plan.start < plan.cutoff;
  for (const wave of waves) {
    if (wave.meetsCutoff) continue;
    warnings.push({
      code: 'cutoff-missed',
      wave: wave.name,
      message: Number.isFinite(wave.finishesAt)
        ? `Wave "${wave.name}" finishes ${new Date(wave.finishesAt).toISOString()}, after the cutoff ${new Date(plan.cutoff).toISOString()}, at tier ${plan.tier} (limited by ${wave.limitedBy}).`
        : `Wave "${wave.name}" can never finish: no throughput is left for it.`,
    });
  }
  let tierNeeded: MessagingTier | undefined;
  for (const tier of MESSAGING_TIERS) {
    const trial = timeline({ ...plan, throughputPerSecond: throughputAt(tier) }, audienceSizes, tier);
    if (plan.start < plan.cutoff && trial.every((wave) => wave.meetsCutoff)) {
      tierNeeded = tier;
      break;
    }
  }
  return { waves, lastFinishAt, meetsCutoff, tierNeeded, warnings };
}
