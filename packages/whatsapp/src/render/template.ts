/** A media parameter: a header image, video or document by public link or uploaded id. */
export interface TemplateMediaValue {
  readonly type: 'image' | 'video' | 'document';
  readonly url?: string;
  readonly id?: string;
  readonly filename?: string;
}

/** One template parameter value: plain text, or a typed currency, date or media object. @see PLATFORMS.md §1.2 "Template" */
export type TemplateParameterValue =
  | string
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'currency';
      readonly fallback: string;
      readonly code: string;
      readonly amount1000: number;
    }
  | { readonly type: 'date_time'; readonly fallback: string }
  | TemplateMediaValue;

/**
 * A button's send-time parameter: a URL button's dynamic suffix (Ferry's personal link token), a
 * quick reply's payload, or a Flow button's token. `index` is the button's position in the template.
 * A Flow button's `formId`, when given, is what the completion's `form` event names instead of
 * the token (the channel's `sendTemplate` remembers it; the token is sent unchanged).
 * @see PLATFORMS.md §1.2 "Template" (button parameters), §1.1 "nfm_reply"
 */
export type TemplateButtonParameter =
  | { readonly type: 'url'; readonly index: number; readonly suffix: string }
  | { readonly type: 'quick_reply'; readonly index: number; readonly payload: string }
  | {
      readonly type: 'flow';
      readonly index: number;
      readonly flowToken: string;
      readonly formId?: string;
      readonly data?: Readonly<Record<string, unknown>>;
    };

/**
 * The values of a template's placeholders: `body` as a list (`{{1}}`, `{{2}}`) or by name
 * (`{{first_name}}`, NAMED templates), `header` one value or `{ name: value }`, and `buttons`.
 */
export interface TemplateParameters {
  readonly header?: TemplateParameterValue | Readonly<Record<string, string>>;
  readonly body?: readonly TemplateParameterValue[] | Readonly<Record<string, TemplateParameterValue>>;
  readonly buttons?: readonly TemplateButtonParameter[];
}

/** What `sendTemplate` sends: an approved template by name and language, with its parameters. */
export interface TemplateMessage {
  readonly name: string;
  /** Language code as approved, e.g. `en_US`. */
  readonly language: string;
  /** Ready-made `components[]` as the Cloud API takes them; used instead of `parameters`. */
  readonly components?: readonly Readonly<Record<string, unknown>>[];
  readonly parameters?: TemplateParameters;
  /** Echoed in status webhooks as `biz_opaque_callback_data` (≤512 characters). */
  readonly callbackData?: string;
}

const VALUE_TYPES = new Set(['text', 'currency', 'date_time', 'image', 'video', 'document']);

function isValue(value: unknown): value is TemplateParameterValue {
  if (typeof value === 'string') return true;
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && VALUE_TYPES.has(type);
}

/** One `parameters[]` item, named when `name` is given. */
export function parameterObject(value: TemplateParameterValue, name?: string): Record<string, unknown> {
  const named = name === undefined ? {} : { parameter_name: name };
  if (typeof value === 'string') return { type: 'text', ...named, text: value };
  switch (value.type) {
    case 'text':
      return { type: 'text', ...named, text: value.text };
    case 'currency':
      return {
        type: 'currency',
        ...named,
        currency: { fallback_value: value.fallback, code: value.code, amount_1000: value.amount1000 },
      };
    case 'date_time':
      return { type: 'date_time', ...named, date_time: { fallback_value: value.fallback } };
    default:
      return {
        type: value.type,
        ...named,
        [value.type]: {
          ...(value.id === undefined ? { link: value.url } : { id: value.id }),
          ...(value.type === 'document' && value.filename !== undefined ? { filename: value.filename } : {}),
        },
      };
  }
}

function listOf(
  values: readonly TemplateParameterValue[] | Readonly<Record<string, TemplateParameterValue>>,
): Record<string, unknown>[] {
  if (Array.isArray(values)) return values.map((value: TemplateParameterValue) => parameterObject(value));
  return Object.entries(values).map(([name, value]) =>
    parameterObject(value as TemplateParameterValue, name),
  );
}

function buttonComponent(button: TemplateButtonParameter): Record<string, unknown> {
  const common = { type: 'button', sub_type: button.type, index: String(button.index) };
  switch (button.type) {
    case 'url':
      return { ...common, parameters: [{ type: 'text', text: button.suffix }] };
    case 'quick_reply':
      return { ...common, parameters: [{ type: 'payload', payload: button.payload }] };
    case 'flow':
      return {
        ...common,
        parameters: [
          {
            type: 'action',
            action: {
              flow_token: button.flowToken,
              ...(button.data === undefined ? {} : { flow_action_data: button.data }),
            },
          },
        ],
      };
  }
}

/** The `components[]` of a template send from named or positional parameters. @see PLATFORMS.md §1.2 "Template" */
export function templateComponents(parameters: TemplateParameters): Record<string, unknown>[] {
  const components: Record<string, unknown>[] = [];
  const header = parameters.header;
  if (header !== undefined)
    components.push({
      type: 'header',
      parameters: isValue(header)
        ? [parameterObject(header)]
        : Object.entries(header).map(([name, value]) => parameterObject(value, name)),
    });
  if (parameters.body !== undefined) {
    const body = listOf(parameters.body);
    if (body.length > 0) components.push({ type: 'body', parameters: body });
  }
  for (const button of parameters.buttons ?? []) components.push(buttonComponent(button));
  return components;
}

/**
 * A `template` send body (without `to`): name, `language{code, policy:"deterministic"}` and the
 * components. @see PLATFORMS.md §1.2 "Template"
 */
export function templateBody(template: TemplateMessage): Record<string, unknown> {
  const components = template.components ?? templateComponents(template.parameters ?? {});
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language, policy: 'deterministic' },
      ...(components.length === 0 ? {} : { components }),
    },
  };
}

/**
 * The template a neutral message names in `meta` (`template`, `templateLanguage`, and
 * `templateComponents` as JSON text, as the sent-log reader stores them), or `undefined`.
 * A components value that is not a JSON array of objects is `invalid`.
 */
export function templateOfMeta(
  meta: Readonly<Record<string, string>> | undefined,
): TemplateMessage | 'invalid' | undefined {
  const name = meta?.['template'];
  const language = meta?.['templateLanguage'];
  if (name === undefined || language === undefined) return undefined;
  const raw = meta?.['templateComponents'];
  if (raw === undefined) return { name, language };
  let components: unknown;
  try {
    components = JSON.parse(raw);
  } catch {
    return 'invalid';
  }
  if (
    !Array.isArray(components) ||
    !components.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
  )
    return 'invalid';
  return { name, language, components: components as Record<string, unknown>[] };
}
