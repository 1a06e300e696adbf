import type { Block, Inline } from '../model/rich-text.js';

/** A list block of the AST. */
export type ListBlock = Extract<Block, { type: 'list' }>;

/**
 * A list as lines: `n. ` from the list's start (or `ordinal(n)` where the dot needs escaping), or
 * `bullet`, before each rendered item.
 */
export function renderListLines(
  block: ListBlock,
  bullet: string,
  renderItem: (children: readonly Inline[]) => string,
  ordinal: (number: number) => string = (number) => `${number}. `,
): string {
  const start = block.start ?? 1;
  return block.items
    .map((item, index) => (block.ordered ? ordinal(start + index) : bullet) + renderItem(item.children))
    .join('\n');
}

/** Every line of `text` with `prefix` in front (quote markers). */
export function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/**
 * The body of a quote in a dialect without nested quotes: an inner quote's blocks are flattened
 * into the outer one, blocks separated by a blank line.
 */
export function renderFlatQuoteBody(blocks: readonly Block[], renderBlock: (block: Block) => string): string {
  return blocks
    .map((block) =>
      block.type === 'quote' ? renderFlatQuoteBody(block.children, renderBlock) : renderBlock(block),
    )
    .join('\n\n');
}
