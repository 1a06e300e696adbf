import type { ContactCard, FidelityNote, Location, Media, Reaction } from '@ferry/core';
import { whatsAppMarkup } from '../format/text.js';

/** A JSON object of a native request body. */
export type Body = Record<string, unknown>;

/** `{link}` or `{id}` of a media object, or `undefined` for a local path the Cloud API cannot take. */
export function mediaReference(media: Media): Body | undefined {
  const source = media.source;
  if ('url' in source) return { link: source.url };
  if ('fileId' in source) return { id: source.fileId };
  return undefined;
}

/**
 * A media message: `type` is the kind and the object is `{link|id, caption?, filename?}`; captions
 * only on image, video and document. @see PLATFORMS.md §1.2 "Media"
 */
export function mediaBody(media: Media, path: string, notes: FidelityNote[]): Body | undefined {
  const reference = mediaReference(media);
  if (reference === undefined) {
    notes.push({
      severity: 'lost',
      path: `${path}.source`,
      reason: 'WhatsApp sends media by public link or uploaded media id; a local file path is not uploaded.',
    });
    return undefined;
  }
  const takesCaption = media.kind === 'image' || media.kind === 'video' || media.kind === 'document';
  const caption = media.caption === undefined ? '' : whatsAppMarkup(media.caption);
  if (caption !== '' && !takesCaption)
    notes.push({
      severity: 'lost',
      path: `${path}.caption`,
      reason: `WhatsApp ${media.kind} messages have no caption.`,
    });
  return {
    type: media.kind,
    [media.kind]: {
      ...reference,
      ...(takesCaption && caption !== '' ? { caption } : {}),
      ...(media.kind === 'document' && media.filename !== undefined ? { filename: media.filename } : {}),
    },
  };
}

/** A `location` message. @see PLATFORMS.md §1.2 "Other spec types" */
export function locationBody(location: Location): Body {
  return {
    type: 'location',
    location: {
      latitude: location.latitude,
      longitude: location.longitude,
      ...(location.name === undefined ? {} : { name: location.name }),
      ...(location.address === undefined ? {} : { address: location.address }),
    },
  };
}

/** A `contacts` message of 1–5 cards (fit keeps at most 5). @see PLATFORMS.md §1.2 "Other spec types" */
export function contactsBody(cards: readonly ContactCard[]): Body {
  return {
    type: 'contacts',
    contacts: cards.map((card) => ({
      name: {
        formatted_name: card.name.formatted,
        ...(card.name.first === undefined ? {} : { first_name: card.name.first }),
        ...(card.name.last === undefined ? {} : { last_name: card.name.last }),
      },
      ...(card.phones === undefined
        ? {}
        : {
            phones: card.phones.map((phone) => ({
              phone: phone.phone,
              ...(phone.type === undefined ? {} : { type: phone.type }),
              ...(phone.waId === undefined ? {} : { wa_id: phone.waId }),
            })),
          }),
      ...(card.emails === undefined
        ? {}
        : {
            emails: card.emails.map((email) => ({
              email: email.email,
              ...(email.type === undefined ? {} : { type: email.type }),
            })),
          }),
      ...(card.urls === undefined
        ? {}
        : {
            urls: card.urls.map((url) => ({
              url: url.url,
              ...(url.type === undefined ? {} : { type: url.type }),
            })),
          }),
      ...(card.organization === undefined
        ? {}
        : {
            org: {
              ...(card.organization.company === undefined ? {} : { company: card.organization.company }),
              ...(card.organization.title === undefined ? {} : { title: card.organization.title }),
            },
          }),
    })),
  };
}

/** A `reaction` (an empty emoji removes one). @see PLATFORMS.md §1.2 "Other spec types" */
export function reactionBody(reaction: Reaction): Body {
  return { type: 'reaction', reaction: { message_id: reaction.messageId, emoji: reaction.emoji } };
}
