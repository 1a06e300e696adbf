import type { ContactCard, FidelityNote, Location, Media, MediaKind } from '@ferry/core';
import { InputFile } from 'grammy';

/** The Bot API method and file field for each media kind. */
const MEDIA_METHODS: Readonly<Record<MediaKind, { readonly method: string; readonly field: string }>> = {
  image: { method: 'sendPhoto', field: 'photo' },
  video: { method: 'sendVideo', field: 'video' },
  audio: { method: 'sendAudio', field: 'audio' },
  document: { method: 'sendDocument', field: 'document' },
  sticker: { method: 'sendSticker', field: 'sticker' },
};

/** An upload of a local file that remembers its path, so the sender can check it before sending. */
export class LocalFile extends InputFile {
  constructor(
    readonly path: string,
    filename?: string,
  ) {
    super(path, filename);
  }
}

/** The method and file field that send `kind`. */
export function mediaMethod(kind: MediaKind): { readonly method: string; readonly field: string } {
  return MEDIA_METHODS[kind];
}

/**
 * The value of a media request's file field: a URL Telegram fetches itself, a Telegram file id, or
 * an upload of a local file; `undefined` (with a note) for another platform's file id.
 */
export function mediaFile(media: Media, path: string, notes: FidelityNote[]): string | InputFile | undefined {
  const source = media.source;
  if ('url' in source) return source.url;
  if ('path' in source) return new LocalFile(source.path, media.filename);
  if (source.platform === undefined || source.platform === 'telegram') return source.fileId;
  notes.push({
    severity: 'lost',
    path,
    reason: `A ${source.platform} file id means nothing to Telegram: the ${media.kind} is left out (give a URL or a file path).`,
  });
  return undefined;
}

/** `sendLocation` parameters; a name or address is shown in the text before it. */
export function locationBody(location: Location): Record<string, unknown> {
  return { latitude: location.latitude, longitude: location.longitude };
}

/**
 * `sendContact` parameters for one card: the first phone, the name split as Telegram wants, and a
 * vCard for everything else; `undefined` when the card has no phone (Telegram requires one).
 * @see PLATFORMS.md §2.2 (`Contact`)
 */
export function contactBody(card: ContactCard): Record<string, unknown> | undefined {
  const phone = card.phones?.[0]?.phone;
  if (phone === undefined) return undefined;
  const first = card.name.first ?? card.name.formatted;
  const body: Record<string, unknown> = {
    phone_number: phone,
    first_name: first,
    ...(card.name.last === undefined ? {} : { last_name: card.name.last }),
  };
  const needsVcard =
    (card.phones?.length ?? 0) > 1 ||
    (card.emails?.length ?? 0) > 0 ||
    (card.urls?.length ?? 0) > 0 ||
    card.organization !== undefined;
  return needsVcard ? { ...body, vcard: vcard(card) } : body;
}

function vcard(card: ContactCard): string {
  const escapeValue = (value: string) => value.replace(/([\\;,])/g, '\\$1').replace(/\n/g, '\\n');
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${escapeValue(card.name.formatted)}`,
    `N:${escapeValue(card.name.last ?? '')};${escapeValue(card.name.first ?? '')};;;`,
    ...(card.phones ?? []).map((phone) => `TEL${phone.type ? `;TYPE=${phone.type}` : ''}:${phone.phone}`),
    ...(card.emails ?? []).map((email) => `EMAIL${email.type ? `;TYPE=${email.type}` : ''}:${email.email}`),
    ...(card.urls ?? []).map((url) => `URL${url.type ? `;TYPE=${url.type}` : ''}:${url.url}`),
    ...(card.organization?.company ? [`ORG:${escapeValue(card.organization.company)}`] : []),
    ...(card.organization?.title ? [`TITLE:${escapeValue(card.organization.title)}`] : []),
    'END:VCARD',
  ];
  return lines.join('\n');
}
