export * from './import/index.js';
