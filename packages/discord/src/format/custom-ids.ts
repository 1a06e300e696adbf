import { createHash } from 'node:crypto';

/**
 * The `custom_id`s Ferry itself puts on components and modals (reply buttons and menu rows carry
 * the message's own ids instead). Every one stays far under Discord's 100 characters.
 * @see PLATFORMS.md §4.2 (`custom_id` 1–100 chars)
 */
export const CustomIds = {
  menu: 'ferry:menu',
  linkButton: 'ferry:link',
  linkModal: 'ferry:link-modal',
  linkCodeInput: 'code',
  /** The button that opens view `screen` of a form. */
  formButton: (formKey: string, screen: number) => `ferry:form:${formKey}:${screen}`,
  /** The modal of view `screen` of a form. */
  formModal: (formKey: string, screen: number) => `ferry:modal:${formKey}:${screen}`,
} as const;

/** A parsed Ferry `custom_id` (or `undefined` for the message's own ids). */
export type FerryCustomId =
  | { readonly kind: 'menu' }
  | { readonly kind: 'link-button' }
  | { readonly kind: 'link-modal' }
  | { readonly kind: 'form-button' | 'form-modal'; readonly formKey: string; readonly screen: number };

/** Reads back a Ferry `custom_id`; anything else is a reply button or menu row id. */
export function parseCustomId(customId: string): FerryCustomId | undefined {
  if (customId === CustomIds.menu) return { kind: 'menu' };
  if (customId === CustomIds.linkButton) return { kind: 'link-button' };
  if (customId === CustomIds.linkModal) return { kind: 'link-modal' };
  const match = /^ferry:(form|modal):([A-Za-z0-9_-]+):(\d+)$/.exec(customId);
  if (match === null) return undefined;
  return {
    kind: match[1] === 'form' ? 'form-button' : 'form-modal',
    formKey: match[2] ?? '',
    screen: Number(match[3]),
  };
}

/** A short, stable key for a form id, so any form id fits in a `custom_id`. */
export function formKeyOf(formId: string): string {
  return createHash('sha256').update(formId).digest('base64url').slice(0, 12);
}
