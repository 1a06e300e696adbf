import type { Block, Inline, ListItem, RichText } from '../model/rich-text.js';

type FormattingType = 'bold' | 'italic' | 'strike';

function isFormatting(node: Inline): node is Extract<Inline, { type: FormattingType }> {
  return node.type === 'bold' || node.type === 'italic' || node.type === 'strike';
}

function pushText(nodes: Inline[], value: string): void {
  if (value === '') return;
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') nodes[nodes.length - 1] = { type: 'text', value: last.value + value };
  else nodes.push({ type: 'text', value });
}

function pushTextWithBreaks(nodes: Inline[], value: string): void {
  value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, index) => {
      if (index > 0) nodes.push({ type: 'break' });
      pushText(nodes, line);
    });
}

/**
 * Canonical inline list: adjacent texts merged, newlines inside text turned into `break`,
 * empty nodes dropped, a format nested in the same format flattened (`*a *b* c*` is just bold),
 * adjacent nodes of one format merged (so MarkdownV2 never emits `__`), links inside links
 * flattened, and a link without text shows its URL.
 */
function normalizeInlines(input: readonly Inline[], outer: ReadonlySet<Inline['type']>): Inline[] {
  const flat: Inline[] = [];
  for (const node of input) {
    switch (node.type) {
      case 'text':
        pushTextWithBreaks(flat, node.value);
        break;
      case 'break':
        flat.push(node);
        break;
      case 'code':
        if (node.value !== '') flat.push(node);
        break;
      case 'link': {
        if (outer.has('link')) {
          for (const child of normalizeInlines(node.children, outer)) flat.push(child);
          break;
        }
        const children = normalizeInlines(node.children, new Set([...outer, 'link']));
        flat.push({
          type: 'link',
          url: node.url,
          children: children.length > 0 ? children : [{ type: 'text', value: node.url }],
        });
        break;
      }
      default: {
        const children = normalizeInlines(node.children, new Set([...outer, node.type]));
        if (outer.has(node.type)) for (const child of children) flat.push(child);
        else if (children.length > 0) flat.push({ type: node.type, children });
      }
    }
  }
  return mergeNeighbours(flat, outer);
}

/** Merges runs of texts and runs of one format; a run is re-normalised once, so this stays linear. */
function mergeNeighbours(flat: readonly Inline[], outer: ReadonlySet<Inline['type']>): Inline[] {
  const nodes: Inline[] = [];
  let index = 0;
  while (index < flat.length) {
    const node = flat[index] as Inline;
    let end = index + 1;
    if (isFormatting(node)) {
      while (end < flat.length && flat[end]?.type === node.type) end += 1;
      if (end - index > 1) {
        const run = flat.slice(index, end).flatMap((member) => (isFormatting(member) ? member.children : []));
        nodes.push({ type: node.type, children: normalizeInlines(run, new Set([...outer, node.type])) });
      } else {
        nodes.push(node);
      }
    } else if (node.type === 'text') {
      pushText(nodes, node.value);
    } else {
      nodes.push(node);
    }
    index = end;
  }
  return nodes;
}

function normalizeItem(item: ListItem): ListItem {
  return { children: normalizeInlines(item.children, new Set()) };
}

function normalizeBlocks(input: readonly Block[]): Block[] {
  const blocks: Block[] = [];
  for (const block of input) {
    switch (block.type) {
      case 'paragraph': {
        const children = normalizeInlines(block.children, new Set());
        if (children.length > 0) blocks.push({ type: 'paragraph', children });
        break;
      }
      case 'codeBlock':
        if (block.value !== '') blocks.push(block);
        break;
      case 'quote': {
        const children = normalizeBlocks(block.children);
        if (children.length > 0) blocks.push({ type: 'quote', children });
        break;
      }
      case 'list':
        if (block.items.length > 0) blocks.push({ ...block, items: block.items.map(normalizeItem) });
        break;
    }
  }
  return blocks;
}

/**
 * The canonical form every renderer and `toPlainText` work on, so that what is measured is what
 * is sent: see `normalizeInlines` for the inline rules; empty paragraphs, code blocks, quotes and
 * lists are dropped.
 */
export function normalizeRichText(doc: RichText): RichText {
  return { type: 'doc', blocks: normalizeBlocks(doc.blocks) };
}

/** Inline nodes in canonical form (see {@link normalizeRichText}). */
export function normalizeInlineNodes(nodes: readonly Inline[]): Inline[] {
  return normalizeInlines(nodes, new Set());
}
