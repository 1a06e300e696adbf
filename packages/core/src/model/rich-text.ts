/**
 * The canonical rich-text AST. Every channel converter reads this and nothing else;
 * WhatsApp markup strings are parsed into it by `parseWhatsAppMarkup`.
 */

/** An inline run of text inside a paragraph, list item or link. */
export type Inline =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'bold'; readonly children: readonly Inline[] }
  | { readonly type: 'italic'; readonly children: readonly Inline[] }
  | { readonly type: 'strike'; readonly children: readonly Inline[] }
  | { readonly type: 'code'; readonly value: string }
  | { readonly type: 'link'; readonly url: string; readonly children: readonly Inline[] }
  | { readonly type: 'break' };

/** One item of a bulleted or numbered list. */
export interface ListItem {
  readonly children: readonly Inline[];
}

/** A block of a document; blocks are separated by a blank line when rendered. */
export type Block =
  | { readonly type: 'paragraph'; readonly children: readonly Inline[] }
  | { readonly type: 'codeBlock'; readonly value: string; readonly language?: string }
  | { readonly type: 'quote'; readonly children: readonly Block[] }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      /** First number of an ordered list (WhatsApp `3. ` starts at 3). */
      readonly start?: number;
      readonly items: readonly ListItem[];
    };

/** A whole formatted text: an ordered list of blocks. */
export interface RichText {
  readonly type: 'doc';
  readonly blocks: readonly Block[];
}

export type InlineType = Inline['type'];
export type BlockType = Block['type'];
