export {
  type BudgetWarning,
  PAIR_RATE_INTERVAL_MS,
  planWaves,
  type WaveBudgetPlan,
  type WaveBudgetResult,
  type WavePlan,
  type WaveSpec,
} from './plan-waves.js';
