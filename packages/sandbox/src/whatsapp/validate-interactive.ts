import { invalidParameter, invalidValue } from './graph-errors.js';
import type { JsonObject, Validator } from './validator.js';

/** Interactive types the emulator accepts. @see PLATFORMS.md §1.2 "Interactive" */
export const INTERACTIVE_TYPES = [
  'button',
  'list',
  'cta_url',
  'flow',
  'catalog_message',
  'product',
  'product_list',
  'call_permission_request',
] as const;

const HEADER_TYPES = ['text', 'image', 'video', 'document'] as const;
const MEDIA_HEADER_TYPES = ['image', 'video', 'document'];

/**
 * Checks `interactive{type, header?, body, footer?, action}` against the documented limits.
 * @see PLATFORMS.md §1.2 — button ≤3 (title ≤20, id ≤256), list ≤10 sections/≤10 rows in total,
 * header text ≤60, body ≤1024, footer ≤60, flow_cta ≤30.
 */
export function validateInteractive(v: Validator, interactive: JsonObject): void {
  const type = v.string(interactive, 'type', "interactive['type']", {
    required: true,
    oneOf: INTERACTIVE_TYPES,
  });
  if (type === undefined || v.failure) return;
  validateHeader(v, interactive, type);
  const body = v.object(interactive, 'body', "interactive['body']", type !== 'product');
  if (body) v.string(body, 'text', "interactive['body']['text']", { required: true, max: 1024 });
  const footer = v.object(interactive, 'footer', "interactive['footer']", false);
  if (footer) v.string(footer, 'text', "interactive['footer']['text']", { required: true, max: 60 });
  const action = v.object(interactive, 'action', "interactive['action']", true);
  if (!action || v.failure) return;
  const validateAction = ACTION_VALIDATORS[type];
  if (validateAction) validateAction(v, action);
  else v.string(action, 'name', "interactive['action']['name']", { required: true, oneOf: [type] });
}

function validateHeader(v: Validator, interactive: JsonObject, type: string): void {
  const required = type === 'product_list';
  const header = v.object(interactive, 'header', "interactive['header']", required);
  if (!header) return;
  if (type === 'product') {
    v.fail(invalidValue('A single-product message cannot have a header.'));
    return;
  }
  const allowed = type === 'list' || type === 'product_list' ? ['text'] : HEADER_TYPES;
  const headerType = v.string(header, 'type', "interactive['header']['type']", {
    required: true,
    oneOf: allowed,
  });
  if (headerType === 'text') {
    v.string(header, 'text', "interactive['header']['text']", { required: true, max: 60 });
  } else if (headerType !== undefined && MEDIA_HEADER_TYPES.includes(headerType)) {
    const media = v.object(header, headerType, `interactive['header']['${headerType}']`, true);
    if (media) {
      if (media['id'] === undefined && media['link'] === undefined)
        v.fail(
          invalidParameter(`Param interactive['header']['${headerType}'] must contain an id or a link.`),
        );
      v.string(media, 'id', `interactive['header']['${headerType}']['id']`);
      v.url(media, 'link', `interactive['header']['${headerType}']['link']`, false);
    }
  }
}

function validateButtons(v: Validator, action: JsonObject): void {
  const buttons = v.array(action, 'buttons', "interactive['action']['buttons']", {
    required: true,
    min: 1,
    max: 3,
  });
  if (!buttons) return;
  const titles = new Set<string>();
  const ids = new Set<string>();
  for (const { item, path } of v.objects(buttons, "interactive['action']['buttons']")) {
    v.string(item, 'type', `${path}['type']`, { required: true, oneOf: ['reply'] });
    const reply = v.object(item, 'reply', `${path}['reply']`, true);
    if (!reply) continue;
    const id = v.string(reply, 'id', `${path}['reply']['id']`, { required: true, max: 256 });
    const title = v.string(reply, 'title', `${path}['reply']['title']`, { required: true, max: 20 });
    if (title !== undefined) {
      if (titles.has(title)) v.fail(invalidValue(`Button titles must be unique: "${title}" is repeated.`));
      titles.add(title);
    }
    if (id !== undefined) {
      if (ids.has(id)) v.fail(invalidValue(`Button ids must be unique: "${id}" is repeated.`));
      ids.add(id);
    }
  }
}

