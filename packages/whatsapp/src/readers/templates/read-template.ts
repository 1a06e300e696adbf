import type { Button, Form, Header, MediaKind, Message } from '@ferry/core';
import { parseWhatsAppMarkup } from '@ferry/core';
import { fieldPath, type IssueCollector } from '../issues.js';
import { arrayOf, asStoredJson, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { readTemplateButtons } from './buttons.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { isPositional, placeholdersOf } from './placeholders.js';
import type { ImportedTemplate, TemplateParameter, TemplateParameterFormat } from './types.js';

/** Where the template being read sits, for issues. */
export interface TemplateContext {
  readonly file: string;
  readonly issues: IssueCollector;
  readonly line: number;
  readonly path: string;
}

const MEDIA_FORMATS: Readonly<Record<string, MediaKind & TemplateParameterFormat>> = {
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
};

/** Meta's fixed English wording of authentication templates, which carry no body text of their own. */
const AUTHENTICATION_BODY = '*{{1}}* is your verification code.';
const AUTHENTICATION_SECURITY = ' For your security, do not share this code.';

interface Draft {
  header?: Header;
  text?: string;
  footer?: string;
  buttons: Button[];
  form?: Form;
  parameters: TemplateParameter[];
}

/** Example values of a text component's placeholders, positional (`body_text`) or named (`body_text_named_params`). */
function examplesOf(component: JsonObject, kind: 'header' | 'body'): Map<string, string> {
  const examples = new Map<string, string>();
  const example = component['example'];
  if (!isObject(example)) return examples;
  const positional = kind === 'body' ? arrayOf(example['body_text'])[0] : example['header_text'];
  arrayOf(positional).forEach((value, index) => {
    const text = textOf(value);
    if (text !== undefined) examples.set(String(index + 1), text);
  });
  for (const entry of arrayOf(example[`${kind}_text_named_params`])) {
    if (!isObject(entry)) continue;
    const name = stringOf(entry['param_name']);
    const value = textOf(entry['example']);
    if (name !== undefined && value !== undefined) examples.set(name, value);
  }
  return examples;
}

function textParameters(text: string, component: JsonObject, kind: 'header' | 'body'): TemplateParameter[] {
  const examples = examplesOf(component, kind);
  return placeholdersOf(text).map((name) => {
    const example = examples.get(name);
    return { component: kind, name, format: 'text', ...(example === undefined ? {} : { example }) };
  });
}

function readHeader(
  component: JsonObject,
  draft: Draft,
  context: TemplateContext,
  path: string,
  name: string,
): void {
  const format = (stringOf(component['format']) ?? 'TEXT').toUpperCase();
  const where = { line: context.line, field: path };
  if (format === 'TEXT') {
    const text = stringOf(component['text']);
    if (text === undefined) {
      context.issues.warning('a TEXT header has no text; it was dropped', where);
      return;
    }
    const parameters = textParameters(text, component, 'header');
    if (text.length > TEMPLATE_LIMITS.headerText) {
      context.issues.warning(
        `header of "${name}" is ${text.length} characters; WhatsApp allows ${TEMPLATE_LIMITS.headerText}`,
        { ...where, field: fieldPath(path, 'text') },
      );
    }
    if (parameters.length > TEMPLATE_LIMITS.headerParameters) {
      context.issues.warning(
        `header of "${name}" has ${parameters.length} parameters; WhatsApp allows ${TEMPLATE_LIMITS.headerParameters}`,
        { ...where, field: fieldPath(path, 'text') },
      );
    }
    draft.header = { type: 'text', text };
    draft.parameters.push(...parameters);
    return;
  }
  const kind = MEDIA_FORMATS[format];
  if (kind !== undefined) {
    const example = component['example'];
    const handle = isObject(example) ? textOf(arrayOf(example['header_handle'])[0]) : undefined;
    // The media is chosen at send time; the example handle (or a placeholder) stands for it.
    draft.header = {
      type: 'media',
      media: { kind, source: { fileId: handle ?? '{{header}}', platform: 'whatsapp' } },
    };
    draft.parameters.push({ component: 'header', name: kind, format: kind });
    return;
  }
  if (format === 'LOCATION') {
    draft.parameters.push({ component: 'header', name: 'location', format: 'location' });
    context.issues.warning(
      `location header of "${name}" dropped: the location is chosen at send time and the neutral message has no location placeholder`,
      where,
    );
    return;
  }
  context.issues.warning(`header format "${format}" is not known to Ferry; the header was dropped`, where);
}

function readBody(
  component: JsonObject,
  draft: Draft,
  context: TemplateContext,
  path: string,
  name: string,
): void {
  let text = stringOf(component['text']);
  if (text === undefined && component['add_security_recommendation'] !== undefined) {
    text =
      AUTHENTICATION_BODY +
      (component['add_security_recommendation'] === true ? AUTHENTICATION_SECURITY : '');
    context.issues.warning(
      `the body of authentication template "${name}" is worded by WhatsApp in the template's language; Ferry used the English wording`,
      { line: context.line, field: path },
    );
  }
  if (text === undefined) {
    context.issues.warning(`the BODY of "${name}" has no text`, { line: context.line, field: path });
    return;
  }
  if (text.length > TEMPLATE_LIMITS.bodyText) {
    context.issues.warning(
      `body of "${name}" is ${text.length} characters; WhatsApp allows ${TEMPLATE_LIMITS.bodyText}`,
      {
        line: context.line,
        field: fieldPath(path, 'text'),
      },
    );
  }
  draft.text = text;
  draft.parameters.push(...textParameters(text, component, 'body'));
}

function readFooter(
  component: JsonObject,
  draft: Draft,
  context: TemplateContext,
  path: string,
  name: string,
): void {
  const minutes = textOf(component['code_expiration_minutes']);
  const text =
    stringOf(component['text']) ??
    (minutes === undefined ? undefined : `This code expires in ${minutes} minutes.`);
  if (text === undefined) return;
  if (text.length > TEMPLATE_LIMITS.footerText) {
    context.issues.warning(
      `footer of "${name}" is ${text.length} characters; WhatsApp allows ${TEMPLATE_LIMITS.footerText}`,
      { line: context.line, field: fieldPath(path, 'text') },
    );
  }
  draft.footer = text;
}

function parameterFormatOf(
  declared: string | undefined,
  parameters: readonly TemplateParameter[],
  context: TemplateContext,
): 'positional' | 'named' {
  const textNames = parameters.filter(
    (parameter) => parameter.format === 'text' && parameter.component !== 'button',
  );
  const named = textNames.some((parameter) => !isPositional(parameter.name));
  const positional = textNames.some((parameter) => isPositional(parameter.name));
  const upper = declared?.toUpperCase();
  if (upper === 'NAMED' || upper === 'POSITIONAL') {
    const format = upper === 'NAMED' ? 'named' : 'positional';
    if ((format === 'named' && positional) || (format === 'positional' && named)) {
      context.issues.warning(`parameter_format is ${upper} but the placeholders do not match it`, {
        line: context.line,
        field: fieldPath(context.path, 'parameter_format'),
      });
    }
    return format;
  }
  if (named && positional) {
    context.issues.warning('the template mixes numbered and named placeholders', {
      line: context.line,
      field: context.path,
    });
  }
  return named ? 'named' : 'positional';
}

/** Reads one template object; an object that is not a template is an error issue and gives undefined. */
export function readTemplateObject(value: unknown, context: TemplateContext): ImportedTemplate | undefined {
  const where = { line: context.line, ...(context.path === '' ? {} : { field: context.path }) };
  if (!isObject(value)) {
    context.issues.error('a template must be a JSON object', where);
    return undefined;
  }
  const name = stringOf(value['name']);
  const languageValue = value['language'];
  const language = isObject(languageValue) ? stringOf(languageValue['code']) : stringOf(languageValue);
  if (name === undefined || !Array.isArray(value['components'])) {
    const created = textOf(value['id']) !== undefined && stringOf(value['status']) !== undefined;
    context.issues.error(
      created
        ? 'this is the answer WhatsApp gave when a template was created (id and status only), not the template; export templates with GET /{waba-id}/message_templates'
        : 'not a message template: a template needs a name and components',
      where,
    );
    return undefined;
  }
  if (language === undefined) {
    context.issues.error(`template "${name}" has no language`, {
      ...where,
      field: fieldPath(context.path, 'language'),
    });
    return undefined;
  }

  const draft: Draft = { buttons: [], parameters: [] };
  const seen = new Set<string>();
  arrayOf(value['components']).forEach((component, index) => {
    const path = fieldPath(context.path, 'components', index);
    if (!isObject(component)) {
      context.issues.error('a template component must be an object', { line: context.line, field: path });
      return;
    }
    const type = (stringOf(component['type']) ?? '').toUpperCase();
    if (seen.has(type)) {
      context.issues.warning(`template "${name}" has more than one ${type}; the later one wins`, {
        line: context.line,
        field: path,
      });
    }
    seen.add(type);
    if (type === 'HEADER') readHeader(component, draft, context, path, name);
    else if (type === 'BODY') readBody(component, draft, context, path, name);
    else if (type === 'FOOTER') readFooter(component, draft, context, path, name);
    else if (type === 'BUTTONS') {
      const read = readTemplateButtons(component, { ...context, templateName: name, path });
      draft.buttons = [...read.buttons];
      draft.parameters.push(...read.parameters);
      if (read.form !== undefined) draft.form = read.form;
    } else {
      context.issues.warning(
        `component "${type || '(none)'}" of "${name}" is not supported by Ferry (carousels and limited-time offers have no equivalent); it was dropped`,
        { line: context.line, field: path },
      );
    }
  });
  if (draft.text === undefined && !seen.has('BODY')) {
    context.issues.warning(`template "${name}" has no BODY`, where);
  }

  const message: Message = {
    ...(draft.text === undefined ? {} : { text: parseWhatsAppMarkup(draft.text) }),
    ...(draft.header === undefined ? {} : { header: draft.header }),
    ...(draft.footer === undefined ? {} : { footer: draft.footer }),
    ...(draft.buttons.length === 0 ? {} : { buttons: draft.buttons }),
    ...(draft.form === undefined ? {} : { form: draft.form }),
    meta: { template: name, templateLanguage: language },
  };
  const id = textOf(value['id']);
  const category = stringOf(value['category']);
  const status = stringOf(value['status']);
  return {
    ...(id === undefined ? {} : { id }),
    name,
    language,
    ...(category === undefined ? {} : { category }),
    ...(status === undefined ? {} : { status }),
    parameterFormat: parameterFormatOf(stringOf(value['parameter_format']), draft.parameters, context),
    parameters: draft.parameters,
    message,
    original: asStoredJson(value),
  };
}
