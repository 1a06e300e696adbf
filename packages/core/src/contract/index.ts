export type * from './channel.js';
export type * from './events.js';
export type { Clock, Logger, LogLevel } from './ports.js';
export { silentLogger, systemClock } from './ports.js';
