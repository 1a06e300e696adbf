export { GroupCommitter } from './committer.js';
export {
  type CampaignMessage,
  canSendTemplates,
  needsLink,
  type Personalisation,
  personaliseMessage,
  personaliseTemplate,
  type TemplateChannel,
  type TemplateComponent,
  type TemplateMessage,
  type TemplateParameter,
  type TemplateSpec,
  type TemplateTextParameter,
} from './message.js';
export {
  applyDeliveryStatus,
  type DeliveryStatus,
  type DeliveryStatusResult,
  requeueUnconfirmed,
} from './reconcile.js';
export { recoverInFlight } from './recovery.js';
export { blockedTag, CampaignRun, runCampaign, sendKeyOf } from './runner.js';
export { countryOf, isInSendWindow, localHour, type SendWindow } from './send-window.js';
export type {
  CampaignDefinition,
  CampaignEvent,
  CampaignProgress,
  CampaignReport,
  CampaignRunOptions,
  LinkIssuer,
  RecoveryCounts,
  RunCounts,
  RunEnd,
} from './types.js';
