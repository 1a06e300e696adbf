import type { EmulatorResponse } from '../shared/emulator.js';
import { graphErrorResponse, invalidValue } from './graph-errors.js';
import type { TemplateRegistry, WhatsAppTemplate } from './templates.js';
import type { TemplateStatus } from './types.js';
import type { JsonObject } from './validator.js';

const DEFAULT_PAGE_SIZE = 25;

function cursorOf(index: number): string {
  return Buffer.from(`idx:${index}`).toString('base64url');
}

function indexOf(cursor: string): number | undefined {
  const match = /^idx:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** A template in the field order Meta's examples use. */
function serialize(template: WhatsAppTemplate): JsonObject {
  return {
    name: template.name,
    parameter_format: template.parameter_format,
    components: template.components,
    language: template.language,
    status: template.status,
    category: template.category,
    id: template.id,
  };
}

/**
 * `GET /{version}/{waba-id}/message_templates`: `name` (substring) and `status` filters, `limit` and
 * `after`/`before` cursor paging; answers `{data, paging:{cursors:{before,after}, next?}}`.
 * @see PLATFORMS.md §1.3
 */
export function listTemplates(
  registry: TemplateRegistry,
  query: URLSearchParams,
  selfUrl: string,
): EmulatorResponse {
  const name = query.get('name');
  const status = query.get('status');
  const all = registry
    .list()
    .filter((template) => (name ? template.name.includes(name) : true))
    .filter((template) => (status ? template.status === status.toUpperCase() : true));
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_PAGE_SIZE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return graphErrorResponse(invalidValue('Param limit must be an integer between 1 and 1000.'));
  let start = 0;
  let end: number;
  const after = query.get('after');
  const before = query.get('before');
  if (after !== null || before !== null) {
    const index = indexOf(after ?? before ?? '');
    if (index === undefined) return graphErrorResponse(invalidValue('Invalid paging cursor.'));
    if (after !== null) start = index + 1;
    else start = Math.max(0, index - limit);
  }
  end = Math.min(all.length, start + limit);
  if (before !== null) end = Math.min(end, indexOf(before) ?? end);
  const data = all.slice(start, end).map(serialize);
  if (data.length === 0) return { status: 200, body: { data } };
  const next = new URL(selfUrl);
  next.searchParams.set('limit', String(limit));
  next.searchParams.set('after', cursorOf(end - 1));
  next.searchParams.delete('before');
  return {
    status: 200,
    body: {
      data,
      paging: {
        cursors: { before: cursorOf(start), after: cursorOf(end - 1) },
        ...(end < all.length ? { next: next.toString() } : {}),
      },
    },
  };
}

/** `POST /{version}/{waba-id}/message_templates`: answers `{id, status, category}` as Meta does. */
export function createTemplate(
  registry: TemplateRegistry,
  body: JsonObject,
  status: TemplateStatus,
): EmulatorResponse {
  const created = registry.create(body, status);
  if ('code' in created) return graphErrorResponse(created);
  return { status: 200, body: { id: created.id, status: created.status, category: created.category } };
}