function validateList(v: Validator, action: JsonObject): void {
  v.string(action, 'button', "interactive['action']['button']", { required: true, max: 20 });
  const sections = v.array(action, 'sections', "interactive['action']['sections']", {
    required: true,
    min: 1,
    max: 10,
  });
  if (!sections) return;
  let rowCount = 0;
  const rowIds = new Set<string>();
  for (const { item, path } of v.objects(sections, "interactive['action']['sections']")) {
    v.string(item, 'title', `${path}['title']`, { required: sections.length > 1, max: 24 });
    const rows = v.array(item, 'rows', `${path}['rows']`, { required: true, min: 1, max: 10 });
    if (!rows) continue;
    rowCount += rows.length;
    for (const row of v.objects(rows, `${path}['rows']`)) {
      const id = v.string(row.item, 'id', `${row.path}['id']`, { required: true, max: 200 });
      v.string(row.item, 'title', `${row.path}['title']`, { required: true, max: 24 });
      v.string(row.item, 'description', `${row.path}['description']`, { max: 72 });
      if (id !== undefined) {
        if (rowIds.has(id)) v.fail(invalidValue(`Row ids must be unique: "${id}" is repeated.`));
        rowIds.add(id);
      }
    }
  }
  // Meta's page caps rows across all sections combined, stricter than the spec's 10 per section.
  if (rowCount > 10) v.fail(invalidValue(`A list can have at most 10 rows in total, got ${rowCount}.`));
}

function validateCtaUrl(v: Validator, action: JsonObject): void {
  v.string(action, 'name', "interactive['action']['name']", { required: true, oneOf: ['cta_url'] });
  const parameters = v.object(action, 'parameters', "interactive['action']['parameters']", true);
  if (!parameters) return;
  v.string(parameters, 'display_text', "interactive['action']['parameters']['display_text']", {
    required: true,
    max: 20,
  });
  v.url(parameters, 'url', "interactive['action']['parameters']['url']", true);
}

function validateFlow(v: Validator, action: JsonObject): void {
  v.string(action, 'name', "interactive['action']['name']", { required: true, oneOf: ['flow'] });
  const path = "interactive['action']['parameters']";
  const parameters = v.object(action, 'parameters', path, true);
  if (!parameters) return;
  v.string(parameters, 'flow_message_version', `${path}['flow_message_version']`, {
    required: true,
    oneOf: ['3'],
  });
  const hasId = parameters['flow_id'] !== undefined;
  const hasName = parameters['flow_name'] !== undefined;
  if (hasId === hasName)
    v.fail(invalidParameter(`${path} must contain exactly one of flow_id or flow_name.`));
  v.string(parameters, 'flow_id', `${path}['flow_id']`);
  v.string(parameters, 'flow_name', `${path}['flow_name']`);
  v.string(parameters, 'flow_cta', `${path}['flow_cta']`, { required: true, max: 30 });
  v.string(parameters, 'mode', `${path}['mode']`, { oneOf: ['draft', 'published'] });
  v.string(parameters, 'flow_token', `${path}['flow_token']`);
  v.string(parameters, 'flow_action', `${path}['flow_action']`, { oneOf: ['navigate', 'data_exchange'] });
  const payload = v.object(parameters, 'flow_action_payload', `${path}['flow_action_payload']`, false);
  if (payload) {
    v.string(payload, 'screen', `${path}['flow_action_payload']['screen']`, { required: true });
    v.object(payload, 'data', `${path}['flow_action_payload']['data']`, false);
  }
}

function validateProductList(v: Validator, action: JsonObject): void {
  v.string(action, 'catalog_id', "interactive['action']['catalog_id']", { required: true });
  const sections = v.array(action, 'sections', "interactive['action']['sections']", {
    required: true,
    min: 1,
    max: 10,
  });
  if (!sections) return;
  let items = 0;
  for (const { item, path } of v.objects(sections, "interactive['action']['sections']")) {
    v.string(item, 'title', `${path}['title']`, { required: true, max: 24 });
    const products = v.array(item, 'product_items', `${path}['product_items']`, {
      required: true,
      min: 1,
      max: 30,
    });
    if (!products) continue;
    items += products.length;
    for (const product of v.objects(products, `${path}['product_items']`))
      v.string(product.item, 'product_retailer_id', `${product.path}['product_retailer_id']`, {
        required: true,
      });
  }
  if (items > 30) v.fail(invalidValue(`A product list can have at most 30 products, got ${items}.`));
}

function validateProduct(v: Validator, action: JsonObject): void {
  v.string(action, 'catalog_id', "interactive['action']['catalog_id']", { required: true });
  v.string(action, 'product_retailer_id', "interactive['action']['product_retailer_id']", { required: true });
}

/** The `action` checks per interactive type; the others only need `action.name` equal to the type. */
const ACTION_VALIDATORS: Readonly<Record<string, (v: Validator, action: JsonObject) => void>> = {
  button: validateButtons,
  list: validateList,
  cta_url: validateCtaUrl,
  flow: validateFlow,
  product: validateProduct,
  product_list: validateProductList,
};
