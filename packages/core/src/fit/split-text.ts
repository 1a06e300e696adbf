import type { Block, Inline, ListItem, RichText } from '../model/rich-text.js';
import { packRuns, packText } from './pack.js';

/** Whether a candidate document fits the target (measured in its dialect and unit). */
export type FitsDocument = (doc: RichText) => boolean;

type Mark = Extract<Inline, { readonly children: readonly Inline[] }>;

/** A leaf of a paragraph with the formatting around it, outermost first. */
interface Token {
  readonly kind: 'text' | 'code' | 'break';
  readonly value: string;
  readonly marks: readonly Mark[];
  readonly start: number;
}

const document = (blocks: readonly Block[]): RichText => ({ type: 'doc', blocks });

/**
 * Splits a document into documents that each `fits`: between blocks first, then inside a block at
 * line, sentence and word boundaries, and inside a word only as a last resort. Every piece is a
 * valid AST (formatting is closed and reopened around a cut), so no piece can break the markup.
 */
export function splitRichText(doc: RichText, fits: FitsDocument): RichText[] {
  if (doc.blocks.length === 0) return [];
  if (fits(doc)) return [doc];
  return packBlocks(doc.blocks, (blocks) => fits(document(blocks))).map(document);
}

function packBlocks(blocks: readonly Block[], fits: (blocks: readonly Block[]) => boolean): Block[][] {
  const parts: Block[][] = [];
  const flat: Block[] = [];
  // Blocks too big alone are split first, so packing only ever sees blocks that fit on their own.
  for (const block of blocks) {
    if (fits([block])) flat.push(block);
    else flat.push(...splitBlock(block, (candidate) => fits([candidate])));
  }
  const positions = [0];
  for (const block of flat) positions.push(positions[positions.length - 1]! + blockSize(block));
  packRuns(
    flat.length,
    (start, end) => fits(flat.slice(start, end)),
    (start, end) => parts.push(flat.slice(start, end)),
    // A piece that still does not fit is sent alone rather than dropped; only absurd limits get here.
    (index) => parts.push([flat[index]!]),
    positions,
  );
  return parts;
}

/** A cheap size of a block (its characters of text), only used to guess where the next cut falls. */
function blockSize(block: Block): number {
  switch (block.type) {
    case 'codeBlock':
      return block.value.length + 1;
    case 'quote':
      return block.children.reduce((sum, child) => sum + blockSize(child), 1);
    case 'list':
      return block.items.reduce((sum, item) => sum + inlineSize(item.children) + 1, 1);
    case 'paragraph':
      return inlineSize(block.children) + 1;
  }
}

function inlineSize(inlines: readonly Inline[]): number {
  let size = 0;
  for (const node of inlines)
    size += 'children' in node ? inlineSize(node.children) : 'value' in node ? node.value.length : 1;
  return size;
}

function splitBlock(block: Block, fits: (block: Block) => boolean): Block[] {
  switch (block.type) {
    case 'paragraph':
      return splitInlines(block.children, (children) => fits({ type: 'paragraph', children })).map(
        (children): Block => ({ type: 'paragraph', children }),
      );
    case 'quote':
      return packBlocks(block.children, (children) => fits({ type: 'quote', children })).map(
        (children): Block => ({ type: 'quote', children }),
      );
    case 'codeBlock':
      return splitCodeBlock(block, fits);
    case 'list':
      return splitList(block, fits);
  }
}

function splitCodeBlock(
  block: Extract<Block, { type: 'codeBlock' }>,
  fits: (block: Block) => boolean,
): Block[] {
  const withValue = (value: string): Block =>
    block.language === undefined || !fits({ type: 'codeBlock', value: '', language: block.language })
      ? { type: 'codeBlock', value }
      : { type: 'codeBlock', value, language: block.language };
  const pieces: Block[] = [];
  const emit = (start: number, end: number) => {
    const value = block.value.slice(start, end).replace(/\n$/, '');
    if (value !== '') pieces.push(withValue(value));
  };
  packText(
    block.value,
    0,
    block.value.length,
    ['line', 'word', 'grapheme'],
    (start, end) => fits(withValue(block.value.slice(start, end).replace(/\n$/, ''))),
    emit,
    emit,
  );
  return pieces;
}

