export { planJsonSchema, planJsonSchemaText } from './json-schema.js';
export { type LoadPlanOptions, loadPlan, readPlanFile } from './load.js';
export { LINKING_DEFAULTS, WHATSAPP_DEFAULTS } from './normalize.js';
export { WIND_DOWN_MS } from './rules.js';
export {
  MESSAGING_TIERS,
  type MessagingTier,
  PLAN_VERSION,
  type PlanInput,
  planSchema,
  SOURCE_KINDS,
  type SourceKind,
  TARGET_NAMES,
  type TargetName,
} from './schema.js';
export { CREDENTIAL_ENV_VARS } from './secrets.js';
export { type PlanSkeletonOptions, planSkeleton } from './skeleton.js';
export type { TemplateSummary } from './template-check.js';
export type * from './types.js';
