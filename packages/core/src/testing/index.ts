/**
 * @ferry/core/testing — helpers for tests of code built on core: a clock that moves only when told,
 * and the shared contract suite every channel runs against its emulator (imports vitest).
 */

export {
  type ChannelContractHarness,
  contractMessages,
  describeChannelContract,
} from './channel-contract.js';
export { ClockDriver } from './clock-driver.js';
export { CONTRACT_MESSAGES } from './contract-messages.js';
export { repositoryRoot, whatsappFixturesDir } from './fixtures.js';
export type { RunAllOptions } from './manual-clock.js';
export { ManualClock } from './manual-clock.js';
