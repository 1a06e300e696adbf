export type { PacerOptions, PacerStats, PacingDecision } from './pacer.js';
export { Pacer } from './pacer.js';
export type { PacingPreset, PacingPresetName } from './presets.js';
export { PACING_PRESETS } from './presets.js';
export type { RateLimit } from './rate-limit.js';
export { DEFAULT_PACING_MARGIN } from './rate-limit.js';
