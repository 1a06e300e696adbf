export * from './import/index.js';
export * from './plan/index.js';
