export { type SandboxClock, wallClock } from './clock.js';
export {
  Emulator,
  type EmulatorOptions,
  type EmulatorRequest,
  type EmulatorResponse,
  parseBody,
} from './emulator.js';
export { FaultInjector, type FaultKind, type FaultOptions, type ScheduledFault } from './faults.js';
export { Ledger, type LedgerEntry } from './ledger.js';
export { seededRandom } from './random.js';
export { type LimitDecision, SlidingWindowLimiter } from './rate-limiter.js';
export { createEd25519Signer, type Ed25519Signer, hmacSha256Hex } from './signing.js';
export { Stats, type StatsSnapshot } from './stats.js';
