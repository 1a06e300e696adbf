import type { FormField, NativeRequest, ShortIdTable } from '@ferry/core';
import type { FormOffer } from '../render/render.js';
import type { FormAnswer, FormSession, FormSessionStore } from '../types.js';
import {
  isChoice,
  messageRequest,
  type PromptContext,
  questionRequest,
  selectionEdit,
  summaryRequest,
} from './prompts.js';
import { validateTyped } from './validate.js';
import { finish, follow, type WalkStop, walk } from './walk.js';

/** What the conversation does with one inbound message or button press. */
export interface FormReaction {
  /** Requests to send into the chat, in order. */
  readonly requests: readonly NativeRequest[];
  /** The finished form, Flow-shaped, once the user confirmed. */
  readonly completed?: { readonly formId: string; readonly response: Readonly<Record<string, unknown>> };
  /** Short text for `answerCallbackQuery`. */
  readonly notice?: string;
}

const NOTHING: FormReaction = { requests: [] };

/**
 * Runs forms as a conversation, one question a message: choices as buttons, typed answers
 * validated, then a summary to confirm; the confirmed result has the Flow `nfm_reply` shape.
 * State lives in the injected {@link FormSessionStore}, one session per chat.
 * @see PLATFORMS.md §2.2 (Telegram has no forms) and core `model/form.ts`
 */
export class FormConversation {
  constructor(
    private readonly store: FormSessionStore,
    private readonly ids: ShortIdTable,
    private readonly context: PromptContext,
  ) {}

  /** Remembers that `chatId` was offered a form (its open button was sent). */
  async offer(chatId: string, offer: FormOffer): Promise<void> {
    await this.store.set(chatId, {
      form: offer.form,
      flowToken: offer.flowToken,
      status: 'offered',
      screen: offer.form.start ?? offer.form.screens[0]?.id ?? '',
      position: 0,
      step: 0,
      answers: {},
      data: {},
    });
  }

  /** The open button of form `shortFormId` was pressed: asks the first question. */
  async open(chatId: string, shortFormId: string): Promise<FormReaction> {
    const session = await this.store.get(chatId);
    const formId = this.restore(shortFormId);
    if (session === undefined || formId === undefined || session.form.id !== formId) {
      return { requests: [], notice: 'This form is no longer available.' };
    }
    return this.advance(chatId, restart(session), undefined);
  }

  /** A form conversation button was pressed (`<step>:<code>`), on message `messageId`. */
  async press(chatId: string, data: string, messageId: number): Promise<FormReaction> {
    const session = await this.store.get(chatId);
    const [stepText, code = ''] = data.split(':');
    if (session === undefined || session.status === 'offered' || Number(stepText) !== session.step) {
      return { requests: [], notice: 'This question is closed.' };
    }
    if (session.status === 'confirming') return this.confirm(chatId, session, code);
    const stop = walk(session);
    if (stop.kind !== 'question') return this.advance(chatId, session, stop);
    const { texts } = this.context;
    if (stop.item.kind === 'navigation') {
      const chosen = stop.item.list.items[optionIndex(code)];
      if (chosen === undefined) return NOTHING;
      const answered = answer(stop.session, stop.item.list.name, chosen.id);
      if (chosen.action.type === 'navigate')
        return this.advance(chatId, follow(answered, chosen.action), undefined);
      return this.advance(chatId, answered, finish(answered, chosen.action, []));
    }
    const field = stop.item.field;
    if (code === 'skip' && field.required !== true) return this.next(chatId, stop.session, field, undefined);
    if (field.type === 'optIn' && (code === 'yes' || code === 'no')) {
      if (code === 'no' && field.required === true) {
        return {
          requests: [messageRequest([paragraph(texts.required)], this.context)],
          notice: texts.required,
        };
      }
      return this.next(chatId, stop.session, field, code === 'yes');
    }
    const option = field.options?.[optionIndex(code)];
    if (field.type === 'multipleChoice') {
      const selection = stop.session.selection ?? [];
      if (code === 'done') {
        const min = field.minSelected ?? (field.required === true ? 1 : 0);
        const max = field.maxSelected ?? field.options?.length ?? selection.length;
        if (selection.length < min || selection.length > max) {
          const error = texts.selectBetween(min, max);
          return { requests: [messageRequest([paragraph(error)], this.context)], notice: error };
        }
        return this.next(
          chatId,
          stop.session,
          field,
          selection.length === 0 && field.required !== true ? undefined : selection,
        );
      }
      if (option === undefined) return NOTHING;
      const ticked = selection.includes(option.id)
        ? selection.filter((id) => id !== option.id)
        : [...selection, option.id];
      const updated: FormSession = { ...stop.session, selection: ticked };
      await this.store.set(chatId, updated);
      return { requests: [selectionEdit({ ...stop, session: updated }, messageId, this.context)] };
    }
    if (isChoice(field) && option !== undefined) return this.next(chatId, stop.session, field, option.id);
    return NOTHING;
  }

