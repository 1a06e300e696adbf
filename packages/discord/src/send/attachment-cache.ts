import { readFile, stat } from 'node:fs/promises';
import type { RawFile } from '@discordjs/rest';
import { InputError } from '@ferry/core';
import type { AttachmentFile } from '../render/media.js';

/** The file system calls the cache makes; node:fs/promises by default. */
export interface AttachmentFileSystem {
  stat(path: string): Promise<{ readonly mtimeMs: number; readonly size: number }>;
  readFile(path: string): Promise<Buffer>;
}

/** Bounds of {@link AttachmentCache}. */
export interface AttachmentCacheLimits {
  /** Files kept at most (least recently used dropped first). */
  readonly maxFiles: number;
  /** Bytes kept at most; a file larger than this is read every time and never kept. */
  readonly maxBytes: number;
}

/**
 * Default bounds: a campaign attaches a handful of files; 25 MiB is Discord's whole request limit,
 * so 64 MiB holds a few full-size attachments.
 * @see PLATFORMS.md §4.1 (max request size 25 MiB)
 */
export const DEFAULT_ATTACHMENT_CACHE_LIMITS: AttachmentCacheLimits = {
  maxFiles: 32,
  maxBytes: 64 * 1024 * 1024,
};

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly data: Promise<Buffer>;
}

const nodeFileSystem: AttachmentFileSystem = { stat, readFile };

/**
 * Reads a campaign's attachments once instead of once per recipient: each path is kept with its
 * mtime and size, checked with a `stat` per send, and read again only when the file changed.
 */
export class AttachmentCache {
  readonly #entries = new Map<string, Entry>();
  readonly #fs: AttachmentFileSystem;
  readonly #limits: AttachmentCacheLimits;
  #bytes = 0;

  constructor(fs: AttachmentFileSystem = nodeFileSystem, limits = DEFAULT_ATTACHMENT_CACHE_LIMITS) {
    this.#fs = fs;
    this.#limits = limits;
  }

  /** The attachments as @discordjs/rest files; an unreadable file is an `InputError` (the sender's mistake). */
  load(files: readonly AttachmentFile[]): Promise<RawFile[]> {
    return Promise.all(
      files.map(async (file, index) => ({
        name: file.name,
        key: `files[${index}]`,
        data: await this.#bytesOf(file.path),
      })),
    );
  }

  async #bytesOf(path: string): Promise<Buffer> {
    let info: { readonly mtimeMs: number; readonly size: number };
    try {
      info = await this.#fs.stat(path);
    } catch (error) {
      this.#forget(path);
      throw unreadable(path, error);
    }
    const cached = this.#entries.get(path);
    if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      // Most recently used goes last, so eviction takes the oldest first.
      this.#entries.delete(path);
      this.#entries.set(path, cached);
      return cached.data;
    }
    this.#forget(path);
    const data: Promise<Buffer> = this.#fs.readFile(path).catch((error: unknown) => {
      if (this.#entries.get(path)?.data === data) this.#forget(path);
      throw unreadable(path, error);
    });
    if (info.size <= this.#limits.maxBytes) {
      this.#entries.set(path, { mtimeMs: info.mtimeMs, size: info.size, data });
      this.#bytes += info.size;
      this.#evict();
    }
    return data;
  }

  #forget(path: string): void {
    const entry = this.#entries.get(path);
    if (entry === undefined) return;
    this.#entries.delete(path);
    this.#bytes -= entry.size;
  }

  #evict(): void {
    for (const [path] of this.#entries) {
      if (this.#entries.size <= this.#limits.maxFiles && this.#bytes <= this.#limits.maxBytes) return;
      this.#forget(path);
    }
  }
}

function unreadable(path: string, error: unknown): InputError {
  const code = (error as { code?: unknown }).code;
  return new InputError(
    `The attachment ${path} could not be read${typeof code === 'string' ? ` (${code})` : ''}.`,
    { details: { path }, hint: 'Check the media path in the message.' },
  );
}
