import type { TelegramMessageEntity } from '../types.js';
import { ByteReader, linkEntity, type ParsedText, resolveLink, TextBuilder } from './text.js';

const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * Parses legacy `Markdown` mode (a port of tdlib's `parse_markdown`): bold, italic, code, pre and
 * links, no nesting, and only `_ * \` [` may be escaped.
 * @see PLATFORMS.md §2.5
 */
export function parseLegacyMarkdown(source: string): ParsedText {
  const input = new ByteReader(source);
  const out = new TextBuilder();
  const entities: TelegramMessageEntity[] = [];
  for (let i = 0; i < input.size; i++) {
    const c = input.at(i);
    const next = input.at(i + 1);
    if (c === 0x5c && (next === 0x5f || next === 0x2a || next === 0x60 || next === 0x5b)) {
      i++;
      out.pushByte(next);
      continue;
    }
    if (c !== 0x5f && c !== 0x2a && c !== 0x60 && c !== 0x5b) {
      out.pushByte(c);
      continue;
    }
    const begin = i;
    const endByte = c === 0x5b ? 0x5d : c;
    let isPre = false;
    let language = '';
    i++;
    if (c === 0x60 && input.at(i) === 0x60 && input.at(i + 1) === 0x60) {
      i += 2;
      isPre = true;
      let languageEnd = i;
      while (!isSpace(input.at(languageEnd)) && input.at(languageEnd) !== 0x60 && languageEnd < input.size)
        languageEnd++;
      if (i !== languageEnd && languageEnd < input.size && input.at(languageEnd) !== 0x60) {
        language = input.bytes.subarray(i, languageEnd).toString('utf8');
        i = languageEnd;
      }
      const here = input.at(i);
      if (here === 0x0a || here === 0x0d) {
        const after = input.at(i + 1);
        i += (after === 0x0a || after === 0x0d) && after !== here ? 2 : 1;
      }
    }
    const offset = out.utf16Length;
    const textStart = out.byteLength;
    while (
      i < input.size &&
      (input.at(i) !== endByte || (isPre && !(input.at(i + 1) === 0x60 && input.at(i + 2) === 0x60)))
    )
      out.pushByte(input.at(i++));
    if (i === input.size)
      return { ok: false, reason: `Can't find end of the entity starting at byte offset ${begin}` };
    const length = out.utf16Length - offset;
    if (c === 0x5b) {
      let url = '';
      if (input.at(i + 1) !== 0x28) url = out.textFrom(textStart);
      else {
        i += 2;
        const urlStart = i;
        while (i < input.size && input.at(i) !== 0x29) i++;
        url = input.bytes.subarray(urlStart, i).toString('utf8');
      }
      const link = length > 0 ? linkEntity(resolveLink(url), offset, length) : undefined;
      if (link) entities.push(link);
    } else if (length > 0) {
      if (c === 0x5f) entities.push({ type: 'italic', offset, length });
      else if (c === 0x2a) entities.push({ type: 'bold', offset, length });
      else if (!isPre) entities.push({ type: 'code', offset, length });
      else
        entities.push(language ? { type: 'pre', offset, length, language } : { type: 'pre', offset, length });
    }
    if (isPre) i += 2;
  }
  return { ok: true, text: out.toString(), entities };
}
