/**
 * Independent checkers for the two Telegram parse modes, written from PLATFORMS.md §2.5 and not from
 * the renderers: each walks a rendered string, throws on anything Telegram would reject or read as
 * unintended formatting, and returns the text a reader would see.
 */

const MARKDOWN_V2_SPECIALS = new Set('_*[]()~`>#+-=|{}.!\\');

/** Walks MarkdownV2 and returns its visible text; throws on an unescaped special or unbalanced entity. */
export function readMarkdownV2(input: string): string {
  let plain = '';
  const stack: string[] = [];
  let index = 0;
  let lineStart = true;
  const fail = (why: string): never => {
    throw new Error(
      `${why} at ${index}: ${JSON.stringify(input.slice(Math.max(0, index - 15), index + 15))}`,
    );
  };
  const readEscaped = (position: number, allowed: (char: string) => boolean): string => {
    const next = input.charAt(position + 1);
    if (next === '' || !allowed(next)) fail(`bad escape \\${next}`);
    return next;
  };
  while (index < input.length) {
    const char = input.charAt(index);
    if (lineStart && char === '>') {
      index += 1;
      lineStart = false;
      continue;
    }
    lineStart = false;
    if (char === '\n') {
      plain += '\n';
      index += 1;
      lineStart = true;
      continue;
    }
    if (char === '\\') {
      plain += readEscaped(index, (next) => next.charCodeAt(0) >= 1 && next.charCodeAt(0) <= 126);
      index += 2;
      continue;
    }
    if (char === '`') {
      const pre = input.startsWith('```', index);
      if (pre && stack.length > 0) fail('pre inside an entity');
      let position = index + (pre ? 3 : 1);
      if (pre) {
        const languageEnd = input.indexOf('\n', position);
        if (languageEnd === -1) fail('pre without newline');
        if (!/^[A-Za-z0-9_+#.-]*$/.test(input.slice(position, languageEnd))) fail('bad pre language');
        position = languageEnd + 1;
      }
      let content = '';
      for (;;) {
        const current = input.charAt(position);
        if (current === '') fail('unclosed code');
        if (current === '\\') {
          content += readEscaped(position, (next) => next === '`' || next === '\\');
          position += 2;
          continue;
        }
        if (current === '`') break;
        content += current;
        position += 1;
      }
      if (pre) {
        if (!input.startsWith('```', position)) fail('unescaped backtick in pre');
        if (!content.endsWith('\n')) fail('pre content must end with a newline');
        plain += content.slice(0, -1);
        index = position + 3;
      } else {
        if (content === '') fail('empty code');
        plain += content;
        index = position + 1;
      }
      continue;
    }
    if (char === '*' || char === '_' || char === '~') {
      if (char === '_' && input.charAt(index + 1) === '_') fail('__ reads as underline');
      const type = { '*': 'bold', _: 'italic', '~': 'strike' }[char];
      if (stack[stack.length - 1] === type) stack.pop();
      else if (stack.includes(type)) fail(`misnested ${type}`);
      else stack.push(type);
      index += 1;
      continue;
    }
    if (char === '[') {
      if (stack.includes('link')) fail('link inside link');
      stack.push('link');
      index += 1;
      continue;
    }
    if (char === ']') {
      if (stack[stack.length - 1] !== 'link') fail('] outside a link');
      stack.pop();
      if (input.charAt(index + 1) !== '(') fail('] not followed by (');
      let position = index + 2;
      for (;;) {
        const current = input.charAt(position);
        if (current === '') fail('unclosed link url');
        if (current === '\\') {
          readEscaped(position, (next) => next === ')' || next === '\\');
          position += 2;
          continue;
        }
        if (current === ')') break;
        position += 1;
      }
      index = position + 1;
      continue;
    }
    if (MARKDOWN_V2_SPECIALS.has(char)) fail(`unescaped ${char}`);
    plain += char;
    index += 1;
  }
  if (stack.length > 0) fail(`unclosed ${stack.join(', ')}`);
  return plain;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decodeEntity(entity: string): string {
  if (entity.startsWith('#x') || entity.startsWith('#X'))
    return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
  if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
  const decoded = ENTITIES[entity];
  if (decoded === undefined) throw new Error(`unsupported entity &${entity};`);
  return decoded;
}

/** Walks Telegram HTML and returns its visible text; throws on a disallowed tag, bad nesting or a raw `<>&`. */
export function readTelegramHtml(input: string): string {
  let plain = '';
  const stack: string[] = [];
  let index = 0;
  const fail = (why: string): never => {
    throw new Error(
      `${why} at ${index}: ${JSON.stringify(input.slice(Math.max(0, index - 15), index + 15))}`,
    );
  };
  while (index < input.length) {
    const rest = input.slice(index, index + 200);
    const char = input.charAt(index);
    if (char === '<') {
      const close = /^<\/(b|i|s|code|pre|a|blockquote)>/.exec(rest);
      if (close) {
        if (stack.pop() !== close[1]) fail(`</${close[1]}> does not close the open tag`);
        index += close[0].length;
        continue;
      }
      const open =
        /^<(b|i|s|pre|blockquote|code)>|^<a href="([^"<>]*)">|^<code class="language-[A-Za-z0-9_+#.-]+">/.exec(
          rest,
        );
      if (!open) fail('tag not allowed');
      const tag = open?.[1] ?? (open?.[0].startsWith('<a') ? 'a' : 'code');
      const top = stack[stack.length - 1];
      if (top === 'code' || (top === 'pre' && tag !== 'code')) fail('tag inside code or pre');
      if (open?.[0].startsWith('<code class') && top !== 'pre') fail('language class outside pre');
      if (tag === 'a' && stack.includes('a')) fail('link inside link');
      if (tag === 'blockquote' && stack.includes('blockquote')) fail('nested blockquote');
      if (tag === 'pre' && stack.includes('blockquote')) fail('pre inside blockquote');
      const href = open?.[2];
      if (href !== undefined && /&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i.test(href))
        fail('raw & in href');
      stack.push(tag);
      index += open?.[0].length ?? 1;
      continue;
    }
    if (char === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(rest);
      if (!entity) fail('raw &');
      plain += decodeEntity(entity?.[1] ?? '');
      index += entity?.[0].length ?? 1;
      continue;
    }
    if (char === '>') fail('raw >');
    plain += char;
    index += 1;
  }
  if (stack.length > 0) fail(`unclosed ${stack.join(', ')}`);
  return plain;
}
