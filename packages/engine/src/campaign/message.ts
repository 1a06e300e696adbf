import type { Button, Channel, Contact, Message, SendOptions, SendOutcome } from '@ferry/core';

/** One text parameter of a template; `{{name}}`, `{{link}}` and `{{token}}` are filled per recipient. */
export interface TemplateTextParameter {
  readonly text: string;
  /** For templates created with `parameter_format: NAMED`. @see PLATFORMS.md §1.3 "Named parameters" */
  readonly name?: string;
}

/**
 * A WhatsApp template to send: name, language and parameters, with an optional URL button whose
 * dynamic suffix carries the recipient's link token (or whole invite link).
 * @see PLATFORMS.md §1.2 "Template" and §1.3 (URL buttons with a `{{1}}` suffix)
 */
export interface TemplateSpec {
  readonly name: string;
  readonly language: string;
  readonly header?: readonly TemplateTextParameter[];
  readonly body?: readonly TemplateTextParameter[];
  /** The URL button (by its index among the template's buttons) whose suffix is personal. */
  readonly urlButton?: { readonly index: number; readonly suffix: 'token' | 'link' };
}

/**
 * What a campaign sends: a channel-neutral message (announcements on Telegram, Slack, Discord,
 * or a free-form WhatsApp message inside the 24 h window) or a WhatsApp template (the move notice).
 * Text, footer and button URLs/titles of a neutral message may hold `{{name}}`, `{{link}}` and `{{token}}`.
 */
export type CampaignMessage =
  | { readonly kind: 'message'; readonly message: Message }
  | { readonly kind: 'template'; readonly template: TemplateSpec };

/** One template parameter as the Cloud API takes it. */
export interface TemplateParameter {
  readonly type: 'text';
  readonly text: string;
  readonly parameter_name?: string;
}

/** A template component as the Cloud API takes it (`template.components[]`). @see PLATFORMS.md §1.2 */
export type TemplateComponent =
  | { readonly type: 'header' | 'body'; readonly parameters: readonly TemplateParameter[] }
  | {
      readonly type: 'button';
      readonly sub_type: 'url';
      readonly index: string;
      readonly parameters: readonly TemplateParameter[];
    };

/** A template ready to send to one recipient: `template{name, language{code}, components}`. */
export interface TemplateMessage {
  readonly name: string;
  readonly language: string;
  readonly components: readonly TemplateComponent[];
}

/** A channel that can also send WhatsApp templates (the WhatsApp Cloud API channel). */
export interface TemplateChannel extends Channel {
  sendTemplate(recipient: string, template: TemplateMessage, options?: SendOptions): Promise<SendOutcome>;
}

/** True when `channel` has a `sendTemplate` method. */
export function canSendTemplates(channel: Channel): channel is TemplateChannel {
  return typeof (channel as Partial<TemplateChannel>).sendTemplate === 'function';
}

/** The per-recipient values placeholders are filled with. */
export interface Personalisation {
  readonly name: string;
  readonly link: string;
  readonly token: string;
}

/** Whether the message uses the recipient's link or token anywhere (so a token must be issued). */
export function needsLink(message: CampaignMessage): boolean {
  if (message.kind === 'template') {
    const texts = [...(message.template.header ?? []), ...(message.template.body ?? [])];
    return (
      message.template.urlButton !== undefined || texts.some((part) => /{{(link|token)}}/.test(part.text))
    );
  }
  return /{{(link|token)}}/.test(JSON.stringify(message.message));
}

function fill(text: string, values: Personalisation): string {
  return text.replace(/{{(name|link|token)}}/g, (_, key: keyof Personalisation) => values[key]);
}

function fillButton(button: Button, values: Personalisation): Button {
  switch (button.kind) {
    case 'url':
      return { ...button, title: fill(button.title, values), url: fill(button.url, values) };
    case 'reply':
    case 'phone':
    case 'copyCode':
    case 'form':
      return { ...button, title: fill(button.title, values) };
  }
}

/** The neutral message with the recipient's values filled into its text, footer and buttons. */
export function personaliseMessage(message: Message, values: Personalisation): Message {
  return {
    ...message,
    ...(typeof message.text === 'string' ? { text: fill(message.text, values) } : {}),
    ...(message.footer === undefined ? {} : { footer: fill(message.footer, values) }),
    ...(message.buttons === undefined
      ? {}
      : { buttons: message.buttons.map((button) => fillButton(button, values)) }),
  };
}

function parametersOf(
  parts: readonly TemplateTextParameter[],
  values: Personalisation,
): readonly TemplateParameter[] {
  return parts.map((part) => ({
    type: 'text',
    text: fill(part.text, values),
    ...(part.name === undefined ? {} : { parameter_name: part.name }),
  }));
}

/** The Cloud API template for one recipient. */
export function personaliseTemplate(spec: TemplateSpec, values: Personalisation): TemplateMessage {
  const components: TemplateComponent[] = [];
  if (spec.header !== undefined && spec.header.length > 0)
    components.push({ type: 'header', parameters: parametersOf(spec.header, values) });
  if (spec.body !== undefined && spec.body.length > 0)
    components.push({ type: 'body', parameters: parametersOf(spec.body, values) });
  if (spec.urlButton !== undefined) {
    components.push({
      type: 'button',
      sub_type: 'url',
      index: String(spec.urlButton.index),
      parameters: [{ type: 'text', text: spec.urlButton.suffix === 'token' ? values.token : values.link }],
    });
  }
  return { name: spec.name, language: spec.language, components };
}

/** The name a contact is greeted with: their WhatsApp profile name, else an empty string. */
export function displayNameOf(contact: Contact): string {
  return contact.profileName ?? '';
}
