/**
 * Readers: pure functions that turn WhatsApp artefacts (template exports, Flow JSON, webhook logs,
 * sent-message logs) into Ferry's neutral model, reporting every problem as a {@link ReadIssue}.
 */

export { FLOW_JSON_MAJOR_VERSIONS, type ReadFlowOptions, readFlow } from './flow/read-flow.js';
export type { ImportedFlow } from './flow/types.js';
export { findJsonSyntaxError, type JsonSyntaxError } from './json-syntax.js';
export { readSentLog } from './sent/read-sent-log.js';
export type { SentLogEntry } from './sent/types.js';
export { TEMPLATE_LIMITS } from './templates/limits.js';
export { readTemplates } from './templates/read-templates.js';
export type { ImportedTemplate, TemplateParameter, TemplateParameterFormat } from './templates/types.js';
export type {
  ArtifactKind,
  DetectedArtifact,
  ReaderOptions,
  ReadIssue,
  ReadResult,
} from './types.js';
export { detectArtifactKind } from './types.js';
export {
  isOptOutButton,
  isOptOutKeyword,
  normaliseForOptOut,
  OPT_OUT_BUTTON_PREFIXES,
  OPT_OUT_KEYWORDS,
} from './webhook/opt-out.js';
export { readWebhookLog } from './webhook/read-webhook-log.js';
export type {
  ContactFact,
  InboundMessageFact,
  OptOutFact,
  ReadWebhookLogOptions,
  StatusError,
  StatusFact,
  WebhookFact,
} from './webhook/types.js';