function splitList(block: Extract<Block, { type: 'list' }>, fits: (block: Block) => boolean): Block[] {
  const first = block.start ?? 1;
  const listOf = (items: readonly ListItem[], offset: number): Block =>
    block.ordered
      ? { type: 'list', ordered: true, start: first + offset, items }
      : { type: 'list', ordered: false, items };
  const parts: Block[] = [];
  const positions = [0];
  for (const item of block.items)
    positions.push(positions[positions.length - 1]! + inlineSize(item.children) + 1);
  packRuns(
    block.items.length,
    (start, end) => fits(listOf(block.items.slice(start, end), start)),
    (start, end) => parts.push(listOf(block.items.slice(start, end), start)),
    (index) => {
      const item = block.items[index]!;
      const pieces = splitInlines(item.children, (children) => fits(listOf([{ children }], index)));
      pieces.forEach((children, piece) => {
        // The rest of a cut item continues as a paragraph so its number is not shown twice.
        const paragraph: Block = { type: 'paragraph', children };
        parts.push(piece > 0 && fits(paragraph) ? paragraph : listOf([{ children }], index));
      });
    },
    positions,
  );
  return parts;
}

/** Splits a run of inlines into runs that each `fits`, at line, sentence, word, then grapheme boundaries. */
export function splitInlines(
  inlines: readonly Inline[],
  fits: (inlines: readonly Inline[]) => boolean,
): Inline[][] {
  const tokens: Token[] = [];
  flatten(inlines, [], tokens, { offset: 0 });
  const full = tokens.map((token) => token.value).join('');
  const pieces: Inline[][] = [];
  const emit = (start: number, end: number) => {
    const piece = build(trim(slice(tokens, start, end)), 0);
    if (piece.length > 0) pieces.push(piece);
  };
  packText(
    full,
    0,
    full.length,
    ['line', 'sentence', 'word', 'grapheme'],
    (start, end) => fits(build(trim(slice(tokens, start, end)), 0)),
    emit,
    (start, end) => {
      // One grapheme that does not fit with its formatting (say a link whose URL is longer than the
      // limit) is kept as plain text rather than lost.
      const plain = trim(slice(tokens, start, end)).map((token) => ({ ...token, marks: [] }));
      const piece = build(plain, 0);
      if (piece.length > 0) pieces.push(piece);
    },
  );
  return pieces;
}

function flatten(
  inlines: readonly Inline[],
  marks: readonly Mark[],
  out: Token[],
  cursor: { offset: number },
) {
  for (const node of inlines) {
    if (node.type === 'text' || node.type === 'code' || node.type === 'break') {
      const value = node.type === 'break' ? '\n' : node.value;
      out.push({ kind: node.type, value, marks, start: cursor.offset });
      cursor.offset += value.length;
    } else {
      flatten(node.children, [...marks, node], out, cursor);
    }
  }
}

function slice(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const tokenEnd = token.start + token.value.length;
    if (tokenEnd <= start || token.start >= end) continue;
    const from = Math.max(start, token.start) - token.start;
    const to = Math.min(end, tokenEnd) - token.start;
    out.push({ ...token, value: token.value.slice(from, to), start: token.start + from });
  }
  return out;
}

/** Drops whitespace and line breaks at both ends of a piece (code keeps its spaces). */
function trim(tokens: Token[]): Token[] {
  const out = [...tokens];
  while (out.length > 0) {
    const first = out[0]!;
    if (first.kind === 'code') break;
    const value = first.kind === 'break' ? '' : first.value.trimStart();
    if (value !== '') {
      out[0] = { ...first, value };
      break;
    }
    out.shift();
  }
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last.kind === 'code') break;
    const value = last.kind === 'break' ? '' : last.value.trimEnd();
    if (value !== '') {
      out[out.length - 1] = { ...last, value };
      break;
    }
    out.pop();
  }
  return out;
}

function build(tokens: readonly Token[], depth: number): Inline[] {
  const out: Inline[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!;
    const mark = token.marks[depth];
    if (mark === undefined) {
      if (token.kind === 'break') out.push({ type: 'break' });
      else if (token.value !== '') out.push({ type: token.kind, value: token.value });
      index++;
      continue;
    }
    let end = index + 1;
    while (end < tokens.length && tokens[end]!.marks[depth] === mark) end++;
    const children = build(tokens.slice(index, end), depth + 1);
    if (children.length > 0) out.push({ ...mark, children });
    index = end;
  }
  return out;
}
