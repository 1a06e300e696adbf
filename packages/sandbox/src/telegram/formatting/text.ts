import type { TelegramMessageEntity } from '../types.js';

/** A parsed text: the plain text and its entities, or the parser's reason for refusing it. */
export type ParsedText =
  | { readonly ok: true; readonly text: string; readonly entities: TelegramMessageEntity[] }
  | { readonly ok: false; readonly reason: string };

/**
 * A UTF-8 byte reader that answers 0 past the end, as the C++ parsers in tdlib read a
 * NUL-terminated string; byte offsets in error messages are therefore the same as Telegram's.
 */
export class ByteReader {
  readonly bytes: Buffer;

  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
  }

  get size(): number {
    return this.bytes.length;
  }

  at(index: number): number {
    return this.bytes[index] ?? 0;
  }

  char(index: number): string {
    return String.fromCharCode(this.at(index));
  }
}

/** How many UTF-16 code units the UTF-8 sequence that starts with this byte adds (0 for continuation bytes). */
export function utf16UnitsOfLeadByte(byte: number): number {
  if ((byte & 0xc0) === 0x80) return 0;
  return byte >= 0xf0 ? 2 : 1;
}

/** Accumulates output bytes while tracking the UTF-16 length of what was written. */
export class TextBuilder {
  private readonly bytes: number[] = [];
  utf16Length = 0;

  pushByte(byte: number): void {
    this.bytes.push(byte);
    this.utf16Length += utf16UnitsOfLeadByte(byte);
  }

  pushCodePoint(codePoint: number): void {
    for (const byte of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) this.bytes.push(byte);
    this.utf16Length += codePoint > 0xffff ? 2 : 1;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** The text written since byte `from`. */
  textFrom(from: number): string {
    return Buffer.from(this.bytes.slice(from)).toString('utf8');
  }

  toString(): string {
    return Buffer.from(this.bytes).toString('utf8');
  }
}

/** What a link target resolves to: a user mention, a checked URL, or nothing (the entity is dropped). */
export type LinkTarget = { readonly userId: number } | { readonly url: string } | undefined;

const allowedSchemes = new Set(['http', 'https', 'tg', 'ton', 'tonsite']);

/**
 * Checks a link target as Telegram does: `tg://user?id=` becomes a mention, a missing scheme
 * becomes `http://`, other schemes and malformed URLs drop the entity without an error.
 */
export function resolveLink(raw: string): LinkTarget {
  const url = raw.trim();
  if (url.length === 0) return undefined;
  const mention = /^tg:\/\/user\?id=(\d{1,16})$/i.exec(url);
  if (mention?.[1] !== undefined) return { userId: Number(mention[1]) };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme !== undefined && !allowedSchemes.has(scheme.toLowerCase())) return undefined;
  const full = scheme === undefined ? `http://${url}` : url;
  try {
    const parsed = new URL(full);
    if (parsed.hostname.length === 0 && scheme !== 'tg') return undefined;
  } catch {
    return undefined;
  }
  return { url: full };
}

/** The entity a resolved link becomes. */
export function linkEntity(
  target: LinkTarget,
  offset: number,
  length: number,
): TelegramMessageEntity | undefined {
  if (target === undefined) return undefined;
  if ('userId' in target)
    return {
      type: 'text_mention',
      offset,
      length,
      user: { id: target.userId, is_bot: false, first_name: '' },
    };
  return { type: 'text_link', offset, length, url: target.url };
}

const isTrimmable = (unit: number) => unit <= 0x20;

/**
 * Strips leading and trailing whitespace and control characters, as Telegram does to message texts
 * and captions, moving and clipping entities and dropping the empty ones; entities come out sorted.
 */
export function trimFormatted(text: string, entities: readonly TelegramMessageEntity[]) {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  const kept: TelegramMessageEntity[] = [];
  for (const entity of entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to <= from) continue;
    kept.push({ ...entity, offset: from - start, length: to - from });
  }
  kept.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: text.slice(start, end), entities: kept };
}
