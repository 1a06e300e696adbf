import { type GraphFailure, invalidParameter, invalidValue } from './graph-errors.js';
import { placeholdersOf, type TemplateRegistry, type WhatsAppTemplate } from './templates.js';
import { isJsonObject, type JsonObject, Validator } from './validator.js';

/** The template a send resolved to, or the Graph error that refuses it. */
export type TemplateCheck =
  | { readonly ok: true; readonly template: WhatsAppTemplate }
  | { readonly ok: false; readonly failure: GraphFailure };

const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'];
/** Send-side `sub_type` for each template button type. */
const SUB_TYPE_OF: Readonly<Record<string, string>> = {
  QUICK_REPLY: 'quick_reply',
  URL: 'url',
  OTP: 'url',
  COPY_CODE: 'copy_code',
  FLOW: 'flow',
  CATALOG: 'catalog',
  MPM: 'mpm',
};

/**
 * Checks a `template` send against the registered template: it exists in that language (else
 * 132001), is APPROVED (132015 paused, 132016 disabled, 132001 otherwise), and every component
 * gets exactly the parameters its placeholders need (else 132000). @see PLATFORMS.md §1.2, §1.6
 */
export function checkTemplateSend(registry: TemplateRegistry, send: JsonObject): TemplateCheck {
  const name = String(send['name']);
  const language = isJsonObject(send['language']) ? String(send['language']['code']) : '';
  const template = registry.find(name, language);
  if (!template)
    return fail({ code: 132001, details: `template name (${name}) does not exist in ${language}` });
  if (template.status === 'PAUSED')
    return fail({ code: 132015, details: `Template ${name} is paused because of low quality.` });
  if (template.status === 'DISABLED')
    return fail({ code: 132016, details: `Template ${name} has been disabled.` });
  if (template.status !== 'APPROVED')
    return fail({
      code: 132001,
      details: `template name (${name}) is not approved in ${language} (${template.status})`,
    });
  const failure = checkComponents(template, Array.isArray(send['components']) ? send['components'] : []);
  return failure ? fail(failure) : { ok: true, template };
}

function fail(failure: GraphFailure): TemplateCheck {
  return { ok: false, failure };
}

function componentOf(template: WhatsAppTemplate, type: string): JsonObject | undefined {
  return template.components.find((component) => component['type'] === type);
}

function checkComponents(template: WhatsAppTemplate, sent: readonly unknown[]): GraphFailure | null {
  const v = new Validator();
  const groups = new Map<string, JsonObject[]>();
  for (const { item, path } of v.objects(sent, "template['components']")) {
    const type = v.string(item, 'type', `${path}['type']`, { required: true })?.toLowerCase();
    if (type === undefined) continue;
    if (!['header', 'body', 'button'].includes(type))
      v.fail(invalidValue(`Param ${path}['type'] must be one of {header, body, button}.`));
    groups.set(type, [...(groups.get(type) ?? []), item]);
  }
  if (v.failure) return v.failure;
  for (const type of ['header', 'body'])
    if ((groups.get(type)?.length ?? 0) > 1) return invalidValue(`Only one ${type} component can be sent.`);
  return (
    checkHeader(template, groups.get('header')?.[0]) ??
    checkBody(template, groups.get('body')?.[0]) ??
    checkButtons(template, groups.get('button') ?? [])
  );
}

function parametersOf(component: JsonObject | undefined): unknown[] {
  return component && Array.isArray(component['parameters']) ? component['parameters'] : [];
}

