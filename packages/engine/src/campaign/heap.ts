import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Asks V8 to keep this process's heap small (`--optimize-for-size`, process-wide, once). Without
 * it V8 lets a long campaign's short-lived garbage grow the heap to ~4 times the live data (a
 * 1,000,000-recipient run peaked above 200 MB of RSS); with it the heap stays near the live size at
 * no measurable CPU cost. Applied at run time, so `ferry notify` needs no command-line flags.
 */
export function preferLeanHeap(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--optimize-for-size');
}
