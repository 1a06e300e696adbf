import type { WhatsAppAccount, WhatsAppEmulatorOptions, WhatsAppLimits } from './types.js';

/** Test defaults for the business account. */
export const DEFAULT_WHATSAPP_ACCOUNT: WhatsAppAccount = {
  version: 'v23.0',
  phoneNumberId: '106540352242922',
  wabaId: '102290129340398',
  displayPhoneNumber: '15550783881',
  verifiedName: 'Ferry Sandbox',
  qualityRating: 'GREEN',
  accessToken: 'EAAsandbox-whatsapp-access-token',
  appSecret: 'sandbox-app-secret',
  verifyToken: 'sandbox-verify-token',
};

/** Default limits. @see PLATFORMS.md §1.5, §1.7 */
export const DEFAULT_WHATSAPP_LIMITS: WhatsAppLimits = {
  throughputPerSecond: 80,
  pairRate: { messages: 1, perMs: 6000, burst: 1 },
  tier: 250,
  enforce24hWindow: true,
  windowViolation: 'fail-async',
};

const TIERS: readonly unknown[] = [250, 2000, 10000, 100000, 'unlimited'];

/** Merges limit options over the defaults and refuses values the platform does not have. */
export function resolveLimits(options: WhatsAppEmulatorOptions): WhatsAppLimits {
  const given = options.limits ?? {};
  const limits: WhatsAppLimits = {
    ...DEFAULT_WHATSAPP_LIMITS,
    ...given,
    pairRate: { ...DEFAULT_WHATSAPP_LIMITS.pairRate, ...given.pairRate },
  };
  const { throughputPerSecond, pairRate, tier } = limits;
  if (!Number.isInteger(throughputPerSecond) || throughputPerSecond < 1 || throughputPerSecond > 1000)
    throw new RangeError('limits.throughputPerSecond must be an integer from 1 to 1000 (PLATFORMS.md §1.5).');
  if (!(pairRate.messages > 0 && pairRate.perMs > 0 && pairRate.burst >= 1))
    throw new RangeError('limits.pairRate needs messages > 0, perMs > 0 and burst >= 1.');
  if (!TIERS.includes(tier)) throw new RangeError(`limits.tier must be one of ${TIERS.join(', ')}.`);
  return limits;
}
