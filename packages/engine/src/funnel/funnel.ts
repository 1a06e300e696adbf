import type { ChannelName, Clock, Contact, FerryStore, JournalEntry } from '@ferry/core';
import { systemClock } from '@ferry/core';
import { countryOf } from '../campaign/send-window.js';

/** The funnel's stages, in order. */
export const FUNNEL_STAGES = ['notified', 'delivered', 'read', 'linked', 'active'] as const;

/** One stage of the funnel. */
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** How many recipients reached each stage. */
export type FunnelCounts = Readonly<Record<FunnelStage, number>>;

/**
 * Conversion rates between stages (0–1; `null` when the earlier stage is empty): delivered/notified,
 * read/delivered, linked/notified, active/linked, and overall active/notified.
 */
export interface FunnelRates {
  readonly delivered: number | null;
  readonly read: number | null;
  readonly linked: number | null;
  readonly active: number | null;
  readonly overall: number | null;
}

/** One row: a campaign's recipients on one target, in one country and language. */
export interface FunnelRow {
  readonly campaignId: string;
  readonly target: ChannelName;
  /** ISO country, or `unknown`. */
  readonly country: string;
  /** Language as WhatsApp spells it, or `unknown`. */
  readonly language: string;
  readonly counts: FunnelCounts;
  readonly rates: FunnelRates;
}

/** Series for the CLI's bar charts: one series per campaign and target, one value per stage. */
export interface FunnelChart {
  readonly stages: readonly FunnelStage[];
  readonly series: readonly { readonly label: string; readonly values: readonly number[] }[];
}

/** The funnel as JSON. */
export interface FunnelReport {
  readonly generatedAt: number;
  readonly rows: readonly FunnelRow[];
  /** Every row summed per campaign and target. */
  readonly totals: readonly FunnelRow[];
  readonly chart: FunnelChart;
}

/** Options of {@link computeFunnel}. */
export interface FunnelOptions {
  /** The campaigns to report (default: every campaign in the store). */
  readonly campaignIds?: readonly string[];
  /** The target channels users move to (default: telegram, slack and discord). */
  readonly targets?: readonly ChannelName[];
  /**
   * Where routing sends a contact (`stay` or `undefined`: nowhere). Each recipient counts under
   * exactly one target: the one they linked on if any, else this answer, else the first of `targets`;
   * a recipient routed nowhere (or to a target not in `targets`) who never linked is left out.
   */
  readonly targetOf?: (contact: Contact) => ChannelName | 'stay' | undefined;
  readonly clock?: Pick<Clock, 'now'>;
}

const PAGE = 1000;
/** Inbound messages looked at per linked contact to decide whether they are active. */
const HISTORY_DEPTH = 50;

type Mutable = Record<FunnelStage, number>;

