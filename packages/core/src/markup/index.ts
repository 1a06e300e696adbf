// STUB — replaced by the markup implementation. Signatures are the contract.
import type { MarkupDialect } from '../capabilities/types.js';
import type { TextContent } from '../model/message.js';
import type { RichText } from '../model/rich-text.js';

/** Parses WhatsApp markup into the AST; odd or unbalanced markers stay literal text. Never throws. */
export function parseWhatsAppMarkup(text: string): RichText {
  return {
    type: 'doc',
    blocks: text ? [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] : [],
  };
}

/** A string is WhatsApp markup and is parsed; an AST is returned as is. */
export function toRichText(content: TextContent): RichText {
  return typeof content === 'string' ? parseWhatsAppMarkup(content) : content;
}

/** Renders the AST in one dialect, escaping every special character the dialect defines. */
export function renderMarkup(doc: RichText, _dialect: MarkupDialect): string {
  return toPlainText(doc);
}

/** The text a reader sees, without any markup. */
export function toPlainText(doc: RichText): string {
  return doc.blocks
    .map((block) =>
      block.type === 'paragraph' ? block.children.map((c) => ('value' in c ? c.value : '')).join('') : '',
    )
    .join('\n\n');
}

/** Escapes a plain string (no markup) for a dialect. */
export function escapePlain(text: string, _dialect: MarkupDialect): string {
  return text;
}
