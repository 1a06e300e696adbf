import type { TextContent } from '../model/message.js';
import type { Block, Inline, ListItem, RichText } from '../model/rich-text.js';
import { parseInlineLine } from './parse-inline.js';

/** Quotes nested deeper than this stay literal `> ` text, so hostile input cannot exhaust the stack. */
export const MAX_QUOTE_DEPTH = 8;

const FENCE = '```';
const BULLET_ITEM = /^[-*] (.*)$/;
// Leading zeros would be lost when the number is re-rendered, so `01. ` is not a list item.
const NUMBERED_ITEM = /^(0|[1-9]\d{0,8})\. (.*)$/;

interface OpenList {
  readonly ordered: boolean;
  readonly start: number;
  readonly items: ListItem[];
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function paragraphOf(lines: readonly string[]): Block {
  const children: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) children.push({ type: 'break' });
    // A loop, not push(...spread): a long line can hold more nodes than a call has room for arguments.
    for (const node of parseInlineLine(line)) children.push(node);
  });
  return { type: 'paragraph', children };
}

/** For each line index, the first line at or after it that ends a fenced block, or -1. */
function fenceClosers(lines: readonly string[]): Int32Array {
  const next = new Int32Array(lines.length + 1).fill(-1);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    next[index] = (lines[index] ?? '').endsWith(FENCE) ? index : (next[index + 1] ?? -1);
  }
  return next;
}

/** A whole line that is exactly ```` ```content``` ```` (a block that stands alone). */
function standaloneCode(line: string): string | undefined {
  if (line.length > 6 && line.startsWith(FENCE) && line.indexOf(FENCE, 3) === line.length - 3) {
    return line.slice(3, -3);
  }
  return undefined;
}

function parseBlocks(lines: readonly string[], depth: number): Block[] {
  const blocks: Block[] = [];
  const closers = fenceClosers(lines);
  let paragraph: string[] = [];
  let list: OpenList | undefined;

  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push(paragraphOf(paragraph));
    paragraph = [];
  };
  const flushList = (): void => {
    if (list !== undefined) {
      blocks.push(
        list.ordered
          ? { type: 'list', ordered: true, start: list.start, items: list.items }
          : { type: 'list', ordered: false, items: list.items },
      );
    }
    list = undefined;
  };
  const flushAll = (): void => {
    flushParagraph();
    flushList();
  };

  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      flushAll();
      index += 1;
      continue;
    }
    if (line.startsWith(FENCE)) {
      const single = standaloneCode(line);
      if (single !== undefined) {
        flushAll();
        blocks.push({ type: 'codeBlock', value: single });
        index += 1;
        continue;
      }
      const close = line.indexOf(FENCE, 3) === -1 ? (closers[index + 1] ?? -1) : -1;
      if (close !== -1) {
        const body = [line.slice(3), ...lines.slice(index + 1, close), (lines[close] ?? '').slice(0, -3)];
        // A fence on its own line is layout, not content: drop the one newline it brings.
        if (body[0] === '') body.shift();
        if (body.length > 1 && body[body.length - 1] === '') body.pop();
        const value = body.join('\n');
        if (value !== '') {
          flushAll();
          blocks.push({ type: 'codeBlock', value });
          index = close + 1;
          continue;
        }
      }
    }
    if (line.startsWith('> ') && depth < MAX_QUOTE_DEPTH) {
      let end = index;
      while (end < lines.length && (lines[end] ?? '').startsWith('> ')) end += 1;
      const quoted = lines.slice(index, end);
      const inner = parseBlocks(
        quoted.map((quotedLine) => quotedLine.slice(2)),
        depth + 1,
      );
      if (inner.length > 0) {
        flushAll();
        blocks.push({ type: 'quote', children: inner });
      } else {
        flushList();
        for (const quotedLine of quoted) paragraph.push(quotedLine);
      }
      index = end;
      continue;
    }
    const bullet = BULLET_ITEM.exec(line);
    const numbered = bullet === null ? NUMBERED_ITEM.exec(line) : null;
    const itemText = bullet?.[1] ?? numbered?.[2];
    if (itemText !== undefined && !isBlank(itemText)) {
      flushParagraph();
      const number = numbered === null ? undefined : Number(numbered[1]);
      const continues =
        list !== undefined &&
        (number === undefined ? !list.ordered : list.ordered && number === list.start + list.items.length);
      if (!continues) {
        flushList();
        list = { ordered: number !== undefined, start: number ?? 1, items: [] };
      }
      list?.items.push({ children: parseInlineLine(itemText) });
      index += 1;
      continue;
    }
    flushList();
    paragraph.push(line);
    index += 1;
  }
  flushAll();
  return blocks;
}

/**
 * Parses WhatsApp markup into the AST; odd or unbalanced markers stay literal text. Never throws.
 *
 * Bare `http(s)://` URLs become `link` nodes whose text is the URL, so markers inside a URL
 * (`https://x.com/_a_`) are never read as formatting; trailing `.,:;!?'"*_~` and an unbalanced
 * `)` stay outside the link. CRLF and lone CR count as line breaks. WhatsApp has no language tag
 * on ```` ``` ```` blocks, so the first line of a fenced block is content, not a language.
 * @see PLATFORMS.md §1.8 (WhatsApp text formatting)
 */
export function parseWhatsAppMarkup(text: string): RichText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return { type: 'doc', blocks: parseBlocks(lines, 0) };
}

/** A string is WhatsApp markup and is parsed; an AST is returned as is. */
export function toRichText(content: TextContent): RichText {
  return typeof content === 'string' ? parseWhatsAppMarkup(content) : content;
}
