import type { Block, Inline } from '../model/rich-text.js';

/** A paragraph of inlines. */
export const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', children });

/** A plain text inline. */
export const plain = (value: string): Inline => ({ type: 'text', value });

/** A bold inline. */
export const bold = (value: string): Inline => ({ type: 'bold', children: [plain(value)] });

/** A link inline. */
export const link = (text: string, url: string): Inline => ({ type: 'link', url, children: [plain(text)] });
