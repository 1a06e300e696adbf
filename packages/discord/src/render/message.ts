import type {
  Button,
  ChannelCapabilities,
  FidelityNote,
  Form,
  Message,
  NativeRequest,
  ShortIdTable,
} from '@ferry/core';
import { fit, renderMarkup, toRichText } from '@ferry/core';
import { actionRows } from './components.js';
import { type AttachmentFile, mediaParts } from './media.js';

/** The Create Message route, as `NativeRequest.method` names it. @see PLATFORMS.md §4.1 */
export const CREATE_MESSAGE = 'POST /channels/{channel.id}/messages';

/** One request the sender makes, with the local files it uploads. */
export interface DiscordRequest {
  readonly request: NativeRequest;
  readonly files: readonly AttachmentFile[];
  /** Set for a reaction (Create Reaction) instead of a message. */
  readonly reaction?: { readonly messageId: string; readonly emoji: string };
}

/** A neutral message rendered for Discord: requests in order, notes, and the forms its buttons open. */
export interface DiscordRendering {
  readonly requests: readonly DiscordRequest[];
  readonly notes: readonly FidelityNote[];
  readonly forms: readonly Form[];
}

/** Mentions in migrated text must never ping anyone. */
const NO_MENTIONS = { parse: [] } as const;

/**
 * Renders a neutral message as Discord requests: `fit` to Discord's limits, then each fitted message
 * as a Create Message body (Discord markdown `content`, header and footer in an embed around the
 * text, media as embeds or attachments, buttons and menus as action rows), or a reaction.
 * @see PLATFORMS.md §4.1–4.2, §4.7
 */
export function renderDiscordMessage(
  message: Message,
  capabilities: ChannelCapabilities,
  ids: ShortIdTable,
): DiscordRendering {
  const fitted = fit(message, capabilities, { ids });
  const notes: FidelityNote[] = [...fitted.notes];
  const forms: Form[] = [];
  if (message.replyTo !== undefined) {
    notes.push({
      severity: 'info',
      path: 'replyTo',
      reason: 'Discord shows the reply as a new message, not a quote.',
    });
  }
  const requests = fitted.messages.map((part): DiscordRequest => {
    if (part.reaction !== undefined) {
      const emoji = encodeURIComponent(part.reaction.emoji);
      return {
        request: {
          method: `PUT /channels/{channel.id}/messages/${part.reaction.messageId}/reactions/${emoji}/@me`,
          body: {},
        },
        files: [],
        reaction: part.reaction,
      };
    }
    if (part.form !== undefined) forms.push(part.form);
    return messageRequest(part, capabilities, ids, notes);
  });
  return { requests, notes, forms };
}

function messageRequest(
  part: Message,
  capabilities: ChannelCapabilities,
  ids: ShortIdTable,
  notes: FidelityNote[],
): DiscordRequest {
  const text = part.text === undefined ? '' : renderMarkup(toRichText(part.text), capabilities.dialect);
  const media = part.media?.[0];
  const mediaPath = 'media[0]';
  const parts = media === undefined ? undefined : mediaParts(media, mediaPath, notes);
  const caption =
    media?.caption === undefined ? '' : renderMarkup(toRichText(media.caption), capabilities.dialect);
  const content = [caption, text, parts?.text ?? ''].filter((piece) => piece !== '').join('\n\n');
  let embeds = [...(parts?.embeds ?? [])];
  const header = part.header?.type === 'text' ? part.header.text : undefined;
  const framed = header !== undefined || part.footer !== undefined;
  if (framed) {
    const [first, ...rest] = embeds;
    const image = first !== undefined && 'image' in first ? { image: first.image } : undefined;
    const frame = {
      ...(header === undefined ? {} : { title: header }),
      ...(content === '' ? {} : { description: content }),
      ...(part.footer === undefined ? {} : { footer: { text: part.footer } }),
      ...image,
    };
    embeds = [frame, ...(image === undefined ? embeds : rest)];
  }
  const buttons = withFormButton(part, notes).map((button) =>
    button.kind === 'form' ? { ...button, formId: ids.restore(button.formId) ?? button.formId } : button,
  );
  const components = actionRows(buttons, part.menu, capabilities, notes);
  const body: Record<string, unknown> = {
    ...(framed || content === '' ? {} : { content }),
    ...(embeds.length > 0 ? { embeds } : {}),
    ...(components.length > 0 ? { components } : {}),
    ...(parts !== undefined && parts.attachments.length > 0 ? { attachments: parts.attachments } : {}),
    allowed_mentions: NO_MENTIONS,
  };
  return { request: { method: CREATE_MESSAGE, body }, files: parts?.files ?? [] };
}

/** A form needs a button to open it; add one when the message has none. */
function withFormButton(part: Message, notes: FidelityNote[]): readonly Button[] {
  const buttons = part.buttons ?? [];
  const form = part.form;
  if (form === undefined || buttons.some((button) => button.kind === 'form')) return buttons;
  notes.push({
    severity: 'info',
    path: 'form',
    reason: 'Discord opens a form from a button: one was added.',
  });
  const title = (form.title ?? 'Open form').slice(0, 80);
  return [...buttons, { kind: 'form', title, formId: form.id }];
}
