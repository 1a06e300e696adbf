import type { Inline } from '../model/rich-text.js';
import {
  canFollowCloser,
  canFollowOpener,
  canPrecedeCloser,
  canPrecedeOpener,
  charAt,
  charBefore,
  type FlankingMarker,
  isSpace,
  ZERO_WIDTH_BOUNDARY,
  ZERO_WIDTH_SPACE,
} from './chars.js';
import { normalizeInlineNodes } from './normalize.js';
import { parseInlineLine } from './parse-inline.js';

/**
 * Serializer for the dialects that have no escape character and whose markers only count when
 * they flank a word (WhatsApp, Slack mrkdwn). Literal markers are neutralised with a zero-width
 * space, formatting is closed and re-opened around line breaks (a pair never spans lines there),
 * and whitespace at the inner edge of a span is moved outside it (`*a *` would not be bold).
 */

type Token =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'raw'; readonly value: string }
  | { readonly kind: 'open'; readonly marker: FlankingMarker }
  | { readonly kind: 'close'; readonly marker: FlankingMarker }
  | { readonly kind: 'newline' };

/** What differs between WhatsApp and Slack. */
export interface FlankingDialect {
  /** Escapes one literal character (Slack: `& < >`; WhatsApp: none). */
  readonly escapeChar: (char: string) => string;
  /** Raw markup for inline code fenced with one or three backticks. */
  readonly code: (value: string, fence: '`' | '```') => string;
  /** Markup for a link: inline nodes rendered as usual and raw parts emitted untouched. */
  readonly link: (node: Extract<Inline, { type: 'link' }>) => readonly (Inline | { readonly raw: string })[];
  /** Whether a paragraph line would read as block syntax, so it needs a ZWSP first. */
  readonly isBlockStart: (line: string) => boolean;
}

const MARKERS: Readonly<Record<'bold' | 'italic' | 'strike', FlankingMarker>> = {
  bold: '*',
  italic: '_',
  strike: '~',
};

function isMarkerChar(char: string): boolean {
  return char === '*' || char === '_' || char === '~' || char === '`';
}

/**
 * The fence that makes `value` read back as exactly one code span, or undefined when none does
 * (a line break, edge spaces, a ``` inside): such code is sent as literal text instead.
 */
function codeFence(value: string): '`' | '```' | undefined {
  if (value.includes('\n')) return undefined;
  for (const fence of ['`', '```'] as const) {
    const parsed = parseInlineLine(fence + value + fence);
    const only = parsed[0];
    if (parsed.length === 1 && only?.type === 'code' && only.value === value) return fence;
  }
  return undefined;
}

function tokensOf(nodes: readonly Inline[], dialect: FlankingDialect, tokens: Token[]): Token[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        tokens.push({ kind: 'text', value: node.value });
        break;
      case 'break':
        tokens.push({ kind: 'newline' });
        break;
      case 'code': {
        const fence = codeFence(node.value);
        if (fence === undefined)
          tokensOf(normalizeInlineNodes([{ type: 'text', value: node.value }]), dialect, tokens);
        else tokens.push({ kind: 'raw', value: dialect.code(node.value, fence) });
        break;
      }
      case 'link':
        for (const part of dialect.link(node)) {
          if ('raw' in part) tokens.push({ kind: 'raw', value: part.raw });
          else tokensOf([part], dialect, tokens);
        }
        break;
      default: {
        const marker = MARKERS[node.type];
        tokens.push({ kind: 'open', marker });
        tokensOf(node.children, dialect, tokens);
        tokens.push({ kind: 'close', marker });
      }
    }
  }
  return tokens;
}

/**
 * The first character that will follow token `index`, erring towards "a marker follows", and
 * whether it belongs to real markup (a marker, code span or link) rather than literal text.
 */
function peekAfter(tokens: readonly Token[], index: number): { char: string | undefined; markup: boolean } {
  for (let next = index + 1; next < tokens.length; next += 1) {
    const token = tokens[next];
    if (token === undefined) break;
    if (token.kind === 'newline') return { char: '\n', markup: false };
    // A real opener needs a boundary before it; a real closer is content-side and needs none.
    if (token.kind === 'open' || token.kind === 'close')
      return { char: token.marker, markup: token.kind === 'open' };
    if (token.value !== '') return { char: charAt(token.value, 0), markup: token.kind === 'raw' };
  }
  return { char: undefined, markup: false };
}

