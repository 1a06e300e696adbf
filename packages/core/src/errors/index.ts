export type { FerryErrorCode, FerryErrorOptions } from './ferry-error.js';
export { AuthError, ConfigError, FerryError, InputError, isFerryError } from './ferry-error.js';
export { networkErrorCode, wasNeverSent } from './network.js';
export { redact } from './redact.js';
