import { describe, expect, it } from 'vitest';
import { formatText, parseHtml, parseLegacyMarkdown, parseMarkdownV2 } from './index.js';

describe('parseMarkdownV2', () => {
  it('refuses an unescaped reserved character with Telegram’s reason', () => {
    expect(parseMarkdownV2('Hello.')).toEqual({
      ok: false,
      reason: "Character '.' is reserved and must be escaped with the preceding '\\'",
    });
    expect(parseMarkdownV2('a-b')).toMatchObject({ ok: false, reason: expect.stringContaining("'-'") });
    expect(parseMarkdownV2('|x')).toMatchObject({ ok: false, reason: expect.stringContaining("'|'") });
  });

  it('parses nested entities with UTF-16 offsets and escapes', () => {
    const parsed = parseMarkdownV2('😀 *bold _italic_* \\. __under__ ~s~ ||spoiler|| `co\\`de`');
    expect(parsed).toEqual({
      ok: true,
      text: '😀 bold italic . under s spoiler co`de',
      entities: [
        { type: 'italic', offset: 8, length: 6 },
        { type: 'bold', offset: 3, length: 11 },
        { type: 'underline', offset: 17, length: 5 },
        { type: 'strikethrough', offset: 23, length: 1 },
        { type: 'spoiler', offset: 25, length: 7 },
        { type: 'code', offset: 33, length: 5 },
      ],
    });
  });

  it('reports an unclosed entity at its byte offset', () => {
    expect(parseMarkdownV2('é *bold')).toEqual({
      ok: false,
      reason: "Can't find end of Bold entity at byte offset 3",
    });
    expect(parseMarkdownV2('[x](http://a.b')).toMatchObject({
      ok: false,
      reason: "Can't find end of a URL at byte offset 4",
    });
  });

  it('parses links, mentions, pre blocks and block quotes', () => {
    expect(parseMarkdownV2('[site](https://example.com/a\\)b) [me](tg://user?id=42)')).toEqual({
      ok: true,
      text: 'site me',
      entities: [
        { type: 'text_link', offset: 0, length: 4, url: 'https://example.com/a)b' },
        { type: 'text_mention', offset: 5, length: 2, user: { id: 42, is_bot: false, first_name: '' } },
      ],
    });
    expect(parseMarkdownV2('```python\nprint(1)\n```')).toEqual({
      ok: true,
      text: 'print(1)\n',
      entities: [{ type: 'pre', offset: 0, length: 9, language: 'python' }],
    });
    expect(parseMarkdownV2('>quoted\n>lines\nafter')).toEqual({
      ok: true,
      text: 'quoted\nlines\nafter',
      entities: [{ type: 'blockquote', offset: 0, length: 12 }],
    });
    expect(parseMarkdownV2('**>hidden\n>more||')).toEqual({
      ok: true,
      text: 'hidden\nmore',
      entities: [{ type: 'expandable_blockquote', offset: 0, length: 11 }],
    });
  });
});

describe('parseHtml', () => {
  it('parses the allowed tags and the four named entities', () => {
    expect(
      parseHtml('<b>bold</b> &lt;tag&gt; &amp; &quot; &#128512; <a href="https://x.org/">x</a>'),
    ).toEqual({
      ok: true,
      text: 'bold <tag> & " 😀 x',
      entities: [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'text_link', offset: 18, length: 1, url: 'https://x.org/' },
      ],
    });
    expect(parseHtml('<pre><code class="language-ts">let a;</code></pre>')).toEqual({
      ok: true,
      text: 'let a;',
      entities: [{ type: 'pre', offset: 0, length: 6, language: 'ts' }],
    });
    expect(parseHtml('<span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>')).toMatchObject(
      {
        ok: true,
        entities: [
          { type: 'spoiler', offset: 0, length: 1 },
          { type: 'expandable_blockquote', offset: 1, length: 1 },
        ],
      },
    );
  });

  it('refuses unknown, unbalanced and unclosed tags with Telegram’s reasons', () => {
    expect(parseHtml('<div>x</div>')).toEqual({
      ok: false,
      reason: 'Unsupported start tag "div" at byte offset 0',
    });
    expect(parseHtml('a < b')).toEqual({ ok: false, reason: 'Unsupported start tag "" at byte offset 2' });
    expect(parseHtml('<b>x</i>')).toEqual({
      ok: false,
      reason: 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
    });
    expect(parseHtml('<b>bold')).toEqual({
      ok: false,
      reason: 'Can\'t find end tag corresponding to start tag "b"',
    });
    expect(parseHtml('x</b>')).toEqual({ ok: false, reason: 'Unexpected end tag at byte offset 1' });
    expect(parseHtml('<span class="x">s</span>')).toEqual({
      ok: false,
      reason: 'Tag "span" must have class "tg-spoiler" at byte offset 0',
    });
  });
});

describe('parseLegacyMarkdown', () => {
  it('parses flat entities and refuses an unclosed one', () => {
    expect(parseLegacyMarkdown('*a* _b_ `c` [d](http://e.f)')).toMatchObject({
      ok: true,
      text: 'a b c d',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'code', offset: 4, length: 1 },
        { type: 'text_link', offset: 6, length: 1, url: 'http://e.f' },
      ],
    });
    expect(parseLegacyMarkdown('x *a')).toEqual({
      ok: false,
      reason: "Can't find end of the entity starting at byte offset 2",
    });
  });
});

describe('formatText', () => {
  it('counts the length after entity parsing, in UTF-16 code units', () => {
    const body = 'a'.repeat(4096);
    expect(formatText(`*${body}*`, 'MarkdownV2', undefined, 'text')).toMatchObject({ text: body });
    expect(formatText(`${body}a`, undefined, undefined, 'text')).toMatchObject({
      description: 'Bad Request: message is too long',
    });
    expect(formatText('😀'.repeat(2049), undefined, undefined, 'text')).toMatchObject({
      description: 'Bad Request: message is too long',
    });
    expect(formatText('c'.repeat(1025), undefined, undefined, 'caption')).toMatchObject({
      description: 'Bad Request: message caption is too long',
    });
  });

  it('trims whitespace, refuses an empty text, and prefixes parse errors', () => {
    expect(formatText('  <b> hi </b>\n', 'HTML', undefined, 'text')).toEqual({
      text: 'hi',
      entities: [{ type: 'bold', offset: 0, length: 2 }],
    });
    expect(formatText(' \n ', undefined, undefined, 'text')).toMatchObject({
      error_code: 400,
      description: 'Bad Request: message text is empty',
    });
    expect(formatText('Hi!', 'MarkdownV2', undefined, 'text')).toMatchObject({
      description:
        "Bad Request: can't parse entities: Character '!' is reserved and must be escaped with the preceding '\\'",
    });
    expect(formatText('x', 'Markdown3', undefined, 'text')).toMatchObject({
      description: 'Bad Request: unsupported parse_mode',
    });
  });
});
