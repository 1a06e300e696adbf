import {
  type Block,
  type FieldOption,
  type FormBlock,
  type FormContent,
  type FormField,
  type Inline,
  type NativeRequest,
  toRichText,
} from '@ferry/core';
import { formatText } from '../format/text.js';
import { FORM_STEP_PREFIX, type InlineButton } from '../render/keyboard.js';
import type { FormAnswer, FormSession, FormTexts, TelegramParseMode } from '../types.js';
import type { WalkStop } from './walk.js';

/** What prompts are rendered with. */
export interface PromptContext {
  readonly parseMode: TelegramParseMode;
  readonly texts: FormTexts;
}

type Question = Extract<WalkStop, { kind: 'question' }>;

const text = (value: string): Inline => ({ type: 'text', value });
const bold = (value: string): Inline => ({ type: 'bold', children: [text(value)] });
const italic = (value: string): Inline => ({ type: 'italic', children: [text(value)] });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', children });

/** The callback data of a form conversation button. */
export function stepData(step: number, code: string): string {
  return `${FORM_STEP_PREFIX}${step}:${code}`;
}

/** A `sendMessage` request with formatted blocks and optional buttons. */
export function messageRequest(
  blocks: readonly Block[],
  context: PromptContext,
  keyboard?: readonly (readonly InlineButton[])[],
): NativeRequest {
  return {
    method: 'sendMessage',
    body: {
      text: formatText({ type: 'doc', blocks }, context.parseMode),
      parse_mode: context.parseMode,
      ...(keyboard === undefined || keyboard.length === 0
        ? {}
        : { reply_markup: { inline_keyboard: keyboard } }),
    },
  };
}

/** Screen content shown before a question (headings bold, body as WhatsApp markup when marked so). */
export function contentBlocks(content: readonly FormContent[]): Block[] {
  return content.flatMap((item): Block[] => {
    switch (item.kind) {
      case 'heading':
      case 'subheading':
        return [paragraph(bold(item.text))];
      case 'body':
      case 'caption':
        return item.markdown ? [...toRichText(item.text).blocks] : [paragraph(text(item.text))];
      case 'link':
        return item.action.type === 'openUrl'
          ? [paragraph({ type: 'link', url: item.action.url, children: [text(item.text)] })]
          : [paragraph(text(item.text))];
      default:
        return [];
    }
  });
}

/** The message asking one question: label, helper text, and buttons for choices, yes/no and skip. */
export function questionRequest(stop: Question, context: PromptContext): NativeRequest {
  const { session, item } = stop;
  const { texts } = context;
  const blocks = contentBlocks(stop.preamble);
  const rows: InlineButton[][] = [];
  if (item.kind === 'navigation') {
    blocks.push(paragraph(bold(item.list.name)));
    for (const [index, option] of item.list.items.entries()) {
      rows.push([{ text: option.title, callback_data: stepData(session.step, `o${index}`) }]);
    }
    return messageRequest(blocks, context, rows);
  }
  const field = item.field;
  blocks.push(paragraph(bold(field.label)));
  if (field.helperText !== undefined) blocks.push(paragraph(italic(field.helperText)));
  if (field.type === 'date') blocks.push(paragraph(italic('YYYY-MM-DD')));
  const selection = new Set(session.selection ?? []);
  if (isChoice(field)) {
    for (const [index, option] of (field.options ?? []).entries()) {
      const ticked = field.type === 'multipleChoice' && selection.has(option.id);
      rows.push([
        { text: `${ticked ? '✅ ' : ''}${option.title}`, callback_data: stepData(session.step, `o${index}`) },
      ]);
    }
    if (field.type === 'multipleChoice')
      rows.push([{ text: texts.done, callback_data: stepData(session.step, 'done') }]);
  } else if (field.type === 'optIn') {
    rows.push([
      { text: texts.yes, callback_data: stepData(session.step, 'yes') },
      { text: texts.no, callback_data: stepData(session.step, 'no') },
    ]);
  }
  if (field.required !== true && field.type !== 'optIn') {
    rows.push([{ text: texts.skip, callback_data: stepData(session.step, 'skip') }]);
  }
  return messageRequest(blocks, context, rows);
}

/** The keyboard of a multiple-choice question after a tick, as an edit of its message. */
export function selectionEdit(stop: Question, messageId: number, context: PromptContext): NativeRequest {
  const request = questionRequest(stop, context);
  return {
    method: 'editMessageReplyMarkup',
    body: { message_id: messageId, reply_markup: request.body.reply_markup },
  };
}

/** The summary of every answer with Confirm, Start over and Cancel. */
export function summaryRequest(session: FormSession, context: PromptContext): NativeRequest {
  const { texts } = context;
  const items = fieldsOf(session.form.screens.flatMap((screen) => screen.blocks))
    .filter((field, index, all) => all.findIndex((other) => other.name === field.name) === index)
    .filter((field) => session.answers[field.name] !== undefined)
    .map((field) => ({
      children: [bold(`${field.label}: `), text(display(field, session.answers[field.name], texts))],
    }));
  const blocks: Block[] = [paragraph(bold(texts.summaryTitle))];
  if (items.length > 0) blocks.push({ type: 'list', ordered: false, items });
  return messageRequest(blocks, context, [
    [{ text: texts.confirm, callback_data: stepData(session.step, 'ok') }],
    [
      { text: texts.restart, callback_data: stepData(session.step, 'redo') },
      { text: texts.cancel, callback_data: stepData(session.step, 'no') },
    ],
  ]);
}

/** Whether a field is answered with option buttons. */
export function isChoice(field: FormField): boolean {
  return field.type === 'singleChoice' || field.type === 'dropdown' || field.type === 'multipleChoice';
}

function display(field: FormField, answer: FormAnswer | undefined, texts: FormTexts): string {
  if (answer === undefined) return '—';
  if (typeof answer === 'boolean') return answer ? texts.yes : texts.no;
  const title = (id: string) =>
    (field.options ?? []).find((option: FieldOption) => option.id === id)?.title ?? id;
  if (typeof answer === 'string') return isChoice(field) ? title(answer) : answer;
  return answer.map(title).join(', ');
}

function fieldsOf(blocks: readonly FormBlock[]): FormField[] {
  return blocks.flatMap((block): FormField[] => {
    if (block.kind === 'field') return [block];
    if (block.kind === 'if') return [...fieldsOf(block.then), ...fieldsOf(block.else ?? [])];
    if (block.kind === 'switch') return Object.values(block.cases).flatMap(fieldsOf);
    return [];
  });
}
