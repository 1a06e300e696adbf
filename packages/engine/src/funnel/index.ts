export {
  computeFunnel,
  FUNNEL_STAGES,
  type FunnelChart,
  type FunnelCounts,
  type FunnelOptions,
  type FunnelRates,
  type FunnelReport,
  type FunnelRow,
  type FunnelStage,
  funnelRates,
} from './funnel.js';
