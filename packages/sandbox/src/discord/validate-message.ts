import type { EmulatorResponse } from '../shared/emulator.js';
import { DiscordErrors, FormErrors, fixedError, invalidFormBody, maxLength, required } from './errors.js';
import { isObject, type JsonObject, objectArray, textLength } from './json.js';
import { validateMessageComponents } from './validate-components.js';

/** Message flag bits the emulator looks at. @see PLATFORMS.md §4.1, §4.2 */
export const MessageFlags = {
  ephemeral: 1 << 6,
  isComponentsV2: 1 << 15,
} as const;

/** Message limits. @see PLATFORMS.md §4.1 */
export const MessageLimits = {
  content: 2000,
  embeds: 10,
  nonce: 25,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
} as const;

/** How a message body is being used: a new message must not be empty, an edit may change one field. */
export interface MessageValidationMode {
  readonly creating: boolean;
}

/**
 * Checks a message body (create, edit, interaction response or follow-up) against Discord's limits;
 * returns the 400 answer (50035 with field errors, or 50006 for an empty message) or undefined.
 * @see PLATFORMS.md §4.1, §4.2
 */
export function validateMessageBody(
  body: JsonObject,
  mode: MessageValidationMode,
): EmulatorResponse | undefined {
  const errors = new FormErrors();
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  const componentsV2 = (flags & MessageFlags.isComponentsV2) !== 0;
  if (componentsV2) {
    for (const field of ['content', 'embeds', 'sticker_ids', 'poll'])
      if (body[field] !== undefined && body[field] !== null && body[field] !== '')
        errors.add([field], {
          code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
          message: `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
        });
  }
  if (textLength(body['content']) > MessageLimits.content)
    errors.add(['content'], maxLength(MessageLimits.content));
  const nonce = body['nonce'];
  if (nonce !== undefined && nonce !== null && textLength(nonce) > MessageLimits.nonce)
    errors.add(['nonce'], maxLength(MessageLimits.nonce));
  validateEmbeds(body['embeds'], errors);
  validateMessageComponents(body['components'], errors, componentsV2);
  if (!errors.empty) return invalidFormBody(errors);
  if (mode.creating && isEmpty(body)) return fixedError(DiscordErrors.emptyMessage);
  return undefined;
}

function isEmpty(body: JsonObject): boolean {
  const hasList = (field: string) => Array.isArray(body[field]) && (body[field] as unknown[]).length > 0;
  return (
    textLength(body['content']) === 0 &&
    !hasList('embeds') &&
    !hasList('components') &&
    !hasList('sticker_ids') &&
    !hasList('attachments') &&
    !isObject(body['poll'])
  );
}

function validateEmbeds(value: unknown, errors: FormErrors): void {
  if (value === undefined || value === null) return;
  const embeds = objectArray(value);
  if (embeds === undefined) {
    errors.add(['embeds'], { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  if (embeds.length > MessageLimits.embeds) errors.add(['embeds'], maxLength(MessageLimits.embeds));
  let total = 0;
  const limit = (path: (string | number)[], text: unknown, max: number) => {
    const length = textLength(text);
    total += length;
    if (length > max) errors.add(path, maxLength(max));
  };
  embeds.forEach((embed, index) => {
    const path = ['embeds', index];
    limit([...path, 'title'], embed['title'], MessageLimits.embedTitle);
    limit([...path, 'description'], embed['description'], MessageLimits.embedDescription);
    const footer = embed['footer'];
    if (isObject(footer)) limit([...path, 'footer', 'text'], footer['text'], MessageLimits.embedFooter);
    const author = embed['author'];
    if (isObject(author)) limit([...path, 'author', 'name'], author['name'], MessageLimits.embedAuthor);
    const fields = objectArray(embed['fields']);
    if (fields === undefined) return;
    if (fields.length > MessageLimits.embedFields)
      errors.add([...path, 'fields'], maxLength(MessageLimits.embedFields));
    fields.forEach((field, fieldIndex) => {
      const fieldPath = [...path, 'fields', fieldIndex];
      if (field['name'] === undefined) errors.add([...fieldPath, 'name'], required);
      if (field['value'] === undefined) errors.add([...fieldPath, 'value'], required);
      limit([...fieldPath, 'name'], field['name'], MessageLimits.embedFieldName);
      limit([...fieldPath, 'value'], field['value'], MessageLimits.embedFieldValue);
    });
  });
  if (total > MessageLimits.embedTotal)
    errors.add(['embeds'], {
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${MessageLimits.embedTotal}`,
    });
}