function zero(): Mutable {
  return { notified: 0, delivered: 0, read: 0, linked: 0, active: 0 };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Conversion rates of one set of counts. */
export function funnelRates(counts: FunnelCounts): FunnelRates {
  return {
    delivered: ratio(counts.delivered, counts.notified),
    read: ratio(counts.read, counts.delivered),
    linked: ratio(counts.linked, counts.notified),
    active: ratio(counts.active, counts.linked),
    overall: ratio(counts.active, counts.notified),
  };
}

/**
 * Tracks each notified recipient through notified → delivered → read (WhatsApp statuses) →
 * linked (an identity on the target) → active (an inbound message on the target after linking),
 * per campaign, target, country and language, reading the journal page by page; each recipient
 * counts under one target (see {@link FunnelOptions.targetOf}).
 */
export async function computeFunnel(store: FerryStore, options: FunnelOptions = {}): Promise<FunnelReport> {
  const targets = options.targets ?? (['telegram', 'slack', 'discord'] as const);
  const campaignIds = options.campaignIds ?? (await store.campaigns.list()).map((campaign) => campaign.id);
  const groups = new Map<string, { row: Omit<FunnelRow, 'counts' | 'rates'>; counts: Mutable }>();
  const bump = (
    campaignId: string,
    target: ChannelName,
    country: string,
    language: string,
    stage: FunnelStage,
  ) => {
    const key = JSON.stringify([campaignId, target, country, language]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { row: { campaignId, target, country, language }, counts: zero() };
      groups.set(key, group);
    }
    group.counts[stage]++;
  };
  for (const campaignId of campaignIds) {
    let cursor = 0;
    for (;;) {
      const entries = await store.journal.listByState(campaignId, 'sent', {
        limit: PAGE,
        afterContactId: cursor,
      });
      if (entries.length === 0) break;
      cursor = entries.at(-1)?.contactId ?? cursor;
      for (const entry of entries) await countEntry(store, entry, targets, options.targetOf, bump);
    }
  }
  const rows = [...groups.values()]
    .map(({ row, counts }) => ({ ...row, counts, rates: funnelRates(counts) }))
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const totals = sumByCampaignAndTarget(rows);
  return {
    generatedAt: (options.clock ?? systemClock).now(),
    rows,
    totals,
    chart: {
      stages: FUNNEL_STAGES,
      series: totals.map((total) => ({
        label: `${total.campaignId} → ${total.target}`,
        values: FUNNEL_STAGES.map((stage) => total.counts[stage]),
      })),
    },
  };
}

function keyOf(row: Pick<FunnelRow, 'campaignId' | 'target' | 'country' | 'language'>): string {
  return `${row.campaignId}\u0000${row.target}\u0000${row.country}\u0000${row.language}`;
}

async function countEntry(
  store: FerryStore,
  entry: JournalEntry,
  targets: readonly ChannelName[],
  targetOf: FunnelOptions['targetOf'],
  bump: (
    campaignId: string,
    target: ChannelName,
    country: string,
    language: string,
    stage: FunnelStage,
  ) => void,
): Promise<void> {
  const contact = await store.contacts.get(entry.contactId);
  const country = (contact === undefined ? undefined : countryOf(contact)) ?? 'unknown';
  const language = contact?.language ?? 'unknown';
  const identities = await store.identities.listByContact(entry.contactId);
  const linked = identities
    .filter((identity) => targets.includes(identity.channel))
    .sort((a, b) => a.linkedAt - b.linkedAt)[0];
  const target = linked?.channel ?? routedTarget(contact, targets, targetOf);
  if (target === undefined) return;
  const count = (stage: FunnelStage) => bump(entry.campaignId, target, country, language, stage);
  count('notified');
  if (entry.deliveredAt !== undefined || entry.readAt !== undefined) count('delivered');
  if (entry.readAt !== undefined) count('read');
  if (linked === undefined) return;
  count('linked');
  const history = await store.history.recent(entry.contactId, HISTORY_DEPTH);
  // Platforms stamp messages to the second (Telegram's `date`, the seconds of Slack's `ts`), so a
  // message in the second the link was made counts as after it.
  const linkedSecond = Math.floor(linked.linkedAt / 1000);
  const active = history.some(
    (item) =>
      item.channel === target && item.direction === 'inbound' && Math.floor(item.at / 1000) >= linkedSecond,
  );
  if (active) count('active');
}

/** The one target a recipient who has not linked counts under, or undefined when routing keeps them. */
function routedTarget(
  contact: Contact | undefined,
  targets: readonly ChannelName[],
  targetOf: FunnelOptions['targetOf'],
): ChannelName | undefined {
  if (targetOf === undefined || contact === undefined) return targets[0];
  const target = targetOf(contact);
  return target === undefined || target === 'stay' || !targets.includes(target) ? undefined : target;
}

function sumByCampaignAndTarget(rows: readonly FunnelRow[]): FunnelRow[] {
  const totals = new Map<string, { campaignId: string; target: ChannelName; counts: Mutable }>();
  for (const row of rows) {
    const key = `${row.campaignId}\u0000${row.target}`;
    let total = totals.get(key);
    if (total === undefined) {
      total = { campaignId: row.campaignId, target: row.target, counts: zero() };
      totals.set(key, total);
    }
    for (const stage of FUNNEL_STAGES) total.counts[stage] += row.counts[stage];
  }
  return [...totals.values()].map((total) => ({
    campaignId: total.campaignId,
    target: total.target,
    country: 'all',
    language: 'all',
    counts: total.counts,
    rates: funnelRates(total.counts),
  }));
}
