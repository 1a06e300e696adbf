import type { Clock, Form, InboundEvent, InboundHandler, Sender, ShortIdTable } from '@ferry/core';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { readAnswers, resolvePayload } from '../format/answers.js';
import { CustomIds, parseCustomId } from '../format/custom-ids.js';
import { linkModal } from '../link/link-prompt.js';
import { renderModal, viewFields } from '../render/modal.js';
import type { DiscordTexts, FormSession, FormSessionStore } from '../types.js';
import {
  CallbackKinds,
  flattenComponents,
  InteractionKinds,
  type InteractionPayload,
  modalValues,
} from './interaction-payload.js';

/** An interaction response body (callback). @see PLATFORMS.md §4.5 */
export type InteractionResponse = Readonly<Record<string, unknown>>;

/** What the interaction logic needs from the channel. */
export interface InteractionContext {
  readonly ids: ShortIdTable;
  readonly forms: FormSessionStore;
  readonly texts: DiscordTexts;
  readonly clock: Clock;
}

/**
 * Turns one interaction into neutral events and answers it: PING with PONG, `/link` and the link
 * modal with `link-claim`, buttons and menus with `choice` (original ids restored), form buttons
 * with the form's modals (chained by a "continue" button), the last modal with `form`, and other
 * slash commands with `text`.
 * @see PLATFORMS.md §4.5
 */
export async function answerInteraction(
  interaction: InteractionPayload,
  handler: InboundHandler,
  context: InteractionContext,
): Promise<InteractionResponse> {
  if (interaction.type === InteractionKinds.ping) return { type: CallbackKinds.pong };
  const sender = senderOf(interaction);
  const base = { channel: 'discord' as const, sender, eventId: interaction.id, at: context.clock.now() };
  const emit = (event: InboundEvent) => handler(event);

  if (interaction.type === InteractionKinds.command) {
    const name = interaction.data?.name ?? '';
    const options = interaction.data?.options ?? [];
    if (name === 'link') {
      const code = String(options.find((option) => option.name === 'code')?.value ?? '').trim();
      await emit({ ...base, type: 'link-claim', token: code, via: 'command' });
      return ephemeral(context.texts.linked);
    }
    const text = [`/${name}`, ...options.map((option) => String(option.value ?? ''))].join(' ').trim();
    await emit({ ...base, type: 'text', text });
    return ephemeral(context.texts.received);
  }

  if (interaction.type === InteractionKinds.component) {
    const customId = interaction.data?.custom_id ?? '';
    const parsed = parseCustomId(customId);
    if (parsed?.kind === 'link-button') return { type: CallbackKinds.modal, data: linkModal(context.texts) };
    if (parsed?.kind === 'form-button') return openView(parsed.formKey, parsed.screen, sender.id, context);
    const messageId = interaction.message?.id;
    const components = flattenComponents(interaction.message?.components);
    const picked = parsed?.kind === 'menu' ? (interaction.data?.values?.[0] ?? '') : customId;
    const title =
      parsed?.kind === 'menu'
        ? components.flatMap((component) => component.options ?? []).find((option) => option.value === picked)
            ?.label
        : components.find((component) => component.custom_id === customId)?.label;
    await emit({
      ...base,
      type: 'choice',
      id: context.ids.restore(picked) ?? picked,
      ...(title === undefined ? {} : { title }),
      ...(messageId === undefined ? {} : { messageId }),
    });
    return { type: CallbackKinds.deferredUpdate };
  }

  if (interaction.type === InteractionKinds.modalSubmit) {
    const parsed = parseCustomId(interaction.data?.custom_id ?? '');
    const values = modalValues(interaction.data?.components);
    if (parsed?.kind === 'link-modal') {
      const code = (values[CustomIds.linkCodeInput] ?? '').trim();
      await emit({ ...base, type: 'link-claim', token: code, via: 'modal' });
      return ephemeral(context.texts.linked);
    }
    if (parsed?.kind === 'form-modal') {
      return submitView(parsed.formKey, parsed.screen, values, base, emit, context);
    }
  }
  return { type: CallbackKinds.deferredUpdate };
}

