export { createWhatsAppChannel, WHATSAPP_DEFAULTS, WhatsAppChannel } from './channel/channel.js';
export type {
  WhatsAppChannelConfig,
  WhatsAppPacingPresetName,
  WhatsAppStatus,
  WhatsAppStatusError,
  WhatsAppStatusHandler,
} from './channel/types.js';
export { LINK_CLAIM_WORD, linkClaimToken, whatsAppInviteLink } from './link/invite.js';
export * from './readers/contacts/index.js';
export * from './readers/index.js';
export {
  FLOW_TOKEN_REWRITE_MS,
  type FlowTokenLookup,
  FlowTokenWriter,
} from './render/flow-token-lookup.js';
export {
  FLOW_TOKEN_CAPACITY,
  type FlowTokenNames,
  type FlowTokenRecorder,
  FlowTokenTable,
} from './render/flow-tokens.js';
export { MESSAGES_METHOD, renderWhatsApp } from './render/render.js';
export {
  type TemplateButtonParameter,
  type TemplateMediaValue,
  type TemplateMessage,
  type TemplateParameters,
  type TemplateParameterValue,
  templateBody,
  templateComponents,
  templateOfMeta,
} from './render/template.js';
export type { GraphError } from './send/graph.js';
export type { WhatsAppIdentity } from './send/identity.js';
export { outcomeOfGraphError, RETRY_AFTER_MS } from './send/outcomes.js';
export { normaliseRecipient } from './send/recipient.js';
export type { GraphTemplate } from './send/templates.js';
export { handleWhatsAppWebhook, type WebhookOptions } from './webhook/handle.js';
export { flowTokensOf, type ParsedWebhook, type ParseOptions, parseWebhook } from './webhook/parse.js';
export {
  answerVerificationChallenge,
  type VerificationAnswer,
  verifyWhatsAppSignature,
  WHATSAPP_SIGNATURE_HEADER,
  whatsAppSignature,
} from './webhook/verify.js';
