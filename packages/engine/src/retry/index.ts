export {
  backoffDelay,
  decideRetry,
  RETRY_PRESETS,
  type RetryDecision,
  type RetryPolicy,
  type RetryPresetName,
  retryPolicyOf,
} from './policy.js';
