import type { TelegramMessageEntity } from '../types.js';
import { ByteReader, linkEntity, type ParsedText, resolveLink, TextBuilder } from './text.js';

type EntityKind =
  | 'Bold'
  | 'Italic'
  | 'Underline'
  | 'Strikethrough'
  | 'Spoiler'
  | 'Code'
  | 'Pre'
  | 'PreCode'
  | 'TextUrl'
  | 'CustomEmoji';

interface OpenEntity {
  readonly kind: EntityKind;
  readonly argument: string;
  readonly utf16Offset: number;
  readonly byteOffset: number;
  readonly textByteStart: number;
}

interface OpenQuote {
  readonly utf16Offset: number;
  readonly expandable: boolean;
}

const reservedEverywhere = '_*[]()~`>#+-=|{}.!';
const apiType: Record<Exclude<EntityKind, 'TextUrl' | 'CustomEmoji'>, string> = {
  Bold: 'bold',
  Italic: 'italic',
  Underline: 'underline',
  Strikethrough: 'strikethrough',
  Spoiler: 'spoiler',
  Code: 'code',
  Pre: 'pre',
  PreCode: 'pre',
};

const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
const reserved = (char: string) =>
  `Character '${char}' is reserved and must be escaped with the preceding '\\'`;

/**
 * Parses MarkdownV2 the way Telegram's server does (a port of tdlib's `parse_markdown_v2`), so
 * an unescaped reserved character or an unclosed entity fails with Telegram's own reason.
 * @see PLATFORMS.md §2.5
 */
