import { ConfigError, FerryError } from '@ferry/core';
import type { GraphClient } from './graph.js';

/** One template as `GET /{waba-id}/message_templates` returns it. @see PLATFORMS.md §1.3 */
export interface GraphTemplate {
  readonly id?: string;
  readonly name: string;
  readonly language: string;
  readonly status?: string;
  readonly category?: string;
  readonly parameter_format?: string;
  readonly components?: readonly Readonly<Record<string, unknown>>[];
  readonly [field: string]: unknown;
}

/** Page size asked of Graph; Meta's default is 25. */
const PAGE_SIZE = 100;
/** A guard against a paging loop that never ends. */
const MAX_PAGES = 1_000;

/**
 * Every template of the WABA, following `paging.next` (or the `after` cursor) to the last page.
 * Throws `AuthError` for a refused token, `ConfigError` for a missing WABA id, and `FerryError`
 * (`transient` when retrying can help, else `rejected`) for other Graph failures (templates are configuration, not a per-recipient outcome).
 * @see PLATFORMS.md §1.3
 */
export async function listAllTemplates(
  graph: GraphClient,
  wabaId: string | undefined,
  options: { readonly name?: string; readonly signal?: AbortSignal } = {},
): Promise<GraphTemplate[]> {
  if (wabaId === undefined || wabaId === '')
    throw new ConfigError('listTemplates needs the WhatsApp Business Account id (wabaId).');
  const templates: GraphTemplate[] = [];
  let url: string | undefined = graph.url(`${wabaId}/message_templates`, {
    limit: String(PAGE_SIZE),
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
    const result = await graph.call('GET', url, undefined, options.signal);
    graph.assertAuthorized(result);
    if (result.kind !== 'ok') {
      const reason =
        result.kind === 'network' ? result.reason : (result.error?.message ?? `HTTP ${result.status}`);
      const retryable = result.kind === 'network' || result.status >= 500;
      throw new FerryError(
        retryable ? 'transient' : 'rejected',
        `Listing WhatsApp templates failed: ${reason}`,
        {
          retryable,
        },
      );
    }
    const data = result.json['data'];
    if (Array.isArray(data)) templates.push(...(data as GraphTemplate[]));
    url = nextPage(result.json, data);
  }
  return templates;
}

/** Graph gives `paging.next` only when another page exists. */
function nextPage(json: Record<string, unknown>, data: unknown): string | undefined {
  if (!Array.isArray(data) || data.length === 0) return undefined;
  const next = (json['paging'] as { next?: unknown } | undefined)?.next;
  if (typeof next !== 'string') return undefined;
  // Graph's `next` repeats the token when it came in the query; ours goes in the header only.
  const url = new URL(next);
  url.searchParams.delete('access_token');
  return url.toString();
}
