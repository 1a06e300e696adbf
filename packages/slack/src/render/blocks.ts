import type { Button, FidelityNote, Media, Menu, Message } from '@ferry/core';
import { toMrkdwn, toPlain } from '../format/mrkdwn.js';
import { ACTION_IDS } from './ids.js';

/** A Block Kit object as sent on the wire. */
export type BlockObject = Record<string, unknown>;

/** A `plain_text` text object (emoji shortcodes shown as emoji). */
export function plainText(text: string): BlockObject {
  return { type: 'plain_text', text, emoji: true };
}

/** A section block of mrkdwn text. @see PLATFORMS.md §3.2 (`section.text` 1–3000) */
export function mrkdwnSection(text: string): BlockObject {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** The blocks of one fitted message and the `text` fallback Slack shows in notifications. */
export interface MessageBlocks {
  readonly blocks: BlockObject[];
  readonly text: string;
}

/**
 * Block Kit for one message already fitted to Slack's limits by core's `fit`: header block, image
 * blocks (caption as a section below), the text as one mrkdwn section, the footer as a context
 * block, then one actions block holding the buttons and the menu's `static_select`.
 * @see PLATFORMS.md §3.2 "Block Kit limits"
 */
export function messageBlocks(message: Message, notes: FidelityNote[]): MessageBlocks {
  const blocks: BlockObject[] = [];
  const fallback: string[] = [];
  if (message.header?.type === 'text') {
    blocks.push({ type: 'header', text: plainText(message.header.text) });
    fallback.push(message.header.text);
  }
  for (const [index, media] of (message.media ?? []).entries()) {
    blocks.push(...mediaBlocks(media, `media[${index}]`, notes, fallback));
  }
  if (message.text !== undefined) {
    const text = toMrkdwn(message.text);
    if (text.trim() !== '') {
      blocks.push(mrkdwnSection(text));
      fallback.push(text);
    }
  }
  if (message.footer !== undefined) {
    blocks.push({ type: 'context', elements: [plainText(message.footer)] });
  }
  const elements = [
    ...(message.buttons ?? []).flatMap((button, index) => buttonElement(button, index)),
    ...(message.menu === undefined ? [] : [menuElement(message.menu, notes)]),
  ];
  if (elements.length > 0) blocks.push({ type: 'actions', elements });
  if (fallback.length === 0) fallback.push(actionsFallback(message));
  return { blocks, text: fallback.join('\n') };
}

function mediaBlocks(media: Media, path: string, notes: FidelityNote[], fallback: string[]): BlockObject[] {
  const alt = media.filename ?? (media.caption === undefined ? 'image' : toPlain(media.caption)) ?? 'image';
  const altText = alt.trim() === '' ? 'image' : alt.slice(0, 2000);
  const caption = media.caption === undefined ? '' : toMrkdwn(media.caption);
  const captionBlocks = caption.trim() === '' ? [] : [mrkdwnSection(caption)];
  fallback.push(caption.trim() === '' ? altText : caption);
  if (!('url' in media.source)) {
    notes.push({
      severity: 'lost',
      path,
      reason: 'A Slack image block needs a public URL; this image has none, so only its name is shown.',
    });
    return [mrkdwnSection(`[image: ${toMrkdwn(altText)}]`), ...captionBlocks];
  }
  return [{ type: 'image', image_url: media.source.url, alt_text: altText }, ...captionBlocks];
}

function buttonElement(button: Button, index: number): BlockObject[] {
  const text = plainText(button.title);
  switch (button.kind) {
    case 'reply':
      return [{ type: 'button', text, action_id: button.id, value: button.id }];
    case 'url':
      return [{ type: 'button', text, action_id: `${ACTION_IDS.urlPrefix}${index}`, url: button.url }];
    case 'form':
      return [{ type: 'button', text, action_id: ACTION_IDS.form, value: button.formId, style: 'primary' }];
    default:
      // fit turns phone and copy-code buttons into text for Slack (no such buttons); nothing left here.
      return [];
  }
}

/**
 * A `static_select` for the menu: `option_groups` when every section has a title and there are
 * several, plain `options` otherwise. @see PLATFORMS.md §3.2 (≤100 options or groups)
 */
function menuElement(menu: Menu, notes: FidelityNote[]): BlockObject {
  const option = (row: Menu['sections'][number]['rows'][number]): BlockObject => ({
    text: plainText(row.title),
    value: row.id,
    ...(row.description === undefined ? {} : { description: plainText(row.description) }),
  });
  const grouped = menu.sections.length > 1 && menu.sections.every((section) => section.title !== undefined);
  if (!grouped && menu.sections.some((section) => section.title !== undefined)) {
    notes.push({
      severity: 'info',
      path: 'menu.sections',
      reason:
        'Slack option groups all need a label: with some sections untitled, the rows are shown as one list without section titles.',
    });
  }
  return {
    type: 'static_select',
    action_id: ACTION_IDS.menu,
    placeholder: plainText(menu.label),
    ...(grouped
      ? {
          option_groups: menu.sections.map((section) => ({
            label: plainText(section.title ?? ''),
            options: section.rows.map(option),
          })),
        }
      : { options: menu.sections.flatMap((section) => section.rows.map(option)) }),
  };
}

function actionsFallback(message: Message): string {
  if (message.menu !== undefined) return message.menu.label;
  const first = message.buttons?.[0];
  return first === undefined ? ' ' : first.title;
}