function mismatch(where: string, given: number, expected: number): GraphFailure {
  return {
    code: 132000,
    details: `${where}: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
  };
}

function checkHeader(template: WhatsAppTemplate, sent: JsonObject | undefined): GraphFailure | null {
  const header = componentOf(template, 'HEADER');
  const parameters = parametersOf(sent);
  const format = String(header?.['format'] ?? 'TEXT');
  if (header && (MEDIA_FORMATS.includes(format) || format === 'LOCATION')) {
    if (parameters.length !== 1) return mismatch('header', parameters.length, 1);
    const parameter = parameters[0];
    const expectedType = format.toLowerCase();
    if (!isJsonObject(parameter) || parameter['type'] !== expectedType)
      return { code: 132012, details: `header: the parameter must be of type ${expectedType}` };
    return checkParameter(parameter, 'header');
  }
  const expected = header ? placeholdersOf(header['text']) : [];
  return checkNamedOrPositional(template, 'header', expected, parameters);
}

function checkBody(template: WhatsAppTemplate, sent: JsonObject | undefined): GraphFailure | null {
  const body = componentOf(template, 'BODY');
  // Authentication bodies have one implicit parameter: the code.
  const expected =
    template.category === 'AUTHENTICATION' && body?.['text'] === undefined
      ? ['1']
      : placeholdersOf(body?.['text']);
  return checkNamedOrPositional(template, 'body', expected, parametersOf(sent));
}

function checkNamedOrPositional(
  template: WhatsAppTemplate,
  where: string,
  expected: readonly string[],
  parameters: readonly unknown[],
): GraphFailure | null {
  if (parameters.length !== expected.length) return mismatch(where, parameters.length, expected.length);
  for (const [index, parameter] of parameters.entries()) {
    if (!isJsonObject(parameter))
      return invalidParameter(`${where} parameter ${index} must be a JSON object.`);
    const failure = checkParameter(parameter, `${where} parameter ${index}`);
    if (failure) return failure;
  }
  if (template.parameter_format !== 'NAMED') return null;
  const given = parameters.map((parameter) =>
    isJsonObject(parameter) ? parameter['parameter_name'] : undefined,
  );
  const missing = expected.filter((name) => !given.includes(name));
  if (missing.length > 0)
    return { code: 132000, details: `${where}: missing named parameter(s) ${missing.join(', ')}` };
  return null;
}

/** One send-side parameter: its type and the object it names. @see PLATFORMS.md §1.2 "Template" */
function checkParameter(parameter: JsonObject, where: string): GraphFailure | null {
  const v = new Validator();
  const type = v.string(parameter, 'type', `${where} type`, {
    required: true,
    oneOf: ['text', 'currency', 'date_time', 'image', 'video', 'document', 'location', 'payload', 'action'],
  });
  if (type === 'text') v.string(parameter, 'text', `${where} text`, { required: true, max: 32768 });
  else if (type === 'payload') v.string(parameter, 'payload', `${where} payload`, { required: true });
  else if (type === 'currency') {
    const currency = v.object(parameter, 'currency', `${where} currency`, true);
    if (currency) {
      v.string(currency, 'fallback_value', `${where} currency['fallback_value']`, { required: true });
      v.string(currency, 'code', `${where} currency['code']`, { required: true });
      if (typeof currency['amount_1000'] !== 'number')
        v.fail(invalidParameter(`The parameter ${where} currency['amount_1000'] is required.`));
    }
  } else if (type === 'date_time') {
    const dateTime = v.object(parameter, 'date_time', `${where} date_time`, true);
    if (dateTime)
      v.string(dateTime, 'fallback_value', `${where} date_time['fallback_value']`, { required: true });
  } else if (type === 'image' || type === 'video' || type === 'document') {
    const media = v.object(parameter, type, `${where} ${type}`, true);
    if (media && media['id'] === undefined && media['link'] === undefined)
      v.fail(invalidParameter(`Param ${where} ${type} must contain an id or a link.`));
    if (media) v.url(media, 'link', `${where} ${type}['link']`, false);
  } else if (type === 'location') {
    const location = v.object(parameter, 'location', `${where} location`, true);
    if (location) {
      v.number(location, 'latitude', `${where} location['latitude']`, -90, 90);
      v.number(location, 'longitude', `${where} location['longitude']`, -180, 180);
    }
  } else if (type === 'action') v.object(parameter, 'action', `${where} action`, true);
  return v.failure;
}

/** A button that needs a parameter: a URL with a `{{1}}` suffix, or a one-time-password button. */
function needsParameter(button: JsonObject): boolean {
  if (button['type'] === 'OTP') return true;
  return button['type'] === 'URL' && placeholdersOf(button['url']).length > 0;
}

function checkButtons(template: WhatsAppTemplate, sent: readonly JsonObject[]): GraphFailure | null {
  const buttonsComponent = componentOf(template, 'BUTTONS');
  const buttons = Array.isArray(buttonsComponent?.['buttons'])
    ? buttonsComponent['buttons'].filter(isJsonObject)
    : [];
  const covered = new Set<number>();
  for (const component of sent) {
    const index = Number(component['index']);
    const button = buttons[index];
    if (!Number.isInteger(index) || !button)
      return invalidValue(
        `Button at index ${String(component['index'])} does not exist in template ${template.name}.`,
      );
    if (covered.has(index)) return invalidValue(`Button at index ${index} is sent twice.`);
    covered.add(index);
    const subType = String(component['sub_type'] ?? '').toLowerCase();
    const expectedSubType = SUB_TYPE_OF[String(button['type'])];
    if (subType !== expectedSubType)
      return invalidValue(
        `Button at index ${index} is of type ${String(button['type'])}: sub_type must be ${expectedSubType ?? 'absent'}.`,
      );
    const parameters = parametersOf(component);
    if (button['type'] === 'URL' || button['type'] === 'OTP') {
      const expected = needsParameter(button) ? 1 : 0;
      if (parameters.length !== expected)
        return mismatch(`button at index ${index}`, parameters.length, expected);
    } else if (parameters.length > 1) {
      return mismatch(`button at index ${index}`, parameters.length, 1);
    }
    for (const parameter of parameters) {
      if (!isJsonObject(parameter))
        return invalidParameter(`Button ${index} parameter must be a JSON object.`);
      const failure = checkParameter(parameter, `button at index ${index}`);
      if (failure) return failure;
    }
  }
  for (const [index, button] of buttons.entries())
    if (needsParameter(button) && !covered.has(index))
      return mismatch(`button at index ${index} (${String(button['type'])} needs a parameter)`, 0, 1);
  return null;
}
