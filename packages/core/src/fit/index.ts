export type { FitOptions } from './context.js';
export { type FitResult, fit } from './fit.js';
export { buttonRows } from './layout.js';
export { fitsLimit, measure, truncateToLimit } from './measure.js';
export { ShortIdTable, type ShortIdTableJson } from './short-id.js';
export { splitRichText } from './split-text.js';