  /**
   * A typed message: the answer to the open question (validated), or `undefined` when no question
   * is open so the message is an ordinary one.
   */
  async text(chatId: string, input: string): Promise<FormReaction | undefined> {
    const session = await this.store.get(chatId);
    if (session === undefined || session.status === 'offered') return undefined;
    const { texts } = this.context;
    const chooseButton: FormReaction = {
      requests: [messageRequest([paragraph(texts.chooseButton)], this.context)],
    };
    if (session.status === 'confirming') return chooseButton;
    const stop = walk(session);
    if (stop.kind !== 'question') return this.advance(chatId, session, stop);
    if (stop.item.kind === 'navigation') return chooseButton;
    const field = stop.item.field;
    if (field.type === 'singleChoice' || field.type === 'dropdown') {
      const typed = input.trim().toLowerCase();
      const option = field.options?.find((candidate) => candidate.title.toLowerCase() === typed);
      return option === undefined ? chooseButton : this.next(chatId, stop.session, field, option.id);
    }
    if (field.type === 'multipleChoice' || field.type === 'optIn') return chooseButton;
    const checked = validateTyped(field, input, texts);
    if (!checked.ok) return { requests: [messageRequest([paragraph(checked.error)], this.context)] };
    return this.next(chatId, stop.session, field, checked.value);
  }

  /** Ends any conversation in `chatId` (the user sent /stop). */
  async cancel(chatId: string): Promise<void> {
    await this.store.delete(chatId);
  }

  private async confirm(chatId: string, session: FormSession, code: string): Promise<FormReaction> {
    const { texts } = this.context;
    if (code === 'ok' && session.result !== undefined) {
      await this.store.delete(chatId);
      return {
        requests: [],
        notice: texts.sent,
        completed: { formId: session.form.id, response: session.result },
      };
    }
    if (code === 'redo') return this.advance(chatId, restart(session), undefined);
    if (code === 'no') {
      await this.store.delete(chatId);
      return {
        requests: [messageRequest([paragraph(texts.cancelled)], this.context)],
        notice: texts.cancelled,
      };
    }
    return NOTHING;
  }

  private next(chatId: string, session: FormSession, field: FormField, value: FormAnswer | undefined) {
    const answered = value === undefined ? session : answer(session, field.name, value);
    return this.advance(chatId, { ...answered, position: session.position + 1 }, undefined);
  }

  /** Moves to the next question (or the summary), saves the session and returns the prompt. */
  private async advance(
    chatId: string,
    session: FormSession,
    known: WalkStop | undefined,
  ): Promise<FormReaction> {
    const { selection: _selection, ...base } = session;
    const stop = known ?? walk(base);
    const step = session.step + 1;
    if (stop.kind === 'question') {
      const asking: FormSession = { ...stop.session, status: 'asking', step };
      const { selection: _dropped, ...clean } = asking;
      await this.store.set(chatId, clean);
      return { requests: [questionRequest({ ...stop, session: clean }, this.context)] };
    }
    const confirming: FormSession = { ...stop.session, status: 'confirming', step, result: stop.result };
    await this.store.set(chatId, confirming);
    return { requests: [summaryRequest(confirming, this.context)] };
  }

  private restore(shortId: string): string | undefined {
    const once = this.ids.restore(shortId);
    return once?.startsWith('~') ? this.ids.restore(once) : once;
  }
}

function restart(session: FormSession): FormSession {
  const { result: _result, selection: _selection, ...base } = session;
  return {
    ...base,
    status: 'asking',
    screen: session.form.start ?? session.form.screens[0]?.id ?? '',
    position: 0,
    answers: {},
    data: {},
  };
}

function answer(session: FormSession, name: string, value: FormAnswer): FormSession {
  return { ...session, answers: { ...session.answers, [name]: value } };
}

function optionIndex(code: string): number {
  return code.startsWith('o') ? Number(code.slice(1)) : -1;
}

function paragraph(value: string) {
  return { type: 'paragraph' as const, children: [{ type: 'text' as const, value }] };
}
