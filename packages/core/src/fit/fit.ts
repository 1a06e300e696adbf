import type { ChannelCapabilities } from '../capabilities/types.js';
import { toRichText } from '../markup/index.js';
import type { Header, Media, Message } from '../model/message.js';
import type { FidelityNote } from '../model/notes.js';
import type { Block, RichText } from '../model/rich-text.js';
import { type ActionSet, planActions } from './actions.js';
import { bold, paragraph, plain } from './blocks.js';
import { documentFits, type FitContext, type FitOptions, fitLabel, note, splitDocument } from './context.js';
import { fitForm } from './form.js';
import { prepareDocument } from './links.js';
import { fitContacts, fitLocation, fitMedia } from './media.js';
import { ShortIdTable } from './short-id.js';

/** What {@link fit} returns: channel-sized messages in sending order, what changed, and the id table used. */
export interface FitResult {
  readonly messages: Message[];
  readonly notes: FidelityNote[];
  /** The table long ids were shortened in (`options.ids`, or a new one). */
  readonly ids: ShortIdTable;
}

const EMPTY: RichText = { type: 'doc', blocks: [] };

/**
 * Re-shapes one neutral message into messages that each fit `caps`, in sending order: the reaction,
 * media (captions cut, the rest as text), the text split at block, line, sentence and word boundaries
 * (header on the first part, footer and buttons on the last), overflow buttons or menu pages, then
 * location and contacts. Text is always a RichText AST in the result. Never throws for any input.
 */
export function fit(message: Message, caps: ChannelCapabilities, options: FitOptions = {}): FitResult {
  const context: FitContext = { caps, ids: options.ids ?? new ShortIdTable(), notes: [], options };
  const messages: Message[] = [];

  if (message.reaction !== undefined) {
    if (caps.reactions) messages.push({ reaction: message.reaction });
    else
      note(
        context,
        'lost',
        'reaction',
        `${caps.channel} bots cannot react to a message: the reaction is dropped.`,
      );
  }

  const plan = planActions(message, context);
  const hasActions = carriesActions(plan.main);
  let header = message.header;
  const media: { media: Media; path: string }[] = (message.media ?? []).map((item, index) => ({
    media: item,
    path: `media[${index}]`,
  }));
  const headerText = header?.type === 'text' && header.text.trim() !== '' ? header.text : undefined;
  const footerText = message.footer?.trim() ? message.footer : undefined;
  const keepHeader =
    headerText !== undefined && caps.header !== null && (hasActions || !caps.headerNeedsActions);
  const keepFooter =
    footerText !== undefined && caps.footer !== null && (hasActions || !caps.headerNeedsActions);

  const text = message.text === undefined ? EMPTY : toRichText(message.text);
  const body = (foldHeader: boolean): RichText =>
    prepareDocument(
      {
        type: 'doc',
        blocks: [
          ...(foldHeader && headerText !== undefined ? withHeaderLine(text.blocks, headerText) : text.blocks),
          ...plan.main.text,
          ...(!keepFooter && footerText !== undefined
            ? [paragraph({ type: 'italic', children: [plain(footerText)] })]
            : []),
        ],
      },
      context,
      'text',
    );

  let chunks = splitBody(body(!keepHeader), hasActions, context);
  let headerOnFirst = keepHeader;
  if (keepHeader && chunks.length > 1 && caps.headerNeedsActions) {
    // The first part carries no buttons, so on WhatsApp it cannot have a header: fold it into the text.
    headerOnFirst = false;
    chunks = splitBody(body(true), hasActions, context);
  }
  if (headerText !== undefined && !headerOnFirst) {
    note(context, 'info', 'header', `${caps.channel} shows the header as the first line of the text.`);
  }
  if (footerText !== undefined && !keepFooter) {
    note(context, 'info', 'footer', `${caps.channel} shows the footer as the last line of the text.`);
  }
  if (chunks.length > 1) {
    note(
      context,
      'info',
      'text',
      `Text longer than ${caps.text.max} characters for ${caps.channel}: split into ${chunks.length} messages` +
        (hasActions || headerOnFirst || keepFooter
          ? ' (header on the first, footer and buttons on the last).'
          : '.'),
    );
  }
  if (hasActions && caps.actionsNeedText && chunks.length === 0) {
    const placeholder = context.options.placeholderText?.trim() || '…';
    chunks = splitBody({ type: 'doc', blocks: [paragraph(plain(placeholder))] }, true, context).slice(-1);
  }

  if (
    header?.type === 'media' &&
    !(hasActions && chunks.length <= 1 && canHoldMediaHeader(header.media, caps))
  ) {
    note(
      context,
      'info',
      'header',
      `${caps.channel} shows this header media as its own message before the text.`,
    );
    media.unshift({ media: header.media, path: 'header.media' });
    header = undefined;
  }

  const fittedHeader: Header | undefined = headerOnFirst
    ? { type: 'text', text: fitLabel(headerText ?? '', caps.header ?? caps.text, context, 'header') }
    : header?.type === 'media'
      ? header
      : undefined;
  const fittedFooter = keepFooter
    ? fitLabel(footerText ?? '', caps.footer ?? caps.text, context, 'footer')
    : undefined;

  const mediaMessages = media.flatMap(({ media: item, path }) => fitMedia(item, path, context));
  const merged = mergeCaption(mediaMessages, chunks, plan.main, fittedHeader, fittedFooter, message, context);
  if (merged) {
    messages.push(...mediaMessages);
  } else {
    messages.push(...mediaMessages);
    const textParts: Message[] = chunks.map((chunk) => ({ text: chunk }));
    if (textParts.length === 0 && (hasActions || fittedHeader !== undefined || fittedFooter !== undefined)) {
      textParts.push({});
    }
    const first = textParts[0];
    const lastIndex = textParts.length - 1;
    if (first !== undefined && fittedHeader !== undefined) textParts[0] = { ...first, header: fittedHeader };
    const last = textParts[lastIndex];
    if (last !== undefined) textParts[lastIndex] = { ...last, ...actionFields(plan.main, fittedFooter) };
    messages.push(...textParts);
  }

  plan.overflow.forEach((set, index) => {
    const continuation =
      context.options.continuationText ?? ((page: number, total: number) => `(${page}/${total})`);
    const blocks: Block[] =
      set.text.length > 0 ? set.text : [paragraph(plain(continuation(index + 2, plan.overflow.length + 1)))];
    const parts = splitBody(prepareDocument({ type: 'doc', blocks }, context, 'text'), true, context);
    parts.forEach((chunk, part) => {
      messages.push(
        part === parts.length - 1 ? { text: chunk, ...actionFields(set, undefined) } : { text: chunk },
      );
    });
  });

  if (message.location !== undefined) messages.push(...fitLocation(message.location, context));
  if (message.contacts !== undefined) messages.push(...fitContacts(message.contacts, context));
  if (message.form !== undefined) attachForm(messages, message.form, context);

  const finished = messages.map((item, index) => ({
    ...item,
    ...(index === 0 && message.replyTo !== undefined ? { replyTo: message.replyTo } : {}),
    ...(message.meta === undefined ? {} : { meta: message.meta }),
  }));
  return { messages: finished, notes: context.notes, ids: context.ids };
}

