import type { Inline } from '../model/rich-text.js';

/** A link node of the AST. */
export type LinkNode = Extract<Inline, { type: 'link' }>;

/**
 * How one dialect with an escape character writes each inline node (Telegram HTML and
 * MarkdownV2, Discord); the flanking dialects (WhatsApp, Slack) go through `flanking.ts` instead.
 */
export interface InlineSyntax {
  /** Escaped literal text; `lineStart` says whether it opens a line. */
  readonly text: (value: string, lineStart: boolean) => string;
  readonly code: (value: string) => string;
  /** A link; `children` renders its text only when asked (a bare URL may not need it). */
  readonly link: (node: LinkNode, children: () => string) => string;
  readonly span: (type: 'bold' | 'italic' | 'strike', children: string) => string;
  /** Joins the rendered siblings; a dialect may rewrite a part that its neighbours make ambiguous. */
  readonly join?: (nodes: readonly Inline[], parts: string[]) => string;
}

/** Renders inline nodes in one dialect; the first node is at a line start when `lineStart` says so. */
export function renderInlines(nodes: readonly Inline[], syntax: InlineSyntax, lineStart = false): string {
  const parts: string[] = [];
  let atLineStart = lineStart;
  for (const node of nodes) {
    parts.push(renderInline(node, syntax, atLineStart));
    atLineStart = node.type === 'break';
  }
  return syntax.join === undefined ? parts.join('') : syntax.join(nodes, parts);
}

function renderInline(node: Inline, syntax: InlineSyntax, lineStart: boolean): string {
  switch (node.type) {
    case 'text':
      return syntax.text(node.value, lineStart);
    case 'break':
      return '\n';
    case 'code':
      return syntax.code(node.value);
    case 'link':
      return syntax.link(node, () => renderInlines(node.children, syntax));
    default:
      return syntax.span(node.type, renderInlines(node.children, syntax));
  }
}