async function openView(formKey: string, screen: number, userId: string, context: InteractionContext) {
  const form = await context.forms.getForm(formKey);
  const view = form?.screens[screen];
  if (form === undefined || view === undefined) return ephemeral(context.texts.formExpired);
  const session = await context.forms.getSession(userId, formKey);
  if (session === undefined || screen === 0) {
    // Core's rule for a form result's flow_token: Discord carries no meta from the send, so the form id.
    const fresh: FormSession = { formId: form.id, screen, answers: {}, data: {}, flowToken: form.id };
    if (session === undefined || session.screen !== screen)
      await context.forms.putSession(userId, formKey, fresh);
  }
  return { type: CallbackKinds.modal, data: renderModal(view, form.title, formKey, screen) };
}

async function submitView(
  formKey: string,
  screen: number,
  values: Readonly<Record<string, string>>,
  base: {
    readonly channel: 'discord';
    readonly sender: Sender;
    readonly eventId: string;
    readonly at: number;
  },
  emit: InboundHandler,
  context: InteractionContext,
): Promise<InteractionResponse> {
  const userId = base.sender.id;
  const form = await context.forms.getForm(formKey);
  const view = form?.screens[screen];
  if (form === undefined || view === undefined) return ephemeral(context.texts.formExpired);
  const session: FormSession = (await context.forms.getSession(userId, formKey)) ?? {
    formId: form.id,
    screen,
    answers: {},
    data: {},
    flowToken: form.id,
  };
  const { answers, problems } = readAnswers(viewFields(view.blocks), values);
  if (problems.length > 0) {
    return withButton(
      problems.join('\n'),
      context.texts.tryAgainButton,
      CustomIds.formButton(formKey, screen),
    );
  }
  const allAnswers = { ...session.answers, ...answers };
  const next = nextStep(form, screen);
  if (next.kind === 'navigate') {
    const data = { ...session.data, ...resolvePayload(next.payload, allAnswers, session.data) };
    await context.forms.putSession(userId, formKey, {
      ...session,
      screen: next.screen,
      answers: allAnswers,
      data,
    });
    const title = form.screens[next.screen]?.title;
    return withButton(
      title ?? context.texts.continueButton,
      context.texts.continueButton,
      CustomIds.formButton(formKey, next.screen),
    );
  }
  const response = {
    flow_token: session.flowToken,
    ...resolvePayload(next.payload, allAnswers, session.data),
  };
  await context.forms.deleteSession(userId, formKey);
  await emit({ ...base, type: 'form', formId: form.id, response });
  return ephemeral(context.texts.formDone);
}

type Step =
  | {
      readonly kind: 'navigate';
      readonly screen: number;
      readonly payload: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'complete'; readonly payload: Readonly<Record<string, unknown>> };

/** Where a view's submit leads: the screen it navigates to, or completion with its payload. */
function nextStep(form: Form, screen: number): Step {
  const view = form.screens[screen];
  const action = view?.submit?.action;
  if (action?.type === 'navigate') {
    const target = form.screens.findIndex((candidate) => candidate.id === action.screen);
    if (target !== -1) return { kind: 'navigate', screen: target, payload: action.payload ?? {} };
  }
  if (action?.type === 'complete' || action?.type === 'dataExchange')
    return { kind: 'complete', payload: action.payload };
  if (view?.terminal !== true && screen + 1 < form.screens.length)
    return { kind: 'navigate', screen: screen + 1, payload: {} };
  return { kind: 'complete', payload: {} };
}

function senderOf(interaction: InteractionPayload): Sender {
  const user = interaction.user ?? interaction.member?.user;
  const name = user?.global_name ?? user?.username;
  return {
    id: user?.id ?? '',
    ...(name === undefined || name === null ? {} : { name }),
    ...(interaction.channel_id === undefined ? {} : { conversationId: interaction.channel_id }),
  };
}

function ephemeral(content: string): InteractionResponse {
  return { type: CallbackKinds.message, data: { content, flags: MessageFlags.Ephemeral } };
}

function withButton(content: string, label: string, customId: string): InteractionResponse {
  return {
    type: CallbackKinds.message,
    data: {
      content,
      flags: MessageFlags.Ephemeral,
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Primary,
              label: label.slice(0, 80),
              custom_id: customId,
            },
          ],
        },
      ],
    },
  };
}
