/**
 * @ferry/slack — Ferry's Slack channel: Block Kit and modals on @slack/web-api and @slack/bolt,
 * DMs paced per channel without head-of-line blocking, signed HTTP events and Socket Mode, linking.
 */
export { createSlackChannel, type EmailMatchResult, REQUIRED_SCOPES, SlackChannel } from './channel.js';
export { formModal } from './forms/modal.js';
export {
  type FormSession,
  type FormSessionStore,
  InMemoryFormSessionStore,
  type StoredForm,
} from './forms/store.js';
export { slackInviteInstructions, slackInviteLink } from './link/invite.js';
export { linkCodeModal, linkHomeView, linkPromptMessage } from './link/views.js';
export { SLACK_CHANNEL_CAPABILITIES } from './render/capabilities.js';
export { ACTION_IDS, CALLBACK_IDS } from './render/ids.js';
export type { SlackChannelConfig } from './types.js';
export {
  SLACK_SIGNATURE_WINDOW_SECONDS,
  SlackRequestVerifier,
  type SlackVerifierOptions,
  type SlackVerifyFailure,
  type SlackVerifyResult,
  slackSignature,
} from './webhook/verify.js';
