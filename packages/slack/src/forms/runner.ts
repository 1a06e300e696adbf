import { randomUUID } from 'node:crypto';
import type { Form, FormAction, FormScreen } from '@ferry/core';
import type { BlockObject } from '../render/blocks.js';
import { readScreenAnswers, type ViewStateValues } from './answers.js';
import { type FormScope, substitute } from './expressions.js';
import { firstScreen, formModal, visibleBlocks } from './modal.js';
import type { FormSession, FormSessionStore, StoredForm } from './store.js';

/** Slack keeps at most 3 views in a modal stack; later screens replace the top one. */
const MAX_STACK = 3;

/** The key a form is stored under for one conversation (and the fallback for any conversation). */
export function formKey(formId: string, conversationId?: string): string {
  return conversationId === undefined ? `form:${formId}` : `form:${formId}|${conversationId}`;
}

function metadataOf(sessionId: string, screenId: string): string {
  return `${sessionId}:${screenId}`;
}

/** What to answer a `view_submission` with, and the completed form's result when it completed. */
export interface SubmissionOutcome {
  /** The ack body (`response_action`), or undefined to just close the view. */
  readonly ack?: Record<string, unknown>;
  readonly completed?: {
    readonly formId: string;
    readonly session: FormSession;
    readonly response: Record<string, unknown>;
  };
}

/** Opens forms as modals and walks their screens: `navigate` pushes a view, `complete` answers. */
export class FormRunner {
  constructor(
    private readonly store: FormSessionStore,
    private readonly restore: (id: string) => string,
  ) {}

  /** Remembers a sent form, for its conversation and as the latest form with that id. */
  async register(form: Form, flowToken: string, conversationId: string): Promise<void> {
    const stored: StoredForm = { form, flowToken };
    await this.store.putForm(formKey(form.id, conversationId), stored);
    await this.store.putForm(formKey(form.id), stored);
  }

  /** The first view of `formId` for `userId` and the new session, or undefined for an unknown form. */
  async start(formId: string, userId: string, conversationId?: string): Promise<BlockObject | undefined> {
    const stored =
      (conversationId === undefined
        ? undefined
        : await this.store.getForm(formKey(formId, conversationId))) ??
      (await this.store.getForm(formKey(formId)));
    const screen = stored === undefined ? undefined : firstScreen(stored.form);
    if (stored === undefined || screen === undefined) return undefined;
    const session: FormSession = {
      id: randomUUID(),
      formId,
      flowToken: stored.flowToken,
      userId,
      ...(conversationId === undefined ? {} : { conversationId }),
      screen: screen.id,
      answers: {},
      data: { ...screen.data },
      depth: 1,
    };
    await this.store.putSession(session);
    return formModal(stored.form, screen, metadataOf(session.id, screen.id), session);
  }

  /** Handles the submission of one screen of a form session (`private_metadata` = `<session>:<screen>`). */
  async submit(metadata: string, userId: string, values: ViewStateValues): Promise<SubmissionOutcome> {
    const separator = metadata.indexOf(':');
    const sessionId = separator === -1 ? metadata : metadata.slice(0, separator);
    const screenId = separator === -1 ? undefined : metadata.slice(separator + 1);
    const found = await this.store.getSession(sessionId);
    // The user may have gone Back to an earlier pushed view: the view says which screen it shows.
    const session = found === undefined || screenId === undefined ? found : { ...found, screen: screenId };
    if (session === undefined || session.userId !== userId) {
      return { ack: { response_action: 'errors', errors: {} } };
    }
    const stored =
      (session.conversationId === undefined
        ? undefined
        : await this.store.getForm(formKey(session.formId, session.conversationId))) ??
      (await this.store.getForm(formKey(session.formId)));
    const screen = stored?.form.screens.find((item) => item.id === session.screen);
    if (stored === undefined || screen === undefined) return {};
    const shown = visibleBlocks(screen.blocks, session, [], '').map((entry) => entry.block);
    const read = readScreenAnswers(shown, values, this.restore);
    if (Object.keys(read.errors).length > 0)
      return { ack: { response_action: 'errors', errors: read.errors } };
    const scope: FormScope = { answers: { ...session.answers, ...read.answers }, data: session.data };
    const action: FormAction = read.navigation ?? screen.submit?.action ?? { type: 'complete', payload: {} };
    const next =
      action.type === 'navigate' ? stored.form.screens.find((item) => item.id === action.screen) : undefined;
    if (action.type === 'navigate' && next !== undefined) {
      return this.advance(stored.form, session, next, scope, action.payload);
    }
    await this.store.deleteSession(session.id);
    const payload = action.type === 'complete' || action.type === 'dataExchange' ? action.payload : {};
    const substituted = substitute(payload, scope) as Record<string, unknown>;
    return {
      ack: { response_action: 'clear' },
      completed: {
        formId: session.formId,
        session: { ...session, answers: scope.answers },
        response: { flow_token: session.flowToken, ...substituted },
      },
    };
  }

  private async advance(
    form: Form,
    session: FormSession,
    next: FormScreen,
    scope: FormScope,
    payload: Readonly<Record<string, unknown>> | undefined,
  ): Promise<SubmissionOutcome> {
    const data = {
      ...next.data,
      ...(payload === undefined ? {} : (substitute(payload, scope) as Record<string, unknown>)),
    };
    const depth = session.depth ?? 1;
    const updated: FormSession = {
      ...session,
      screen: next.id,
      answers: scope.answers,
      data,
      depth: Math.min(depth + 1, MAX_STACK),
    };
    await this.store.putSession(updated);
    const view = formModal(form, next, metadataOf(session.id, next.id), updated);
    // Pushed views keep Back working; once the stack is full the top view is replaced instead.
    return { ack: { response_action: depth < MAX_STACK ? 'push' : 'update', view } };
  }
}
