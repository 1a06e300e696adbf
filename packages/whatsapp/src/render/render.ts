import {
  capabilitiesFor,
  type FidelityNote,
  fit,
  type Message,
  type NativeRequest,
  type Rendered,
  type ShortIdTable,
  toRichText,
} from '@ferry/core';
import { containsUrl, EMPTY_TEXT, whatsAppMarkup } from '../format/text.js';
import type { FlowTokenRecorder } from './flow-tokens.js';
import { interactiveBody } from './interactive.js';
import { type Body, contactsBody, locationBody, mediaBody, reactionBody } from './media.js';
import { templateBody, templateOfMeta } from './template.js';

/** The Cloud API route every message is POSTed to. @see PLATFORMS.md §1.2 */
export const MESSAGES_METHOD = 'POST /{phone-number-id}/messages';

/** Fields every send body starts with; `to` is added at send time. @see PLATFORMS.md §1.2 */
const COMMON = { messaging_product: 'whatsapp', recipient_type: 'individual' } as const;

function request(body: Body, replyTo: string | undefined): NativeRequest {
  return {
    method: MESSAGES_METHOD,
    body: { ...COMMON, ...(replyTo === undefined ? {} : { context: { message_id: replyTo } }), ...body },
  };
}

/** A `text` body; `preview_url` only when the text holds a link. @see PLATFORMS.md §1.2 "Text" */
export function textBody(text: string): Body {
  return { type: 'text', text: { body: text, ...(containsUrl(text) ? { preview_url: true } : {}) } };
}

/** The bodies of one fitted message, in sending order. */
function bodiesOf(
  message: Message,
  original: Message,
  tables: { readonly ids: ShortIdTable; readonly flowTokens: FlowTokenRecorder | undefined },
  notes: FidelityNote[],
): Body[] {
  const bodies: Body[] = [];
  if (message.reaction !== undefined) bodies.push(reactionBody(message.reaction));
  for (const [index, media] of (message.media ?? []).entries()) {
    const body = mediaBody(media, `media[${index}]`, notes);
    if (body !== undefined) bodies.push(body);
    else if (media.caption !== undefined) {
      const caption = whatsAppMarkup(media.caption);
      if (caption !== '') bodies.push(textBody(caption));
    }
  }
  const text = message.text === undefined ? EMPTY_TEXT : toRichText(message.text);
  const interactive =
    message.buttons !== undefined || message.menu !== undefined
      ? interactiveBody({
          message,
          body: text,
          original,
          ids: tables.ids,
          ...(tables.flowTokens === undefined ? {} : { flowTokens: tables.flowTokens }),
          notes,
        })
      : undefined;
  if (interactive !== undefined) bodies.push(interactive);
  else {
    const rendered = whatsAppMarkup(text);
    if (rendered !== '') bodies.push(textBody(rendered));
  }
  if (message.location !== undefined) bodies.push(locationBody(message.location));
  if (message.contacts !== undefined && message.contacts.length > 0)
    bodies.push(contactsBody(message.contacts));
  return bodies;
}

/**
 * A message naming an approved template in `meta` becomes that template send (the only kind
 * allowed outside the 24 h window). Any other message is fitted to WhatsApp's capabilities and
 * each fitted message mapped to `/messages` bodies (without `to`); `replyTo` becomes
 * `context.message_id` on the first. A custom `meta.flowToken` is remembered in `flowTokens`
 * (the channel's table, shared with its webhook parsing) so a Flow reply names the form.
 * @see PLATFORMS.md §1.2
 */
export function renderWhatsApp(
  message: Message,
  ids: ShortIdTable,
  flowTokens?: FlowTokenRecorder,
): Rendered {
  const template = templateOfMeta(message.meta);
  if (template !== undefined && template !== 'invalid')
    return {
      payloads: [{ method: MESSAGES_METHOD, body: templateBody(template) }],
      notes: [
        {
          severity: 'info',
          path: 'meta.template',
          reason: `Sent as the approved template "${template.name}" (${template.language}); its text comes from the template.`,
        },
      ],
    };
  const fitted = fit(message, capabilitiesFor('whatsapp'), { ids });
  const notes: FidelityNote[] = [...fitted.notes];
  if (template === 'invalid')
    notes.push({
      severity: 'degraded',
      path: 'meta.templateComponents',
      reason:
        'meta.templateComponents is not a JSON array of components: the message is sent as free-form content.',
    });
  const payloads: NativeRequest[] = [];
  for (const part of fitted.messages) {
    for (const body of bodiesOf(part, message, { ids, flowTokens }, notes))
      payloads.push(request(body, payloads.length === 0 ? message.replyTo : undefined));
  }
  return { payloads, notes };
}
