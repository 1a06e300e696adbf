import type { Button, FidelityNote, Form, Header, Menu, Message, RichText, ShortIdTable } from '@ferry/core';
import { whatsAppMarkup } from '../format/text.js';
import type { FlowTokenRecorder } from './flow-tokens.js';
import { type Body, mediaReference } from './media.js';

/** Flow messages always use version 3 of the flow message format. @see PLATFORMS.md §1.2 "Flow" */
export const FLOW_MESSAGE_VERSION = '3';

/** `flow_cta` max 30 characters. @see PLATFORMS.md §1.2 "Flow" */
const FLOW_CTA_MAX = 30;

/** What an interactive message is built from: the fitted message and the original for its form. */
export interface InteractiveInput {
  readonly message: Message;
  readonly body: RichText;
  readonly original: Message;
  readonly ids: ShortIdTable;
  /** Where a custom `meta.flowToken` is remembered against its form id, for the completion webhook. */
  readonly flowTokens?: FlowTokenRecorder;
  readonly notes: FidelityNote[];
}

function headerObject(header: Header | undefined, notes: FidelityNote[]): Body | undefined {
  if (header === undefined) return undefined;
  if (header.type === 'text') return { type: 'text', text: header.text };
  const reference = mediaReference(header.media);
  const kind = header.media.kind;
  if (reference === undefined || (kind !== 'image' && kind !== 'video' && kind !== 'document')) {
    notes.push({
      severity: 'lost',
      path: 'header.media',
      reason:
        reference === undefined
          ? 'A header from a local file path is not uploaded; WhatsApp needs a link or media id.'
          : `WhatsApp headers show images, videos and documents, not a ${kind}.`,
    });
    return undefined;
  }
  return { type: kind, [kind]: reference };
}

/**
 * The `action` of an interactive message and its `type`: reply buttons, a list, one CTA URL
 * button or one Flow button. @see PLATFORMS.md §1.2 "Interactive"
 */
function actionOf(input: InteractiveInput): { type: string; action: Body } | undefined {
  const { message, notes } = input;
  if (message.menu !== undefined) return { type: 'list', action: listAction(message.menu) };
  const buttons = message.buttons ?? [];
  const first = buttons[0];
  if (first === undefined) return undefined;
  const same = buttons.filter((button) => button.kind === first.kind);
  if (same.length < buttons.length)
    notes.push({
      severity: 'lost',
      path: 'buttons',
      reason: `WhatsApp cannot mix ${first.kind} buttons with other kinds in one message; only the ${first.kind} buttons are kept.`,
    });
  switch (first.kind) {
    case 'reply':
      return {
        type: 'button',
        action: {
          buttons: same.map((button) => {
            const reply = button as Extract<Button, { kind: 'reply' }>;
            return { type: 'reply', reply: { id: reply.id, title: reply.title } };
          }),
        },
      };
    case 'url':
      if (same.length > 1)
        notes.push({
          severity: 'lost',
          path: 'buttons',
          reason: 'A WhatsApp CTA URL message has one button; the others are dropped.',
        });
      return {
        type: 'cta_url',
        action: { name: 'cta_url', parameters: { display_text: first.title, url: first.url } },
      };
    case 'form':
      return { type: 'flow', action: flowAction(first, input) };
    default:
      notes.push({
        severity: 'lost',
        path: 'buttons',
        reason: `WhatsApp free-form messages have no ${first.kind} buttons (templates only).`,
      });
      return undefined;
  }
}

function listAction(menu: Menu): Body {
  return {
    button: menu.label,
    sections: menu.sections.map((section) => ({
      ...(section.title === undefined ? {} : { title: section.title }),
      rows: section.rows.map((row) => ({
        id: row.id,
        title: row.title,
        ...(row.description === undefined ? {} : { description: row.description }),
      })),
    })),
  };
}

/**
 * A Flow button. The Flow is named by `meta.flowId` (sent as `flow_id`), else `meta.flow` (as
 * `flow_id` when all digits, else `flow_name`, as the sent-log reader stores it), else the form id
 * as `flow_name`. `flow_token` is `meta.flowToken` (sent unchanged, a data_exchange endpoint may
 * rely on it, and remembered in `flowTokens` against the form id) or else the form id, because
 * the completion webhook carries only the token. @see PLATFORMS.md §1.1 "nfm_reply", §1.2 "Flow"
 */
function flowAction(button: Extract<Button, { kind: 'form' }>, input: InteractiveInput): Body {
  const meta = input.original.meta ?? {};
  const formId = input.ids.restore(button.formId) ?? button.formId;
  const flowReference = meta['flowId'] ?? meta['flow'];
  const byId = flowReference !== undefined && /^\d+$/.test(flowReference);
  const form: Form | undefined = input.original.form ?? input.message.form;
  const screen = meta['flowScreen'] ?? (form?.id === formId ? form.screens[0]?.id : undefined);
  if (flowReference === undefined)
    input.notes.push({
      severity: 'info',
      path: 'form',
      reason: `The form is opened as the WhatsApp Flow named "${formId}"; publish a Flow with that name (or set meta.flowId).`,
    });
  const token = meta['flowToken'] ?? formId;
  input.flowTokens?.remember(token, formId);
  let cta = button.title;
  if (cta.length > FLOW_CTA_MAX) cta = cta.slice(0, FLOW_CTA_MAX);
  return {
    name: 'flow',
    parameters: {
      flow_message_version: FLOW_MESSAGE_VERSION,
      ...(byId ? { flow_id: flowReference } : { flow_name: flowReference ?? formId }),
      flow_cta: cta,
      flow_token: token,
      flow_action: 'navigate',
      ...(meta['flowMode'] === 'draft' ? { mode: 'draft' } : {}),
      ...(screen === undefined ? {} : { flow_action_payload: { screen } }),
    },
  };
}

/**
 * An `interactive` body (`button`, `list`, `cta_url` or `flow`) with its header, body and footer,
 * or `undefined` when the message has no action WhatsApp can show. @see PLATFORMS.md §1.2 "Interactive"
 */
export function interactiveBody(input: InteractiveInput): Body | undefined {
  const action = actionOf(input);
  if (action === undefined) return undefined;
  const { message, notes } = input;
  const header = headerObject(message.header, notes);
  const text = whatsAppMarkup(input.body);
  const footer = message.footer?.trim() ?? '';
  return {
    type: 'interactive',
    interactive: {
      type: action.type,
      ...(header === undefined ? {} : { header }),
      ...(text === '' ? {} : { body: { text } }),
      ...(footer === '' ? {} : { footer: { text: footer } }),
      action: action.action,
    },
  };
}
