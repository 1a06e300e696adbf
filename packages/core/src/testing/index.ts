/**
 * @ferry/core/testing — helpers for tests of code built on core: a clock that moves only when told.
 */
export type { RunAllOptions } from './manual-clock.js';
export { ManualClock } from './manual-clock.js';
