import type { ImportCounts } from './types.js';

/** Counts that can be added to while a file is read. */
export type MutableCounts = { -readonly [K in keyof ImportCounts]: ImportCounts[K] };

/** All-zero counts. */
export function emptyCounts(): MutableCounts {
  return {
    read: 0,
    imported: 0,
    created: 0,
    merged: 0,
    unchanged: 0,
    rejected: 0,
    warnings: 0,
    consentsAppended: 0,
    consentsExisting: 0,
    historyAppended: 0,
    deliveriesRecorded: 0,
  };
}
