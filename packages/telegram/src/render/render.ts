import {
  type ChannelCapabilities,
  type FidelityNote,
  type Form,
  fit,
  type Message,
  type NativeRequest,
  type RichText,
  type ShortIdTable,
  toRichText,
} from '@ferry/core';
import { formatText } from '../format/text.js';
import type { TelegramParseMode } from '../types.js';
import { formOpenData, inlineKeyboard } from './keyboard.js';
import { contactBody, locationBody, mediaFile, mediaMethod } from './media.js';

/** What rendering depends on besides the message. */
export interface RenderContext {
  readonly caps: ChannelCapabilities;
  readonly ids: ShortIdTable;
  readonly parseMode: TelegramParseMode;
  /** Label of the button that starts a form when the message has no form button. */
  readonly openFormLabel: string;
}

/** A form the rendered messages offer, with the token its result will carry. */
export interface FormOffer {
  readonly form: Form;
  readonly flowToken: string;
}

/** `render`'s result plus the forms a send must remember for the recipient's chat. */
export interface TelegramRendering {
  readonly payloads: NativeRequest[];
  readonly notes: FidelityNote[];
  readonly forms: FormOffer[];
}

/**
 * Renders a neutral message as Bot API requests, in sending order: `fit` sizes it for Telegram,
 * then each fitted message becomes `sendMessage`, `send<Media>`, `sendLocation` or `sendContact`
 * (without `chat_id`, which `send` adds). Pure: the same message always gives the same requests.
 */
export function renderTelegram(message: Message, context: RenderContext): TelegramRendering {
  const fitted = fit(message, context.caps, { ids: context.ids });
  const notes = [...fitted.notes];
  const payloads: NativeRequest[] = [];
  const forms: FormOffer[] = [];

  if (message.reaction !== undefined && context.caps.reactions) {
    notes.push({
      severity: 'lost',
      path: 'reaction',
      reason: 'The reaction names a message by its neutral id, which has no Telegram message id: dropped.',
    });
  }
  const replyTo = replyParameters(message.replyTo, notes);
  let mediaIndex = 0;

  fitted.messages.forEach((item, index) => {
    const keyboard = inlineKeyboard(item.buttons, context.caps, context.ids);
    const markup = keyboard === undefined ? {} : { reply_markup: keyboard };
    const reply = index === 0 ? replyTo : {};
    const media = item.media?.[0];
    if (media !== undefined) {
      const { method, field } = mediaMethod(media.kind);
      const file = mediaFile(media, `media[${mediaIndex++}]`, notes);
      const caption = media.caption === undefined ? '' : render(media.caption, context);
      if (file !== undefined) {
        payloads.push({
          method,
          body: {
            [field]: file,
            ...(caption === '' ? {} : { caption, parse_mode: context.parseMode }),
            ...markup,
            ...reply,
          },
        });
      } else if (caption !== '') {
        payloads.push({
          method: 'sendMessage',
          body: { text: caption, parse_mode: context.parseMode, ...markup, ...reply },
        });
      }
    } else if (item.location !== undefined) {
      const title = [item.location.name, item.location.address].filter(Boolean).join('\n');
      if (title !== '') {
        notes.push({
          severity: 'info',
          path: 'location',
          reason: 'Telegram locations carry no name or address: shown in a text message before the map.',
        });
        payloads.push({ method: 'sendMessage', body: { text: title, ...reply } });
      }
      payloads.push({ method: 'sendLocation', body: { ...locationBody(item.location), ...markup } });
    } else if (item.contacts !== undefined) {
      item.contacts.forEach((card, cardIndex) => {
        const body = contactBody(card);
        if (body === undefined) {
          notes.push({
            severity: 'degraded',
            path: `contacts[${cardIndex}]`,
            reason: 'Telegram contact cards need a phone number: this card is sent as text.',
          });
          payloads.push({ method: 'sendMessage', body: { text: card.name.formatted, ...markup } });
        } else {
          if (
            (card.phones?.length ?? 0) > 1 ||
            card.emails?.length ||
            card.urls?.length ||
            card.organization
          ) {
            notes.push({
              severity: 'info',
              path: `contacts[${cardIndex}]`,
              reason: 'Telegram shows one phone on a contact card: the other details travel in its vCard.',
            });
          }
          payloads.push({ method: 'sendContact', body: { ...body, ...markup, ...reply } });
        }
      });
    } else if (item.text !== undefined || keyboard !== undefined) {
      const text = item.text === undefined ? '' : render(item.text, context);
      payloads.push({
        method: 'sendMessage',
        body: { text, parse_mode: context.parseMode, ...markup, ...reply },
      });
    }
    if (item.form !== undefined) {
      forms.push({
        form: item.form,
        flowToken: message.meta?.flow_token ?? message.form?.id ?? item.form.id,
      });
      const opens = item.buttons?.some((button) => button.kind === 'form') ?? false;
      if (!opens) addOpenButton(payloads, item.form, context, notes);
    }
  });
  return { payloads, notes, forms };
}

/**
 * Puts a button that starts `form` on the last request when it can carry an inline keyboard, or
 * on a message of its own.
 */
function addOpenButton(
  payloads: NativeRequest[],
  form: Form,
  context: RenderContext,
  notes: FidelityNote[],
): void {
  const open = { text: context.openFormLabel, callback_data: formOpenData(form.id, context.ids) };
  notes.push({
    severity: 'info',
    path: 'form',
    reason: `Telegram has no forms: an "${context.openFormLabel}" button starts the questions one message at a time.`,
  });
  const last = payloads.at(-1);
  const markup = last?.body.reply_markup as { inline_keyboard?: unknown[][] } | undefined;
  if (last !== undefined && (markup === undefined || markup.inline_keyboard !== undefined)) {
    payloads[payloads.length - 1] = {
      method: last.method,
      body: { ...last.body, reply_markup: { inline_keyboard: [...(markup?.inline_keyboard ?? []), [open]] } },
    };
    return;
  }
  const title = form.title ?? form.screens[0]?.title ?? context.openFormLabel;
  payloads.push({
    method: 'sendMessage',
    body: { text: title, reply_markup: { inline_keyboard: [[open]] } },
  });
}

function render(text: string | RichText, context: RenderContext): string {
  return formatText(toRichText(text), context.parseMode);
}

function replyParameters(replyTo: string | undefined, notes: FidelityNote[]): Record<string, unknown> {
  if (replyTo === undefined) return {};
  if (/^\d+$/.test(replyTo)) {
    return { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } };
  }
  notes.push({
    severity: 'degraded',
    path: 'replyTo',
    reason: 'The message replied to has no Telegram message id here: sent as an ordinary message.',
  });
  return {};
}
