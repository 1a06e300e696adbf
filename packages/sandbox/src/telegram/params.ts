import type { EmulatorRequest } from '../shared/index.js';

/** A file part of a multipart upload. */
export interface UploadedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/**
 * The parameters of one Bot API call, from the query string, a JSON body, a form-encoded body or a
 * multipart body; form and multipart fields that hold objects arrive JSON-serialised, as Telegram
 * accepts them.
 * @see PLATFORMS.md §2.7 (grammY sends JSON, multipart only for uploads)
 */
export class Params {
  constructor(
    readonly values: Readonly<Record<string, unknown>>,
    readonly files: ReadonlyMap<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== '';
  }

  /** A string parameter; numbers are accepted and turned into strings. */
  string(name: string): string | undefined {
    const value = this.values[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    return undefined;
  }

  /** A numeric parameter (a JSON number or a numeric string). */
  number(name: string): number | undefined {
    const value = this.values[name];
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '') {
      const parsed = Number(value);
      return Number.isFinite(parsed) ? parsed : undefined;
    }
    return undefined;
  }

  boolean(name: string): boolean {
    const value = this.values[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  /** An object parameter, parsing a JSON string when the body was a form. */
  json(name: string): unknown {
    const value = this.values[name];
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
}

/** Reads a request's parameters whatever its content type; a malformed JSON body yields undefined. */
export function readParams(request: EmulatorRequest): Params | undefined {
  const values: Record<string, unknown> = Object.fromEntries(request.query);
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (request.rawBody.length === 0) return new Params(values);
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(request.rawBody.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      return new Params({ ...values, ...(parsed as Record<string, unknown>) });
    } catch {
      return undefined;
    }
  }
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(request.headers['content-type']));
    const files = new Map<string, UploadedFile>();
    const marker = boundary?.[1] ?? boundary?.[2];
    if (marker === undefined) return new Params(values);
    for (const part of splitMultipart(request.rawBody, marker)) {
      if (part.fileName === undefined) values[part.name] = part.data.toString('utf8');
      else files.set(part.name, { fileName: part.fileName, contentType: part.contentType, data: part.data });
    }
    return new Params(values, files);
  }
  for (const [key, value] of new URLSearchParams(request.rawBody.toString('utf8'))) values[key] = value;
  return new Params(values);
}

interface MultipartPart {
  readonly name: string;
  readonly fileName: string | undefined;
  readonly contentType: string;
  readonly data: Buffer;
}

function splitMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const contentStart = start + delimiter.length;
    if (body.subarray(contentStart, contentStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, contentStart);
    if (next < 0) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const raw = body.subarray(contentStart + 2, next - 2);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = raw.subarray(0, headerEnd).toString('utf8');
      const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
      const fileMatch = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
      const fileName = fileMatch === null ? undefined : (fileMatch[1] ?? fileMatch[2] ?? '');
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (name !== undefined)
        parts.push({ name, fileName, contentType: contentType.trim(), data: raw.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}
