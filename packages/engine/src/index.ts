export * from './budget/index.js';
export * from './campaign/index.js';
export * from './funnel/index.js';
export * from './import/index.js';
export * from './linking/index.js';
export * from './plan/index.js';
export * from './retry/index.js';
