import type { ContactCard, Media, MediaKind } from '@ferry/core';
import type { IssueCollector } from '../issues.js';
import { arrayOf, isObject, type JsonObject, stringOf, textOf } from '../values.js';

/** Where the part being read sits, and the file's issues. */
export interface PartContext {
  readonly issues: IssueCollector;
  readonly line: number;
  readonly field: string;
}

/** The media kinds a Cloud API message or interactive header can carry. */
export const MEDIA_KINDS: ReadonlySet<string> = new Set<MediaKind>([
  'image',
  'video',
  'audio',
  'document',
  'sticker',
]);

/** A Cloud API media object (`{id}` or `{link}`, optional caption and filename) as neutral media. */
export function mediaOf(kind: MediaKind, value: unknown, context: PartContext): Media | undefined {
  if (!isObject(value)) {
    context.issues.error(`the ${kind} object is missing`, context);
    return undefined;
  }
  const id = textOf(value['id']);
  const link = stringOf(value['link']);
  if (id === undefined && link === undefined) {
    context.issues.error(`the ${kind} needs an id or a link`, context);
    return undefined;
  }
  const caption = stringOf(value['caption']);
  const filename = stringOf(value['filename']);
  return {
    kind,
    source: id === undefined ? { url: link ?? '' } : { fileId: id, platform: 'whatsapp' },
    ...(caption === undefined ? {} : { caption }),
    ...(filename === undefined ? {} : { filename }),
  };
}

function entriesOf<T>(value: unknown, read: (entry: JsonObject) => T | undefined): T[] {
  return arrayOf(value)
    .filter(isObject)
    .map(read)
    .filter((entry): entry is T => entry !== undefined);
}

/** A Cloud API contact card as a neutral card; addresses and birthdays are reported as not carried. */
export function contactCardOf(value: unknown, context: PartContext): ContactCard | undefined {
  if (!isObject(value)) return undefined;
  const name = isObject(value['name']) ? value['name'] : {};
  const first = stringOf(name['first_name']);
  const last = stringOf(name['last_name']);
  const formatted = stringOf(name['formatted_name']) ?? [first, last].filter(Boolean).join(' ');
  if (formatted === '') {
    context.issues.error('a contact card needs a name', context);
    return undefined;
  }
  if (value['addresses'] !== undefined || value['birthday'] !== undefined) {
    context.issues.warning(
      'contact card addresses and birthdays are not carried: not every target can show them',
      context,
    );
  }
  const phones = entriesOf(value['phones'], (entry) => {
    const phone = textOf(entry['phone']);
    if (phone === undefined) return undefined;
    const type = stringOf(entry['type']);
    const waId = textOf(entry['wa_id']);
    return { phone, ...(type === undefined ? {} : { type }), ...(waId === undefined ? {} : { waId }) };
  });
  const emails = entriesOf(value['emails'], (entry) => {
    const email = stringOf(entry['email']);
    const type = stringOf(entry['type']);
    return email === undefined ? undefined : { email, ...(type === undefined ? {} : { type }) };
  });
  const urls = entriesOf(value['urls'], (entry) => {
    const url = stringOf(entry['url']);
    const type = stringOf(entry['type']);
    return url === undefined ? undefined : { url, ...(type === undefined ? {} : { type }) };
  });
  const org = isObject(value['org']) ? value['org'] : undefined;
  const company = org === undefined ? undefined : stringOf(org['company']);
  const title = org === undefined ? undefined : stringOf(org['title']);
  return {
    name: { formatted, ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) },
    ...(phones.length === 0 ? {} : { phones }),
    ...(emails.length === 0 ? {} : { emails }),
    ...(urls.length === 0 ? {} : { urls }),
    ...(company === undefined && title === undefined
      ? {}
      : {
          organization: {
            ...(company === undefined ? {} : { company }),
            ...(title === undefined ? {} : { title }),
          },
        }),
  };
}