/** The header as a bold first line of the first paragraph, so a split never sends it alone. */
function withHeaderLine(blocks: readonly Block[], header: string): Block[] {
  const [first, ...rest] = blocks;
  if (first?.type !== 'paragraph') return [paragraph(bold(header)), ...blocks];
  return [paragraph(bold(header), { type: 'break' }, ...first.children), ...rest];
}

function carriesActions(set: ActionSet): boolean {
  return set.buttons.length > 0 || set.menu !== undefined;
}

function canHoldMediaHeader(media: Media, caps: ChannelCapabilities): boolean {
  return caps.mediaHeaderKinds.includes(media.kind) && media.caption === undefined;
}

function actionFields(set: ActionSet, footer: string | undefined): Partial<Message> {
  return {
    ...(footer === undefined ? {} : { footer }),
    ...(set.buttons.length > 0 ? { buttons: set.buttons } : {}),
    ...(set.menu === undefined ? {} : { menu: set.menu }),
  };
}

/** Splits at the text limit; the part that will carry buttons is held to the (smaller) interactive limit. */
function splitBody(doc: RichText, hasActions: boolean, context: FitContext): RichText[] {
  const { caps } = context;
  const chunks = splitDocument(doc, caps.text, context);
  if (!hasActions) return chunks;
  const last = chunks.pop();
  if (last === undefined) return chunks;
  if (documentFits(last, caps.interactiveText, context)) return [...chunks, last];
  return [...chunks, ...splitDocument(last, caps.interactiveText, context)];
}

/**
 * One image and a short text become one captioned message (with its buttons where the target allows
 * buttons on media), as people expect; returns whether it merged `chunks` into `mediaMessages`.
 */
function mergeCaption(
  mediaMessages: Message[],
  chunks: readonly RichText[],
  actions: ActionSet,
  header: Header | undefined,
  footer: string | undefined,
  message: Message,
  context: FitContext,
): boolean {
  const { caps } = context;
  const only = mediaMessages.length === 1 ? mediaMessages[0] : undefined;
  const item = only?.media?.length === 1 ? only.media[0] : undefined;
  const chunk = chunks.length === 1 ? chunks[0] : undefined;
  if (only === undefined || item === undefined || item.caption !== undefined || chunk === undefined)
    return false;
  if ((message.media?.length ?? 0) !== 1 || header !== undefined || footer !== undefined) return false;
  if (carriesActions(actions) && !caps.actionsOnMedia) return false;
  if (caps.caption.max === 0 || !documentFits(chunk, caps.caption, context)) return false;
  mediaMessages[0] = { media: [{ ...item, caption: chunk }], ...actionFields(actions, undefined) };
  return true;
}

function attachForm(messages: Message[], form: NonNullable<Message['form']>, context: FitContext): void {
  const fitted = fitForm(form, context);
  const opener = messages.findIndex((item) =>
    item.buttons?.some((button) => button.kind === 'form' && context.ids.restore(button.formId) === form.id),
  );
  const index = opener !== -1 ? opener : messages.length - 1;
  const target = messages[index];
  if (target === undefined) messages.push({ form: fitted });
  else messages[index] = { ...target, form: fitted };
}
