import type { Message, StoredJson } from '@ferry/core';

/** What a template's sender supplies for one parameter: text, or the media or location of a header. */
export type TemplateParameterFormat = 'text' | 'image' | 'video' | 'document' | 'location';

/**
 * One value a template needs when it is sent: a `{{1}}`/`{{name}}` placeholder of the header or body,
 * the dynamic suffix of a URL button, a coupon or one-time code, or a media header.
 * @see PLATFORMS.md §1.2 "Template" (components, parameters, button `index`) and §1.3 (named parameters)
 */
export interface TemplateParameter {
  readonly component: 'header' | 'body' | 'button';
  /** For button parameters only: the button's 0-based position, the send API's `index`. */
  readonly index?: number;
  /** The placeholder as written between the braces (`1`, `first_name`); the format for a media header. */
  readonly name: string;
  readonly format: TemplateParameterFormat;
  /** The example value the operator gave WhatsApp when creating the template, when present. */
  readonly example?: string;
}

/**
 * A WhatsApp message template read into the neutral model. The message keeps placeholders literally
 * (`{{1}}`, `{{first_name}}`) in its text, header and button URLs; `parameters` lists them all.
 * @see PLATFORMS.md §1.3 (template object)
 */
export interface ImportedTemplate {
  /** WhatsApp's template id, when the export carried it. */
  readonly id?: string;
  readonly name: string;
  /** Language code as WhatsApp spells it (`en_US`). */
  readonly language: string;
  readonly category?: string;
  readonly status?: string;
  readonly parameterFormat: 'positional' | 'named';
  readonly parameters: readonly TemplateParameter[];
  /** The neutral message; `meta.template` and `meta.templateLanguage` name the template. */
  readonly message: Message;
  /** The template object exactly as read. */
  readonly original: StoredJson;
}
