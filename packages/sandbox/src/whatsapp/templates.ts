import { type GraphFailure, invalidParameter, invalidValue } from './graph-errors.js';
import type { TemplateStatus } from './types.js';
import { isJsonObject, type JsonObject, Validator } from './validator.js';

/** Template categories. @see PLATFORMS.md §1.3 */
export type TemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

/** A registered message template, shaped as `GET message_templates` returns it. @see PLATFORMS.md §1.3 */
export interface WhatsAppTemplate {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly status: TemplateStatus;
  readonly category: TemplateCategory;
  /** `NAMED` templates use `{{name}}` placeholders and parameters with `parameter_name`. */
  readonly parameter_format: 'POSITIONAL' | 'NAMED';
  /** Components with upper-case `type` (HEADER, BODY, FOOTER, BUTTONS) and button types. */
  readonly components: readonly JsonObject[];
}

/** What `templates.register` takes: a template as created through the API, plus a status. */
export interface TemplateInit {
  readonly name: string;
  readonly language: string;
  readonly category?: TemplateCategory;
  /** Default `APPROVED`. */
  readonly status?: TemplateStatus;
  readonly parameter_format?: 'POSITIONAL' | 'NAMED';
  readonly components?: readonly JsonObject[];
}

const CATEGORIES: readonly TemplateCategory[] = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'];
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'FLOW', 'OTP', 'COPY_CODE', 'CATALOG', 'MPM'];
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

/** The `{{1}}` / `{{name}}` placeholders of a template text, in order, without repeats. */
export function placeholdersOf(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const names: string[] = [];
  for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    const name = match[1] ?? '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Upper-cases component and button types, as Meta stores them whatever case was posted. */
function normalizeComponents(components: readonly JsonObject[]): JsonObject[] {
  return components.map((component) => {
    const normalized: JsonObject = { ...component };
    if (typeof component['type'] === 'string') normalized['type'] = component['type'].toUpperCase();
    if (typeof component['format'] === 'string') normalized['format'] = component['format'].toUpperCase();
    if (Array.isArray(component['buttons']))
      normalized['buttons'] = component['buttons'].map((button: unknown) =>
        isJsonObject(button) && typeof button['type'] === 'string'
          ? { ...button, type: button['type'].toUpperCase() }
          : button,
      );
    return normalized;
  });
}

/** The WABA's message templates: what sends are checked against and what the API lists. */
export class TemplateRegistry {
  private readonly templates: WhatsAppTemplate[] = [];
  private nextId = 1_000_000_000_000_001n;

  /** Adds a template, or replaces the one with the same name and language. */
  register(init: TemplateInit): WhatsAppTemplate {
    const existing = this.find(init.name, init.language);
    const template: WhatsAppTemplate = {
      id: existing?.id ?? String(this.nextId++),
      name: init.name,
      language: init.language,
      status: init.status ?? 'APPROVED',
      category: init.category ?? 'UTILITY',
      parameter_format: init.parameter_format ?? 'POSITIONAL',
      components: normalizeComponents(init.components ?? []),
    };
    if (existing) this.templates.splice(this.templates.indexOf(existing), 1, template);
    else this.templates.push(template);
    return template;
  }

  /** Changes a template's status (e.g. to `PAUSED`); returns false when there is no such template. */
  setStatus(name: string, language: string, status: TemplateStatus): boolean {
    const existing = this.find(name, language);
    if (!existing) return false;
    this.register({ ...existing, status });
    return true;
  }

  find(name: string, language: string): WhatsAppTemplate | undefined {
    return this.templates.find((template) => template.name === name && template.language === language);
  }

  list(): WhatsAppTemplate[] {
    return [...this.templates];
  }

  clear(): void {
    this.templates.length = 0;
  }

  /**
   * Creates a template from a `POST message_templates` body, checking the documented limits.
   * @see PLATFORMS.md §1.3 — header text ≤60 with at most 1 parameter, body ≤1024, footer ≤60, ≤10 buttons, button text ≤25.
   */
  create(body: JsonObject, status: TemplateStatus): WhatsAppTemplate | GraphFailure {
    const v = new Validator();
    const name = v.string(body, 'name', 'name', { required: true, max: 512 });
    if (name !== undefined && !TEMPLATE_NAME.test(name))
      v.fail(invalidValue('Param name can only contain lowercase letters, digits and underscores.'));
    const language = v.string(body, 'language', 'language', { required: true });
    const category = v.string(body, 'category', 'category', { required: true, oneOf: CATEGORIES });
    const format = v.string(body, 'parameter_format', 'parameter_format', { oneOf: ['POSITIONAL', 'NAMED'] });
    const components = v.array(body, 'components', 'components', { required: true, min: 1, max: 10 });
    const items = components ? v.objects(components, 'components') : [];
    const normalized = normalizeComponents(items.map(({ item }) => item));
    for (const [index, component] of normalized.entries())
      validateComponent(v, component, `components[${index}]`, category === 'AUTHENTICATION');
    if (!normalized.some((component) => component['type'] === 'BODY'))
      v.fail(invalidParameter('A template needs a BODY component.'));
    if (v.failure || name === undefined || language === undefined || category === undefined)
      return v.failure ?? invalidParameter('Invalid template.');
    if (this.find(name, language))
      return {
        code: 100,
        subcode: 2388024,
        details: `Content in this language already exists: ${name} (${language}).`,
      };
    return this.register({
      name,
      language,
      category: category as TemplateCategory,
      status,
      parameter_format: format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
      components: normalized,
    });
  }
}

function validateComponent(v: Validator, component: JsonObject, path: string, authentication: boolean): void {
  const type = v.string(component, 'type', `${path}['type']`, { required: true, oneOf: COMPONENT_TYPES });
  if (type === 'HEADER') {
    const format = v.string(component, 'format', `${path}['format']`, {
      required: true,
      oneOf: HEADER_FORMATS,
    });
    if (format === 'TEXT') {
      const text = v.string(component, 'text', `${path}['text']`, { required: true, max: 60 });
      if (placeholdersOf(text).length > 1) v.fail(invalidValue('A header can have at most 1 parameter.'));
    }
  } else if (type === 'BODY') {
    // Authentication bodies are generated by Meta from `add_security_recommendation`.
    v.string(component, 'text', `${path}['text']`, { required: !authentication, max: 1024 });
  } else if (type === 'FOOTER') {
    v.string(component, 'text', `${path}['text']`, { required: !authentication, max: 60 });
  } else if (type === 'BUTTONS') {
    const buttons = v.array(component, 'buttons', `${path}['buttons']`, { required: true, min: 1, max: 10 });
    for (const button of buttons ? v.objects(buttons, `${path}['buttons']`) : []) {
      v.string(button.item, 'type', `${button.path}['type']`, { required: true, oneOf: BUTTON_TYPES });
      v.string(button.item, 'text', `${button.path}['text']`, { max: 25 });
    }
  }
}
