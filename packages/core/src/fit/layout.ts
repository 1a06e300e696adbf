import type { ChannelCapabilities } from '../capabilities/types.js';

/**
 * How a fitted message's buttons are laid out: row sizes, each at most `maxPerRow`. Renderers use
 * this so every channel lays out the same way (`fit` already guarantees the rows fit).
 * @see PLATFORMS.md §2.3 (8 per row [S]) and §4.2 (5 per row [P])
 */
export function buttonRows(count: number, caps: ChannelCapabilities): number[] {
  const perRow = Math.max(1, caps.replyButtons.maxPerRow);
  const rows: number[] = [];
  for (let left = count; left > 0; left -= perRow) rows.push(Math.min(perRow, left));
  return rows;
}