/**
 * Output buffer that never reads back from the joined string (reading a char of a long concatenated
 * string flattens it, which made long messages quadratic). Trailing whitespace is held back so a
 * closing marker can be written before it.
 */
class Output {
  private readonly parts: string[] = [];
  private whitespace = '';
  private last: string | undefined;
  private touchesMarkup = false;

  /** The last character of the output so far. */
  previous(): string | undefined {
    return this.whitespace === '' ? this.last : this.whitespace.charAt(this.whitespace.length - 1);
  }

  /** Whether the output ends right at a real closing marker or raw markup (nothing after it). */
  endsWithMarkup(): boolean {
    return this.touchesMarkup && this.whitespace === '';
  }

  space(char: string): void {
    this.whitespace += char;
  }

  write(text: string, markup = false): void {
    if (text === '') return;
    if (this.whitespace !== '') this.parts.push(this.whitespace);
    this.whitespace = '';
    this.parts.push(text);
    this.last = charBefore(text, text.length);
    this.touchesMarkup = markup;
  }

  /** Writes a closing marker before any held-back whitespace, since `*a *` would not close. */
  close(marker: string): void {
    this.parts.push(marker);
    this.last = marker;
    this.touchesMarkup = true;
  }

  toString(): string {
    return this.parts.join('') + this.whitespace;
  }
}

function serialize(tokens: readonly Token[], dialect: FlankingDialect): string {
  const out = new Output();
  const stack: { marker: FlankingMarker; emitted: boolean }[] = [];
  const flushOpeners = (): void => {
    for (const entry of stack) {
      if (!entry.emitted) {
        out.write(entry.marker);
        entry.emitted = true;
      }
    }
  };
  const closeEntry = (entry: { marker: FlankingMarker; emitted: boolean }): void => {
    if (entry.emitted) out.close(entry.marker);
    entry.emitted = false;
  };

  tokens.forEach((token, index) => {
    switch (token.kind) {
      case 'open':
        stack.push({ marker: token.marker, emitted: false });
        return;
      case 'close': {
        const entry = stack.pop();
        if (entry !== undefined) closeEntry(entry);
        return;
      }
      case 'newline':
        for (let level = stack.length - 1; level >= 0; level -= 1) {
          const entry = stack[level];
          if (entry !== undefined) closeEntry(entry);
        }
        out.write('\n');
        return;
      case 'raw':
        flushOpeners();
        out.write(token.value, true);
        return;
      case 'text': {
        const value = token.value;
        let position = 0;
        while (position < value.length) {
          const char = charAt(value, position) ?? '';
          position += char.length;
          if (isSpace(char)) {
            out.space(dialect.escapeChar(char));
            continue;
          }
          flushOpeners();
          if (!isMarkerChar(char)) {
            out.write(dialect.escapeChar(char));
            continue;
          }
          const following =
            position < value.length
              ? { char: charAt(value, position), markup: false }
              : peekAfter(tokens, index);
          const next = following.char;
          // Inside a span of the same marker the literal cannot open (formats do not nest in themselves).
          const insideSameMarker = stack.some((entry) => entry.marker === char && entry.emitted);
          if (!insideSameMarker && canPrecedeOpener(out.previous()) && canFollowOpener(next)) {
            if (out.endsWithMarkup()) out.write(ZERO_WIDTH_BOUNDARY);
            out.write(ZERO_WIDTH_SPACE);
          }
          const previous = out.previous();
          out.write(char);
          if (insideSameMarker && canPrecedeCloser(previous) && canFollowCloser(next)) {
            out.write(ZERO_WIDTH_SPACE);
            if (following.markup) out.write(ZERO_WIDTH_BOUNDARY);
          }
        }
        return;
      }
    }
  });
  return out.toString();
}

/** Renders inline nodes (one paragraph or list item) in a flanking dialect. */
export function renderFlankingInlines(nodes: readonly Inline[], dialect: FlankingDialect): string {
  return serialize(tokensOf(nodes, dialect, []), dialect);
}

/**
 * Renders a paragraph (or list item, whose first line follows its own marker): inline nodes, then a
 * ZWSP before any line that would otherwise read as block syntax.
 */
export function renderFlankingParagraph(
  nodes: readonly Inline[],
  dialect: FlankingDialect,
  firstLineIsLineStart = true,
): string {
  return renderFlankingInlines(nodes, dialect)
    .split('\n')
    .map((line, index) =>
      (index > 0 || firstLineIsLineStart) && dialect.isBlockStart(line) ? ZERO_WIDTH_SPACE + line : line,
    )
    .join('\n');
}
