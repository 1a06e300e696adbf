/**
 * Action ids Ferry itself uses; reply buttons and menu rows carry the message's own ids instead.
 * All start with `ferry:` so inbound handling can tell them apart from a reply button's id.
 */
export const ACTION_IDS = {
  /** The select built from a message's menu. */
  menu: 'ferry:menu',
  /** A button that opens the message's form as a modal; its `value` is the form id. */
  form: 'ferry:form',
  /** URL buttons need an `action_id` too; clicks on them are acknowledged and ignored. */
  urlPrefix: 'ferry:url:',
  /** The App Home / DM button that opens the link-code modal. */
  linkOpen: 'ferry:link-open',
  /** The link-code modal's input. */
  linkInput: 'ferry:link-code',
} as const;

/** `callback_id`s of the modals Ferry opens. */
export const CALLBACK_IDS = {
  form: 'ferry:form',
  link: 'ferry:link',
} as const;

/** True for ids of Ferry's own controls (never a reply button's id). */
export function isFerryActionId(actionId: string): boolean {
  return actionId.startsWith('ferry:');
}
