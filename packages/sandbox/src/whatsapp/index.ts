export { DEFAULT_WHATSAPP_ACCOUNT, DEFAULT_WHATSAPP_LIMITS } from './config.js';
export { type VerificationResult, WhatsAppEmulator } from './emulator.js';
export { GRAPH_ERROR_TITLES } from './graph-errors.js';
export type { TemplateCategory, TemplateInit, TemplateRegistry, WhatsAppTemplate } from './templates.js';
export type {
  MessagingTier,
  OutboundMessage,
  OutboundStatus,
  PairRateLimit,
  SimulatedUserInit,
  StatusDelivery,
  TemplateStatus,
  UserMessage,
  WebhookDelivery,
  WebhookEnvelope,
  WebhookError,
  WhatsAppAccount,
  WhatsAppCredentials,
  WhatsAppEmulatorOptions,
  WhatsAppLimits,
  WhatsAppLimitsOptions,
} from './types.js';
export type { InboundResult, SimulatedUser, UserDirectory } from './users.js';
export { type RecordedWebhook, WhatsAppWebhookRecorder } from './webhook-recorder.js';
