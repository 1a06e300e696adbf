import { toRichText } from '../markup/index.js';
import type { ContactCard, Location, Media, Message } from '../model/message.js';
import type { Block, RichText } from '../model/rich-text.js';
import { bold, link, paragraph, plain } from './blocks.js';
import { type FitContext, note, splitDocument } from './context.js';
import { prepareDocument } from './links.js';

/** Text-only messages for a document, split at the target's text limit. */
export function textMessages(blocks: readonly Block[], context: FitContext): Message[] {
  return splitDocument({ type: 'doc', blocks }, context.caps.text, context).map((text) => ({ text }));
}

/**
 * Media messages, one item each, with captions cut at the caption limit and the rest following as
 * text; kinds the target cannot show become links (or a lost note when there is no URL to link).
 */
export function fitMedia(media: Media, path: string, context: FitContext): Message[] {
  const { caps } = context;
  const caption: RichText | undefined =
    media.caption === undefined
      ? undefined
      : prepareDocument(toRichText(media.caption), context, `${path}.caption`);
  const captionBlocks = caption?.blocks ?? [];
  const { caption: _dropped, ...bare } = media;
  if (!caps.media.kinds.includes(media.kind)) {
    const name = media.filename ?? media.kind;
    if ('url' in media.source) {
      note(context, 'degraded', path, `${caps.channel} cannot send a ${media.kind}: sent as a link.`);
      return textMessages([paragraph(link(name, media.source.url)), ...captionBlocks], context);
    }
    note(
      context,
      'lost',
      path,
      `${caps.channel} cannot send a ${media.kind} and it has no URL to link: only its name is shown.`,
    );
    return textMessages([paragraph(plain(`[${media.kind}: ${name}]`)), ...captionBlocks], context);
  }
  if (caption === undefined || captionBlocks.length === 0) return [{ media: [bare] }];
  const pieces = caps.caption.max > 0 ? splitDocument(caption, caps.caption, context) : [];
  const [first, ...rest] = pieces;
  if (first === undefined) {
    note(context, 'info', `${path}.caption`, `${caps.channel} has no captions: the caption follows as text.`);
    return [{ media: [bare] }, ...textMessages(captionBlocks, context)];
  }
  if (rest.length === 0) return [{ media: [{ ...bare, caption: first }] }];
  note(
    context,
    'info',
    `${path}.caption`,
    `Caption longer than ${caps.caption.max} characters for ${caps.channel}: the rest follows as text.`,
  );
  return [
    { media: [{ ...bare, caption: first }] },
    ...textMessages(
      rest.flatMap((piece) => piece.blocks),
      context,
    ),
  ];
}

/** A location message, or its name, address and a map link as text where locations cannot be sent. */
export function fitLocation(location: Location, context: FitContext): Message[] {
  if (context.caps.location) return [{ location }];
  note(
    context,
    'degraded',
    'location',
    `${context.caps.channel} cannot send a location: sent as text with a map link.`,
  );
  const { latitude, longitude } = location;
  const title = [location.name, location.address].filter(Boolean).join(', ');
  const map = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  return textMessages(
    [...(title ? [paragraph(plain(title))] : []), paragraph(link(`${latitude}, ${longitude}`, map))],
    context,
  );
}

/** Contact cards, grouped as the target allows, or written out as text. */
export function fitContacts(cards: readonly ContactCard[], context: FitContext): Message[] {
  const { caps } = context;
  if (cards.length === 0) return [];
  if (caps.contacts && caps.contactsPerMessage > 0) {
    const messages: Message[] = [];
    for (let start = 0; start < cards.length; start += caps.contactsPerMessage) {
      messages.push({ contacts: cards.slice(start, start + caps.contactsPerMessage) });
    }
    return messages;
  }
  note(context, 'degraded', 'contacts', `${caps.channel} cannot send contact cards: sent as text.`);
  return textMessages(cards.flatMap(describeContact), context);
}

function describeContact(card: ContactCard): Block[] {
  const lines = [
    ...(card.phones ?? []).map((phone) => phone.phone),
    ...(card.emails ?? []).map((email) => email.email),
    ...(card.urls ?? []).map((url) => url.url),
    ...[card.organization?.company, card.organization?.title].filter((part): part is string => Boolean(part)),
  ];
  const details = lines.flatMap((line, index) =>
    index === 0 ? [plain(line)] : [{ type: 'break' as const }, plain(line)],
  );
  return [paragraph(bold(card.name.formatted)), ...(details.length > 0 ? [paragraph(...details)] : [])];
}
