import type { TelegramMessageEntity } from '../types.js';
import { ByteReader, linkEntity, type ParsedText, resolveLink, TextBuilder } from './text.js';

interface OpenTag {
  readonly name: string;
  readonly argument: string;
  readonly expandable: boolean;
  readonly utf16Offset: number;
  readonly textByteStart: number;
}

const supportedTags = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  's',
  'strike',
  'del',
  'u',
  'ins',
  'tg-spoiler',
  'tg-emoji',
  'tg-time',
  'span',
  'pre',
  'code',
  'blockquote',
]);
const simpleTagTypes: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  u: 'underline',
  ins: 'underline',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
};
const namedEntities: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };

const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
const isAlphaNumeric = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
const isTagNameChar = (byte: number) => isAlphaNumeric(byte) || byte === 0x2d || byte === 0x5f;

/** Decodes `&lt; &gt; &amp; &quot; &#N; &#xN;` at `index`; answers the code point and the index of `;`. */
function decodeEntity(input: ByteReader, index: number): { codePoint: number; end: number } | undefined {
  let end = index + 1;
  let codePoint = 0;
  if (input.at(end) === 0x23) {
    end++;
    const hex = input.at(end) === 0x78 || input.at(end) === 0x58;
    if (hex) end++;
    const digitsStart = end;
    while (hex ? /[0-9a-fA-F]/.test(input.char(end)) : /[0-9]/.test(input.char(end))) {
      codePoint = codePoint * (hex ? 16 : 10) + Number.parseInt(input.char(end), 16);
      if (codePoint > 0x10ffff) return undefined;
      end++;
    }
    if (end === digitsStart || codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return undefined;
  } else {
    const nameStart = end;
    while (isAlphaNumeric(input.at(end))) end++;
    const named = namedEntities[input.bytes.subarray(nameStart, end).toString('latin1')];
    if (named === undefined) return undefined;
    codePoint = named;
  }
  return input.at(end) === 0x3b ? { codePoint, end } : undefined;
}

/**
 * Parses Telegram HTML the way the server does (a port of tdlib's `parse_html`): only the
 * documented tags, only the four named entities, and Telegram's own reasons for refusing.
 * @see PLATFORMS.md §2.5
 */
export function parseHtml(source: string): ParsedText {
  const input = new ByteReader(source);
  const out = new TextBuilder();
  const entities: TelegramMessageEntity[] = [];
  const open: OpenTag[] = [];

  for (let i = 0; i < input.size; i++) {
    const c = input.at(i);
    if (c === 0x26) {
      const decoded = decodeEntity(input, i);
      if (decoded) {
        out.pushCodePoint(decoded.codePoint);
        i = decoded.end;
        continue;
      }
    }
    if (c !== 0x3c) {
      out.pushByte(c);
      continue;
    }

    const begin = i++;
    if (input.at(i) !== 0x2f) {
      while (isTagNameChar(input.at(i))) i++;
      const name = input.bytes
        .subarray(begin + 1, i)
        .toString('latin1')
        .toLowerCase();
      if (!supportedTags.has(name))
        return { ok: false, reason: `Unsupported start tag "${name}" at byte offset ${begin}` };
      let argument = '';
      let expandable = false;
      while (input.at(i) !== 0x3e) {
        while (input.at(i) !== 0 && isSpace(input.at(i))) i++;
        if (input.at(i) === 0x3e) break;
        const attributeStart = i;
        while (!isSpace(input.at(i)) && input.at(i) !== 0x3d && input.at(i) !== 0x3e && input.at(i) !== 0)
          i++;
        const attribute = input.bytes.subarray(attributeStart, i).toString('latin1').toLowerCase();
        if (attribute.length === 0)
          return { ok: false, reason: `Empty attribute name in the tag "${name}" at byte offset ${begin}` };
        while (input.at(i) !== 0 && isSpace(input.at(i))) i++;
        if (input.at(i) !== 0x3d) {
          if (input.at(i) === 0) return { ok: false, reason: `Unclosed start tag at byte offset ${begin}` };
          if (name === 'blockquote' && attribute === 'expandable') {
            expandable = true;
            continue;
          }
          return {
            ok: false,
            reason: `Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${begin}`,
          };
        }
        i++;
        while (input.at(i) !== 0 && isSpace(input.at(i))) i++;
        if (input.at(i) === 0) return { ok: false, reason: `Unclosed start tag at byte offset ${begin}` };
        let value = '';
        if (input.at(i) !== 0x27 && input.at(i) !== 0x22) {
          const tokenStart = i;
          while (isAlphaNumeric(input.at(i)) || input.at(i) === 0x2e || input.at(i) === 0x2d) i++;
          value = input.bytes.subarray(tokenStart, i).toString('latin1').toLowerCase();
          if (!isSpace(input.at(i)) && input.at(i) !== 0x3e)
            return { ok: false, reason: `Unexpected end of name token at byte offset ${tokenStart}` };
        } else {
          const quote = input.at(i++);
          const valueBuilder = new TextBuilder();
          while (input.at(i) !== quote && input.at(i) !== 0) {
            const decoded = input.at(i) === 0x26 ? decodeEntity(input, i) : undefined;
            if (decoded) {
              valueBuilder.pushCodePoint(decoded.codePoint);
              i = decoded.end + 1;
            } else valueBuilder.pushByte(input.at(i++));
          }
          if (input.at(i) === quote) i++;
          value = valueBuilder.toString();
        }
        if (input.at(i) === 0) return { ok: false, reason: `Unclosed start tag at byte offset ${begin}` };
        if (name === 'a' && attribute === 'href') argument = value;
        else if (name === 'code' && attribute === 'class' && value.startsWith('language-'))
          argument = value.slice('language-'.length);
        else if (name === 'span' && attribute === 'class' && value.startsWith('tg-'))
          argument = value.slice('tg-'.length);
        else if (name === 'tg-emoji' && attribute === 'emoji-id') argument = value;
      }
      if (name === 'span' && argument !== 'spoiler')
        return { ok: false, reason: `Tag "span" must have class "tg-spoiler" at byte offset ${begin}` };
      if (name === 'tg-emoji' && !/^\d+$/.test(argument))
        return { ok: false, reason: `Invalid custom emoji identifier specified at byte offset ${begin}` };
      open.push({ name, argument, expandable, utf16Offset: out.utf16Length, textByteStart: out.byteLength });
      continue;
    }

    const entity = open.at(-1);
    if (entity === undefined) return { ok: false, reason: `Unexpected end tag at byte offset ${begin}` };
    while (!isSpace(input.at(i)) && input.at(i) !== 0x3e && input.at(i) !== 0) i++;
    const endName = input.bytes
      .subarray(begin + 2, i)
      .toString('latin1')
      .toLowerCase();
    while (isSpace(input.at(i)) && input.at(i) !== 0) i++;
    if (input.at(i) !== 0x3e) return { ok: false, reason: `Unclosed end tag at byte offset ${begin}` };
    if (endName.length > 0 && endName !== entity.name)
      return {
        ok: false,
        reason: `Unmatched end tag at byte offset ${begin}, expected "</${entity.name}>", found "</${endName}>"`,
      };
    open.pop();
    const offset = entity.utf16Offset;
    const length = out.utf16Length - offset;
    if (length <= 0) continue;
    const simple = simpleTagTypes[entity.name];
    const last = entities.at(-1);
    const sameSpan = last !== undefined && last.offset === offset && last.length === length;
    if (simple !== undefined) entities.push({ type: simple, offset, length });
    else if (entity.name === 'a') {
      const url = entity.argument.length > 0 ? entity.argument : out.textFrom(entity.textByteStart);
      const link = linkEntity(resolveLink(url), offset, length);
      if (link) entities.push(link);
    } else if (entity.name === 'pre') {
      if (sameSpan && last.type === 'code' && last.language !== undefined) last.type = 'pre';
      else entities.push({ type: 'pre', offset, length });
    } else if (entity.name === 'code') {
      if (sameSpan && last.type === 'pre' && entity.argument.length > 0) last.language = entity.argument;
      else if (sameSpan && last.type === 'pre') continue;
      else
        entities.push(
          entity.argument.length > 0
            ? { type: 'code', offset, length, language: entity.argument }
            : { type: 'code', offset, length },
        );
    } else if (entity.name === 'blockquote')
      entities.push({ type: entity.expandable ? 'expandable_blockquote' : 'blockquote', offset, length });
    else if (entity.name === 'tg-emoji')
      entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: entity.argument });
    else if (entity.name === 'tg-time') entities.push({ type: 'date_time', offset, length });
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined)
    return { ok: false, reason: `Can't find end tag corresponding to start tag "${unclosed.name}"` };
  for (const entity of entities) if (entity.type === 'code') delete entity.language;
  return { ok: true, text: out.toString(), entities };
}
