import type { Block, Inline, RichText } from '../model/rich-text.js';
import { type FitContext, note } from './context.js';

/**
 * Unwraps links whose URL alone would take half the target's smallest text limit into their text
 * followed by the URL in brackets, so long URLs can be split like any other text.
 */
export function prepareDocument(doc: RichText, context: FitContext, path: string): RichText {
  const { caps } = context;
  if (caps.textMeasure === 'plain') return doc;
  const limit = Math.min(caps.text.max, caps.interactiveText.max, caps.caption.max || caps.text.max) / 2;
  let changed = false;
  const inlines = (nodes: readonly Inline[]): Inline[] =>
    nodes.flatMap((node): Inline[] => {
      if (node.type === 'link' && node.url.length > limit) {
        changed = true;
        return [...inlines(node.children), { type: 'text', value: ` (${node.url})` }];
      }
      return 'children' in node ? [{ ...node, children: inlines(node.children) }] : [node];
    });
  const block = (node: Block): Block => {
    switch (node.type) {
      case 'paragraph':
        return { ...node, children: inlines(node.children) };
      case 'quote':
        return { ...node, children: node.children.map(block) };
      case 'list':
        return { ...node, items: node.items.map((item) => ({ children: inlines(item.children) })) };
      case 'codeBlock':
        return node;
    }
  };
  const result: RichText = { type: 'doc', blocks: doc.blocks.map(block) };
  if (changed) {
    note(context, 'degraded', path, `A link URL too long for ${caps.channel} is shown as plain text.`);
  }
  return result;
}