export function parseMarkdownV2(source: string): ParsedText {
  const input = new ByteReader(source);
  const out = new TextBuilder();
  const entities: TelegramMessageEntity[] = [];
  const open: OpenEntity[] = [];
  let quote: OpenQuote | undefined;

  const closeQuote = (endUtf16: number) => {
    if (quote === undefined) return;
    if (endUtf16 > quote.utf16Offset)
      entities.push({
        type: quote.expandable ? 'expandable_blockquote' : 'blockquote',
        offset: quote.utf16Offset,
        length: endUtf16 - quote.utf16Offset,
      });
    quote = undefined;
  };

  for (let i = 0; i < input.size; i++) {
    let c = input.at(i);
    const top = open.at(-1);
    const inCode = top !== undefined && (top.kind === 'Code' || top.kind === 'Pre' || top.kind === 'PreCode');

    if (!inCode && (i === 0 || input.at(i - 1) === 0x0a)) {
      const expandableStart = c === 0x2a && input.at(i + 1) === 0x2a && input.at(i + 2) === 0x3e;
      if (c === 0x3e || expandableStart) {
        if (quote === undefined) quote = { utf16Offset: out.utf16Length, expandable: expandableStart };
        i += expandableStart ? 2 : 0;
        continue;
      }
      if (quote !== undefined && i > 0) {
        if (top !== undefined && top.utf16Offset >= quote.utf16Offset)
          return {
            ok: false,
            reason: `Can't find end of ${top.kind} entity at byte offset ${top.byteOffset}`,
          };
        closeQuote(out.utf16Length - 1);
      }
    }

    if (c === 0x5c && input.at(i + 1) > 0 && input.at(i + 1) <= 126) {
      i++;
      out.pushByte(input.at(i));
      continue;
    }

    const reservedHere = inCode ? '`' : reservedEverywhere;
    if (!reservedHere.includes(String.fromCharCode(c)) || c === 0) {
      out.pushByte(c);
      continue;
    }

    if (quote?.expandable && top === undefined && c === 0x7c && input.at(i + 1) === 0x7c) {
      const after = input.at(i + 2);
      if (after === 0 || after === 0x0a) {
        closeQuote(out.utf16Length);
        i++;
        continue;
      }
    }

    const closes = top !== undefined && closesEntity(top.kind, c, input, i);
    if (!closes) {
      const byteOffset = i;
      let kind: EntityKind;
      let argument = '';
      switch (c) {
        case 0x5f:
          if (input.at(i + 1) === 0x5f) {
            kind = 'Underline';
            i++;
          } else kind = 'Italic';
          break;
        case 0x2a:
          kind = 'Bold';
          break;
        case 0x7e:
          kind = 'Strikethrough';
          break;
        case 0x7c:
          if (input.at(i + 1) !== 0x7c) return { ok: false, reason: reserved('|') };
          i++;
          kind = 'Spoiler';
          break;
        case 0x5b:
          kind = 'TextUrl';
          break;
        case 0x60:
          if (input.at(i + 1) === 0x60 && input.at(i + 2) === 0x60) {
            i += 3;
            kind = 'Pre';
            let languageEnd = i;
            while (
              !isSpace(input.at(languageEnd)) &&
              input.at(languageEnd) !== 0x60 &&
              languageEnd < input.size
            )
              languageEnd++;
            if (i !== languageEnd && languageEnd < input.size && input.at(languageEnd) !== 0x60) {
              kind = 'PreCode';
              argument = input.bytes.subarray(i, languageEnd).toString('utf8');
              i = languageEnd;
            }
            c = input.at(i);
            if (c === 0x0a || c === 0x0d) {
              const next = input.at(i + 1);
              i += (next === 0x0a || next === 0x0d) && next !== c ? 2 : 1;
            }
            i--;
          } else kind = 'Code';
          break;
        case 0x21:
          if (input.at(i + 1) !== 0x5b) return { ok: false, reason: reserved('!') };
          i++;
          kind = 'CustomEmoji';
          break;
        default:
          return { ok: false, reason: reserved(String.fromCharCode(c)) };
      }
      open.push({ kind, argument, utf16Offset: out.utf16Length, byteOffset, textByteStart: out.byteLength });
      continue;
    }

    const entity = open.pop()!;
    let skip = out.utf16Length === entity.utf16Offset;
    const length = out.utf16Length - entity.utf16Offset;
    switch (entity.kind) {
      case 'Underline':
      case 'Spoiler':
        i++;
        break;
      case 'Pre':
      case 'PreCode':
        i += 2;
        break;
      case 'TextUrl':
      case 'CustomEmoji': {
        let url = '';
        if (input.at(i + 1) !== 0x28) url = out.textFrom(entity.textByteStart);
        else {
          i += 2;
          const urlStart = i;
          const urlBytes: number[] = [];
          while (i < input.size && input.at(i) !== 0x29) {
            if (input.at(i) === 0x5c && input.at(i + 1) > 0 && input.at(i + 1) <= 126) {
              urlBytes.push(input.at(i + 1));
              i += 2;
              continue;
            }
            urlBytes.push(input.at(i++));
          }
          if (input.at(i) !== 0x29)
            return { ok: false, reason: `Can't find end of a URL at byte offset ${urlStart}` };
          url = Buffer.from(urlBytes).toString('utf8');
        }
        if (entity.kind === 'CustomEmoji') {
          const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
          if (id === undefined)
            return { ok: false, reason: 'Custom emoji URL must have an emoji identifier' };
          if (!skip)
            entities.push({ type: 'custom_emoji', offset: entity.utf16Offset, length, custom_emoji_id: id });
        } else if (!skip) {
          const link = linkEntity(resolveLink(url), entity.utf16Offset, length);
          if (link) entities.push(link);
        }
        skip = true;
        break;
      }
      default:
        break;
    }
    if (!skip) {
      const type = apiType[entity.kind as keyof typeof apiType];
      entities.push(
        entity.kind === 'PreCode'
          ? { type, offset: entity.utf16Offset, length, language: entity.argument }
          : { type, offset: entity.utf16Offset, length },
      );
    }
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined)
    return {
      ok: false,
      reason: `Can't find end of ${unclosed.kind} entity at byte offset ${unclosed.byteOffset}`,
    };
  closeQuote(out.utf16Length);
  return { ok: true, text: out.toString(), entities };
}

function closesEntity(kind: EntityKind, c: number, input: ByteReader, i: number): boolean {
  switch (kind) {
    case 'Bold':
      return c === 0x2a;
    case 'Italic':
      return c === 0x5f && input.at(i + 1) !== 0x5f;
    case 'Code':
      return c === 0x60;
    case 'Pre':
    case 'PreCode':
      return c === 0x60 && input.at(i + 1) === 0x60 && input.at(i + 2) === 0x60;
    case 'TextUrl':
    case 'CustomEmoji':
      return c === 0x5d;
    case 'Underline':
      return c === 0x5f && input.at(i + 1) === 0x5f;
    case 'Strikethrough':
      return c === 0x7e;
    case 'Spoiler':
      return c === 0x7c && input.at(i + 1) === 0x7c;
  }
}
