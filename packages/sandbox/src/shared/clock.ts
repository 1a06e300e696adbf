/** The sandbox's time source; injectable so limit windows can be tested without sleeping. */
export interface SandboxClock {
  now(): number;
}

export const wallClock: SandboxClock = { now: () => Date.now() };
