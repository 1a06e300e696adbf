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
  const nodes: Inline[] = [];
  for (const node of input) {
    switch (node.type) {
      case 'text':
        pushTextWithBreaks(nodes, node.value);
        break;
      case 'break':
        nodes.push(node);
        break;
      case 'code':
        if (node.value !== '') nodes.push(node);
        break;
      case 'link': {
        if (outer.has('link')) {
          for (const child of normalizeInlines(node.children, outer)) appendNode(nodes, child);
          break;
        }
        const children = normalizeInlines(node.children, new Set([...outer, 'link']));
        nodes.push({
          type: 'link',
          url: node.url,
          children: children.length > 0 ? children : [{ type: 'text', value: node.url }],
        });
        break;
      }
      default: {
        const children = normalizeInlines(node.children, new Set([...outer, node.type]));
        if (outer.has(node.type)) {
          for (const child of children) appendNode(nodes, child);
        } else if (children.length > 0) {
          appendNode(nodes, { type: node.type, children });
        }
      }
    }
  }
  return nodes;
}

function appendNode(nodes: Inline[], node: Inline): void {
  const last = nodes[nodes.length - 1];
  if (node.type === 'text') {
    pushText(nodes, node.value);
  } else if (last !== undefined && isFormatting(node) && last.type === node.type && isFormatting(last)) {
    nodes[nodes.length - 1] = {
      type: node.type,
      children: normalizeInlines([...last.children, ...node.children], new Set([node.type])),
    };
  } else {
    nodes.push(node);
  }
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
