export type { FerryErrorCode, FerryErrorOptions } from './ferry-error.js';
export { AuthError, ConfigError, FerryError, InputError, isFerryError } from './ferry-error.js';
export { redact } from './redact.js';
