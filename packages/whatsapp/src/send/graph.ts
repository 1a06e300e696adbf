import { ConfigError, networkErrorCode, redact, wasNeverSent } from '@ferry/core';
import { fetchTransport, type HttpAnswer, type HttpTransport, nodeHttpTransport } from './http.js';
import { authErrorOf } from './outcomes.js';

/** Meta's Graph error object. @see PLATFORMS.md §1.6 "Shape" */
export interface GraphError {
  readonly code: number;
  readonly message?: string;
  readonly type?: string;
  readonly error_subcode?: number;
  readonly is_transient?: boolean;
  readonly error_data?: { readonly details?: string };
  readonly fbtrace_id?: string;
}

/** What one Graph call came to: an HTTP answer, or a network failure before or after the request went out. */
export type GraphResult =
  | { readonly kind: 'ok'; readonly status: number; readonly json: Record<string, unknown> }
  | { readonly kind: 'error'; readonly status: number; readonly error: GraphError | undefined }
  | { readonly kind: 'network'; readonly written: boolean; readonly reason: string };

/** Options of a {@link GraphClient}. */
export interface GraphClientOptions {
  readonly accessToken: string;
  readonly graphBaseUrl: string;
  readonly version: string;
  /** An injected fetch; without one (or with the global fetch) calls go over node:http with keep-alive. */
  readonly fetch?: typeof fetch;
}

function isGraphError(value: unknown): value is GraphError {
  return (
    value !== null && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'number'
  );
}

/** Graph API calls with the bearer token; never puts the token in a result or an error. */
export class GraphClient {
  private readonly transport: HttpTransport;

  constructor(private readonly options: GraphClientOptions) {
    if (typeof options.accessToken !== 'string' || options.accessToken.trim() === '')
      throw new ConfigError('WhatsApp needs an access token.');
    try {
      new URL(options.graphBaseUrl);
    } catch {
      throw new ConfigError(`graphBaseUrl is not a URL: ${options.graphBaseUrl}`);
    }
    if (!/^v\d+\.\d+$/.test(options.version))
      throw new ConfigError(`Graph version must look like v23.0, got "${options.version}".`);
    // The global fetch is what the channel passes when none was injected: node:http does the same
    // for a fraction of the CPU and garbage per send.
    this.transport =
      options.fetch === undefined || options.fetch === globalThis.fetch
        ? nodeHttpTransport()
        : fetchTransport(options.fetch);
  }

  /** The absolute URL of `/{version}/{path}`. */
  url(path: string, query?: Readonly<Record<string, string>>): string {
    const url = new URL(`${this.options.graphBaseUrl.replace(/\/+$/, '')}/${this.options.version}/${path}`);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    return url.toString();
  }

  /** One Graph call; `url` is absolute (from {@link url} or a `paging.next`). */
  async call(
    method: 'GET' | 'POST',
    url: string,
    body?: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
  ): Promise<GraphResult> {
    let answer: HttpAnswer;
    try {
      answer = await this.transport({
        method,
        url,
        headers: {
          authorization: `Bearer ${this.options.accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const code = networkErrorCode(error);
      return {
        kind: 'network',
        written: !wasNeverSent(error),
        reason: redact(`${code ?? 'network error'}: ${(error as Error).message}`, [this.options.accessToken]),
      };
    }
    const { status, json } = answer;
    // A 2xx without a JSON object was still processed: callers see no message id (ambiguous).
    if (status >= 200 && status < 300)
      return {
        kind: 'ok',
        status,
        json: json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {},
      };
    const error = (json as { error?: unknown } | undefined)?.error;
    return { kind: 'error', status, error: isGraphError(error) ? error : undefined };
  }

  /** Throws `AuthError` for a refused token (190 / HTTP 401) or a missing permission (10, 200–299). */
  assertAuthorized(result: GraphResult): void {
    if (result.kind !== 'error') return;
    const error = authErrorOf(result.error, result.status);
    if (error !== undefined) throw error;
  }
}
