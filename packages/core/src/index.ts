/**
 * @ferry/core — the channel-neutral model and pure logic every Ferry package stands on.
 * No I/O: no network, no files, no clock except the injected one.
 */

export * from './capabilities/index.js';
export * from './contract/index.js';
export * from './domain/index.js';
export * from './errors/index.js';
export * from './fit/index.js';
export * from './markup/index.js';
export * from './model/index.js';
export * from './pacing/index.js';
export * from './report/index.js';
export * from './tokens/index.js';
