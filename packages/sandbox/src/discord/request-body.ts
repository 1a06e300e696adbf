import type { EmulatorRequest } from '../shared/emulator.js';
import { isObject, type JsonObject } from './json.js';

/**
 * Largest request body Discord takes (message create with files included); above it: 413 40005.
 * @see PLATFORMS.md §4.1 ("Max request size is 25 MiB")
 */
export const maxRequestBytes = 25 * 1024 * 1024;

/** One `files[n]` part of a multipart message create. */
export interface UploadedFile {
  /** The `n` of `files[n]`: what `attachments[].id` refers to. */
  readonly index: number;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/** A request body as the REST handlers take it: JSON, plus any uploaded files. */
export type ParsedBody =
  | { readonly kind: 'ok'; readonly body: unknown; readonly files: readonly UploadedFile[] }
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'too-large' };

const filePart = /^files\[(\d+)\]$/;

/**
 * Reads a JSON body, or a `multipart/form-data` one (`payload_json` + `files[n]`) as @discordjs/rest
 * sends messages with attachments; refuses bodies over {@link maxRequestBytes}.
 * @see https://discord.com/developers/docs/reference#uploading-files
 */
export async function parseRequestBody(request: EmulatorRequest): Promise<ParsedBody> {
  if (request.rawBody.length > maxRequestBytes) return { kind: 'too-large' };
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    const body = parseJson(request.rawBody);
    return body === undefined ? { kind: 'invalid-json' } : { kind: 'ok', body, files: [] };
  }
  let form: FormData;
  try {
    form = await new Request('http://sandbox/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: request.rawBody,
    }).formData();
  } catch {
    return { kind: 'invalid-json' };
  }
  const payload = form.get('payload_json');
  const body: unknown = typeof payload === 'string' ? parseJson(Buffer.from(payload)) : {};
  if (body === undefined) return { kind: 'invalid-json' };
  const files: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    const index = filePart.exec(name)?.[1];
    if (index === undefined || typeof value === 'string') continue;
    files.push({
      index: Number(index),
      filename: value.name,
      contentType: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { kind: 'ok', body, files };
}

/** JSON text (`{}` when empty), or undefined when it is not valid JSON. */
function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The message's `attachments` objects for the uploaded files: each `files[n]` matched to the body's
 * `attachments[].id === n` for its `filename` and `description`, as Discord does.
 */
export function attachmentObjects(
  body: JsonObject,
  files: readonly UploadedFile[],
  nextId: () => string,
  baseUrl: string,
  channelId: string,
): JsonObject[] {
  const declared = Array.isArray(body['attachments']) ? body['attachments'].filter(isObject) : [];
  return files.map((file) => {
    const entry = declared.find((candidate) => String(candidate['id']) === String(file.index));
    const filename = typeof entry?.['filename'] === 'string' ? entry['filename'] : file.filename;
    const id = nextId();
    const url = `${baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file.data.length,
      url,
      proxy_url: url,
      ...(file.contentType === '' ? {} : { content_type: file.contentType }),
      ...(typeof entry?.['description'] === 'string' ? { description: entry['description'] } : {}),
    };
  });
}
