import type { ChannelName } from '../capabilities/types.js';
import type { FidelityNote, Severity } from '../model/notes.js';

/** The notes of one item (a template, a flow, an interactive message) fitted for a target. */
export interface ReportItem {
  readonly item: string;
  readonly notes: readonly FidelityNote[];
}

/** What a migration loses on one target: counts by severity, the notes per item, and a readable summary. */
export interface FidelityReport {
  readonly target: ChannelName;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly items: readonly ReportItem[];
  /** The summary a person reads: counts, then every note with its item and path, worst first. */
  readonly text: string;
}

const ORDER: readonly Severity[] = ['lost', 'degraded', 'info'];

/** Builds the fidelity report of several items for one target; the object is also its JSON form. */
export function fidelityReport(items: readonly ReportItem[], target: ChannelName): FidelityReport {
  const counts: Record<Severity, number> = { info: 0, degraded: 0, lost: 0 };
  for (const { notes } of items) for (const { severity } of notes) counts[severity]++;
  const total = counts.info + counts.degraded + counts.lost;
  const lines = [
    `Fidelity report for ${target}: ${items.length} item(s), ${total} note(s) — ${counts.lost} lost, ${counts.degraded} degraded, ${counts.info} info.`,
  ];
  for (const severity of ORDER) {
    const entries = items.flatMap(({ item, notes }) =>
      notes
        .filter((note) => note.severity === severity)
        .map((note) => `  - ${item} › ${note.path}: ${note.reason}`),
    );
    if (entries.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${entries.length})`, ...entries);
  }
  if (total === 0) lines.push('', 'Nothing changes: every item is shown as it is.');
  return {
    target,
    counts,
    items: items.map(({ item, notes }) => ({ item, notes: [...notes] })),
    text: lines.join('\n'),
  };
}
