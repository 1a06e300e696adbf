import type { Clock, InboundEvent, Logger, Sender, ShortIdTable } from '@ferry/core';
import type { Api } from 'grammy';
import type { Update, User } from 'grammy/types';
import type { FormConversation, FormReaction } from '../form/conversation.js';
import { startToken } from '../link/invite.js';
import { FORM_OPEN_PREFIX, FORM_STEP_PREFIX } from '../render/keyboard.js';
import type { TelegramSender } from '../send/sender.js';

/** What turning updates into events needs. */
export interface UpdateContext {
  readonly api: Api;
  readonly sender: TelegramSender;
  readonly conversation: FormConversation;
  readonly ids: ShortIdTable;
  readonly clock: Clock;
  readonly logger: Logger;
}

type Base = Pick<InboundEvent, 'channel' | 'sender' | 'eventId' | 'at'>;

/**
 * Turns one Telegram update into neutral events: `/start <token>` -> `link-claim`, `/stop` -> `stop`,
 * a button -> `choice` with the original id restored, a shared contact -> `contact-shared` only when
 * it is the sender's own (`contact.user_id === from.id`), form steps -> a `form` event once confirmed,
 * the bot blocked -> `blocked`, other text -> `text`. Form questions are answered on the way.
 * @see PLATFORMS.md §2.1 (deep links), §2.2 (contact sharing)
 */
export async function eventsOfUpdate(update: Update, context: UpdateContext): Promise<InboundEvent[]> {
  const message = update.message;
  if (message !== undefined && message.from !== undefined) {
    const chatId = String(message.chat.id);
    const base: Base = {
      channel: 'telegram',
      sender: senderOf(message.from, chatId),
      eventId: `${chatId}:${message.message_id}`,
      at: message.date * 1000,
    };
    if (message.contact !== undefined) {
      if (message.contact.user_id !== message.from.id) {
        context.logger.log('warn', 'telegram contact refused: not the sender’s own number', { chatId });
        return [];
      }
      return [{ ...base, type: 'contact-shared', phone: normalisePhone(message.contact.phone_number) }];
    }
    const text = message.text;
    if (text === undefined) return [];
    const token = startToken(text);
    if (token !== undefined) return [{ ...base, type: 'link-claim', token, via: 'deep-link' }];
    if (/^\/stop(?:@\w+)?\s*$/i.test(text)) {
      await context.conversation.cancel(chatId);
      return [{ ...base, type: 'stop', text }];
    }
    const reaction = await context.conversation.text(chatId, text);
    if (reaction !== undefined) {
      await deliver(chatId, reaction, context);
      return [];
    }
    return [{ ...base, type: 'text', text }];
  }

  const query = update.callback_query;
  if (query !== undefined) {
    const data = query.data ?? '';
    const chatId = String(query.message?.chat.id ?? query.from.id);
    const base: Base = {
      channel: 'telegram',
      sender: senderOf(query.from, chatId),
      eventId: query.id,
      at: context.clock.now(),
    };
    const messageId = query.message?.message_id;
    if (data.startsWith(FORM_OPEN_PREFIX) || data.startsWith(FORM_STEP_PREFIX)) {
      const reaction = data.startsWith(FORM_OPEN_PREFIX)
        ? await context.conversation.open(chatId, data.slice(FORM_OPEN_PREFIX.length))
        : await context.conversation.press(chatId, data.slice(FORM_STEP_PREFIX.length), messageId ?? 0);
      await answerQuery(query.id, reaction.notice, context);
      await deliver(chatId, reaction, context);
      return reaction.completed === undefined
        ? []
        : [
            {
              ...base,
              type: 'form',
              formId: reaction.completed.formId,
              response: reaction.completed.response,
            },
          ];
    }
    await answerQuery(query.id, undefined, context);
    const id = context.ids.restore(data) ?? data;
    const button = query.message?.reply_markup?.inline_keyboard
      .flat()
      .find((candidate) => 'callback_data' in candidate && candidate.callback_data === data);
    return [
      {
        ...base,
        type: 'choice',
        id,
        ...(button === undefined ? {} : { title: button.text }),
        ...(messageId === undefined ? {} : { messageId: String(messageId) }),
      },
    ];
  }

  const membership = update.my_chat_member;
  if (
    membership !== undefined &&
    membership.chat.type === 'private' &&
    membership.new_chat_member.status === 'kicked'
  ) {
    const chatId = String(membership.chat.id);
    return [
      {
        channel: 'telegram',
        type: 'blocked',
        sender: senderOf(membership.from, chatId),
        eventId: `${chatId}:blocked:${membership.date}`,
        at: membership.date * 1000,
      },
    ];
  }
  return [];
}

/** `+` and digits only, as WhatsApp ids are compared. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `+${digits}`;
}

function senderOf(user: User, chatId: string): Sender {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return { id: String(user.id), name, conversationId: chatId };
}

async function deliver(chatId: string, reaction: FormReaction, context: UpdateContext): Promise<void> {
  for (const request of reaction.requests) {
    const outcome = await context.sender.call(chatId, request);
    if (typeof outcome !== 'string') {
      context.logger.log('warn', 'telegram form reply not delivered', { chatId, status: outcome.status });
    }
  }
}

async function answerQuery(id: string, text: string | undefined, context: UpdateContext): Promise<void> {
  try {
    await context.api.answerCallbackQuery(id, text === undefined ? {} : { text });
  } catch (error) {
    context.logger.log('debug', 'telegram callback answer failed', {
      reason: error instanceof Error ? error.name : 'unknown',
    });
  }
}
