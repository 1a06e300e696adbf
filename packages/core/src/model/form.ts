import type { Media } from './message.js';

/** The field types a form can ask for (WhatsApp Flow inputs, Slack/Discord modal inputs, Telegram steps). */
export type FieldType =
  | 'shortText'
  | 'longText'
  | 'number'
  | 'email'
  | 'phone'
  | 'password'
  | 'passcode'
  | 'date'
  | 'singleChoice'
  | 'multipleChoice'
  | 'dropdown'
  | 'optIn';

/** One selectable option of a choice field or dropdown. */
export interface FieldOption {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** One input of a form. */
export interface FormField {
  readonly kind: 'field';
  /** The key the answer is stored under (Flow `name`). */
  readonly name: string;
  readonly type: FieldType;
  readonly label: string;
  readonly required?: boolean;
  readonly helperText?: string;
  /** Text length limits (short/long text, email, phone, passcode). */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Numeric bounds for `number`; ISO dates (`YYYY-MM-DD`) for `date`. */
  readonly min?: number | string;
  readonly max?: number | string;
  /** Choices for singleChoice, multipleChoice and dropdown. */
  readonly options?: readonly FieldOption[];
  /** Selection bounds for multipleChoice. */
  readonly minSelected?: number;
  readonly maxSelected?: number;
  /** Initial value (Flow `init-values`). */
  readonly initial?: string | readonly string[] | boolean;
}

/** Static content shown on a form screen. */
export type FormContent =
  | {
      readonly kind: 'heading' | 'subheading' | 'body' | 'caption';
      readonly text: string;
      readonly markdown?: boolean;
    }
  | { readonly kind: 'image'; readonly media: Media; readonly altText?: string }
  | { readonly kind: 'link'; readonly text: string; readonly action: FormAction };

/** A list whose rows each navigate somewhere (Flow `NavigationList`). */
export interface NavigationList {
  readonly kind: 'navigationList';
  readonly name: string;
  readonly items: readonly (FieldOption & { readonly action: FormAction })[];
}

/** Blocks shown only when a condition holds (Flow `If` / `Switch`). Conditions are kept as Flow expressions. */
export type ConditionalBlock =
  | {
      readonly kind: 'if';
      readonly condition: string;
      readonly then: readonly FormBlock[];
      readonly else?: readonly FormBlock[];
    }
  | {
      readonly kind: 'switch';
      readonly value: string;
      readonly cases: Readonly<Record<string, readonly FormBlock[]>>;
    };

export type FormBlock = FormField | FormContent | NavigationList | ConditionalBlock;

/**
 * What a screen's submit does. `complete` ends the form and answers with `payload`, whose string
 * values may reference answers as `${form.<name>}` or screen data as `${data.<key>}`, exactly as in Flow JSON.
 */
export type FormAction =
  | {
      readonly type: 'navigate';
      readonly screen: string;
      readonly payload?: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'complete'; readonly payload: Readonly<Record<string, unknown>> }
  | { readonly type: 'dataExchange'; readonly payload: Readonly<Record<string, unknown>> }
  | { readonly type: 'openUrl'; readonly url: string };

/** One screen (page) of a form. */
export interface FormScreen {
  readonly id: string;
  readonly title?: string;
  readonly blocks: readonly FormBlock[];
  /** The footer button: its label and what it does. A terminal screen completes. */
  readonly submit?: { readonly label: string; readonly action: FormAction };
  readonly terminal?: boolean;
  /** Screen data schema/defaults as in Flow JSON, kept for `${data.x}` references. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * A form: screens of fields with navigation (a WhatsApp Flow). Its result is always a flat object
 * shaped like the Flow's `nfm_reply.response_json`: `{ flow_token, ...complete payload }`, where
 * `flow_token` is the sent message's `meta.flow_token` on channels that carry it from the send to
 * the result (WhatsApp, Telegram, Slack), and the form's `id` otherwise (Discord, or no token given).
 */
export interface Form {
  readonly id: string;
  readonly title?: string;
  readonly screens: readonly FormScreen[];
  /** Id of the first screen; defaults to the first in `screens`. */
  readonly start?: string;
  /** True when a screen relies on the operator's data endpoint (`data_exchange`). */
  readonly needsEndpoint?: boolean;
  /** Flow JSON version it was read from, when it came from a Flow. */
  readonly sourceVersion?: string;
}
