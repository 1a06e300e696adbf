import { type GraphFailure, invalidParameter, invalidValue } from './graph-errors.js';
import { validateInteractive } from './validate-interactive.js';
import { type JsonObject, Validator } from './validator.js';

/** Message types `POST /messages` accepts. @see PLATFORMS.md §1.2 */
export const MESSAGE_TYPES = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'interactive',
  'template',
] as const;

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];
/** Only these media carry a caption. */
const CAPTIONED = ['image', 'video', 'document'];

/** A send body that passed validation. */
export interface ValidSend {
  readonly ok: true;
  /** `to` as sent. */
  readonly to: string;
  readonly type: string;
  readonly callbackData?: string;
  readonly contextMessageId?: string;
  /** For templates: the `template` object. */
  readonly template?: JsonObject;
}

/** Either a valid send or the Graph error that refuses it. */
export type SendValidation = ValidSend | { readonly ok: false; readonly failure: GraphFailure };

/**
 * Validates a `POST /{phone-number-id}/messages` body (not the template's registration, which the
 * emulator checks next). `type` defaults to `text`, as Meta's own preview-URL example relies on.
 * @see PLATFORMS.md §1.2
 */
export function validateSend(body: JsonObject): SendValidation {
  const v = new Validator();
  v.string(body, 'messaging_product', 'messaging_product', { required: true, oneOf: ['whatsapp'] });
  const recipientType = v.string(body, 'recipient_type', 'recipient_type', {
    oneOf: ['individual', 'group'],
  });
  if (recipientType === 'group')
    v.fail(invalidValue('Group messages are not emulated: use recipient_type "individual".'));
  const to = v.string(body, 'to', 'to', { required: true });
  const type = body['type'] === undefined ? 'text' : v.string(body, 'type', 'type', { oneOf: MESSAGE_TYPES });
  const callbackData = v.string(body, 'biz_opaque_callback_data', 'biz_opaque_callback_data', { max: 512 });
  const context = v.object(body, 'context', 'context', false);
  const contextMessageId = context
    ? v.string(context, 'message_id', "context['message_id']", { required: true })
    : undefined;
  if (v.failure || to === undefined || type === undefined) return failed(v);
  const content = type === 'contacts' ? undefined : v.object(body, type, type, true);
  if (type === 'contacts') validateContacts(v, body);
  else if (content) validateContent(v, type, content);
  if (v.failure) return failed(v);
  return {
    ok: true,
    to,
    type,
    ...(callbackData === undefined ? {} : { callbackData }),
    ...(contextMessageId === undefined ? {} : { contextMessageId }),
    ...(type === 'template' && content ? { template: content } : {}),
  };
}

function failed(v: Validator): SendValidation {
  return { ok: false, failure: v.failure ?? invalidParameter('Invalid request.') };
}

function validateContent(v: Validator, type: string, content: JsonObject): void {
  if (type === 'text') {
    v.string(content, 'body', "text['body']", { required: true, max: 4096 });
    v.boolean(content, 'preview_url', "text['preview_url']");
  } else if (MEDIA_TYPES.includes(type)) {
    validateMedia(v, type, content);
  } else if (type === 'location') {
    v.number(content, 'latitude', "location['latitude']", -90, 90);
    v.number(content, 'longitude', "location['longitude']", -180, 180);
    v.string(content, 'name', "location['name']");
    v.string(content, 'address', "location['address']");
  } else if (type === 'reaction') {
    v.string(content, 'message_id', "reaction['message_id']", { required: true });
    // An empty emoji removes the reaction, so only presence is required.
    v.string(content, 'emoji', "reaction['emoji']", { required: true, min: 0 });
  } else if (type === 'interactive') {
    validateInteractive(v, content);
  } else if (type === 'template') {
    v.string(content, 'name', "template['name']", { required: true, max: 512 });
    const language = v.object(content, 'language', "template['language']", true);
    if (language) {
      v.string(language, 'code', "template['language']['code']", { required: true });
      v.string(language, 'policy', "template['language']['policy']", { oneOf: ['deterministic'] });
    }
    v.array(content, 'components', "template['components']", { required: false, min: 0, max: 20 });
  }
}

function validateMedia(v: Validator, type: string, media: JsonObject): void {
  const hasId = media['id'] !== undefined;
  const hasLink = media['link'] !== undefined;
  if (!hasId && !hasLink) v.fail(invalidParameter(`Param ${type} must contain an id or a link.`));
  if (hasId && hasLink)
    v.fail(invalidParameter(`Param ${type} must contain either an id or a link, not both.`));
  v.string(media, 'id', `${type}['id']`);
  v.url(media, 'link', `${type}['link']`, false);
  if (media['caption'] !== undefined && !CAPTIONED.includes(type))
    v.fail(
      invalidParameter(
        `Param ${type}['caption'] is not allowed: only image, video and document have captions.`,
      ),
    );
  v.string(media, 'caption', `${type}['caption']`, { max: 1024 });
  if (media['filename'] !== undefined && type !== 'document')
    v.fail(invalidParameter(`Param ${type}['filename'] is not allowed: only documents have a filename.`));
  v.string(media, 'filename', `${type}['filename']`);
}

function validateContacts(v: Validator, body: JsonObject): void {
  const contacts = v.array(body, 'contacts', 'contacts', { required: true, min: 1, max: 5 });
  if (!contacts) return;
  for (const { item, path } of v.objects(contacts, 'contacts')) {
    const name = v.object(item, 'name', `${path}['name']`, true);
    if (name) v.string(name, 'formatted_name', `${path}['name']['formatted_name']`, { required: true });
    for (const list of ['phones', 'emails', 'urls', 'addresses']) {
      const entries = v.array(item, list, `${path}['${list}']`, { required: false, min: 0, max: 20 });
      if (entries) v.objects(entries, `${path}['${list}']`);
    }
  }
}
