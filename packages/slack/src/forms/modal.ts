import type { FidelityNote, FieldOption, Form, FormBlock, FormField, FormScreen } from '@ferry/core';
import { toMrkdwn } from '../format/mrkdwn.js';
import { type BlockObject, mrkdwnSection, plainText } from '../render/blocks.js';
import { CALLBACK_IDS } from '../render/ids.js';
import { evaluateCondition, type FormScope } from './expressions.js';

/**
 * Radio buttons and checkboxes hold at most 10 options; longer lists become selects. Not in
 * PLATFORMS.md: `@slack/types` (block-elements.d.ts, Checkboxes and RadioButtons `options`).
 */
const MAX_TOGGLE_OPTIONS = 10;
/** @see PLATFORMS.md §3.2 (section text ≤3000, header ≤150) */
const SECTION_MAX = 3000;
const HEADER_MAX = 150;

/** The screen a form starts on. */
export function firstScreen(form: Form): FormScreen | undefined {
  return form.screens.find((screen) => screen.id === form.start) ?? form.screens[0];
}

/**
 * The `views.open` / `views.push` view for one screen of a form already fitted by core: inputs
 * mapped by type (plain_text_input, number_input, email_text_input, datepicker, radio_buttons,
 * checkboxes, selects), static content as header/section/context/image blocks, the session id in
 * `private_metadata`.
 * @see PLATFORMS.md §3.2 (100 blocks per modal; placeholder 150; option text 75)
 */
export function formModal(
  form: Form,
  screen: FormScreen,
  sessionId: string,
  scope: FormScope,
  notes: FidelityNote[] = [],
  path = `form.screens[${form.screens.indexOf(screen)}]`,
): BlockObject {
  const blocks = visibleBlocks(screen.blocks, scope, notes, `${path}.blocks`).flatMap((entry) =>
    blockFor(entry.block, entry.path, notes),
  );
  const title = screen.title ?? form.title ?? 'Form';
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.form,
    private_metadata: sessionId,
    title: plainText(title.slice(0, 24)),
    submit: plainText((screen.submit?.label ?? (screen.terminal ? 'Submit' : 'Next')).slice(0, 24)),
    close: plainText('Cancel'),
    blocks,
  };
}

/** The blocks of a screen a user sees given the answers so far (`if` / `switch` decided when possible). */
export function visibleBlocks(
  blocks: readonly FormBlock[],
  scope: FormScope,
  notes: FidelityNote[],
  path: string,
): { block: FormBlock; path: string }[] {
  return blocks.flatMap((block, index) => {
    const at = `${path}[${index}]`;
    if (block.kind === 'if') {
      const decided = evaluateCondition(block.condition, scope);
      if (decided === undefined) {
        notes.push({
          severity: 'degraded',
          path: at,
          reason: `Slack modals cannot show blocks conditionally: the condition "${block.condition}" is not decidable when the view opens, so its "then" branch is shown.`,
        });
      }
      const branch = decided === false ? (block.else ?? []) : block.then;
      return visibleBlocks(branch, scope, notes, `${at}.${decided === false ? 'else' : 'then'}`);
    }
    if (block.kind === 'switch') {
      const value = String(evaluateSwitch(block.value, scope) ?? '');
      const key = value in block.cases ? value : Object.keys(block.cases)[0];
      if (!(value in block.cases)) {
        notes.push({
          severity: 'degraded',
          path: at,
          reason: `Slack modals cannot switch on "${block.value}" as the user types: the first case is shown.`,
        });
      }
      return key === undefined
        ? []
        : visibleBlocks(block.cases[key] ?? [], scope, notes, `${at}.cases.${key}`);
    }
    return [{ block, path: at }];
  });
}

function evaluateSwitch(value: string, scope: FormScope): unknown {
  const match = /^\$\{(form|data)\.([A-Za-z0-9_.-]+)\}$/.exec(value.trim());
  if (!match) return undefined;
  return match[1] === 'form' ? scope.answers[match[2] ?? ''] : scope.data[match[2] ?? ''];
}

function cut(text: string, max: number, path: string, notes: FidelityNote[]): string {
  if (text.length <= max) return text;
  notes.push({ severity: 'degraded', path, reason: `Slack shows at most ${max} characters here: cut.` });
  return `${text.slice(0, max - 1)}…`;
}

function blockFor(block: FormBlock, path: string, notes: FidelityNote[]): BlockObject[] {
  switch (block.kind) {
    case 'field':
      if (
        (block.type === 'singleChoice' || block.type === 'multipleChoice') &&
        (block.options?.length ?? 0) > MAX_TOGGLE_OPTIONS
      ) {
        notes.push({
          severity: 'info',
          path,
          reason: `Slack radio buttons and checkboxes hold ${MAX_TOGGLE_OPTIONS} options: shown as a select menu.`,
        });
      }
      return [inputBlock(block)];
    case 'heading':
      return [{ type: 'header', text: plainText(cut(block.text, HEADER_MAX, path, notes)) }];
    case 'subheading':
      return [mrkdwnSection(cut(`*${toMrkdwn(block.text)}*`, SECTION_MAX, path, notes))];
    case 'body':
      return [mrkdwnSection(cut(toMrkdwn(block.text), SECTION_MAX, path, notes))];
    case 'caption':
      return [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: cut(toMrkdwn(block.text), SECTION_MAX, path, notes) }],
        },
      ];
    case 'image':
      if ('url' in block.media.source) {
        return [{ type: 'image', image_url: block.media.source.url, alt_text: block.altText ?? 'image' }];
      }
      notes.push({
        severity: 'lost',
        path,
        reason: 'A Slack image block needs a public URL: the image is dropped.',
      });
      return [];
    case 'link':
      if (block.action.type === 'openUrl') {
        return [
          {
            ...mrkdwnSection(cut(toMrkdwn(block.text), SECTION_MAX, path, notes)),
            accessory: {
              type: 'button',
              text: plainText('Open'),
              url: block.action.url,
              action_id: `ferry:url:${path}`.slice(0, 255),
            },
          },
        ];
      }
      notes.push({
        severity: 'degraded',
        path,
        reason: 'Slack modals cannot navigate from a link: shown as text; the screen submit navigates.',
      });
      return [mrkdwnSection(cut(toMrkdwn(block.text), SECTION_MAX, path, notes))];
    case 'navigationList':
      return [
        {
          type: 'input',
          block_id: block.name,
          label: plainText('Choose'),
          element: choiceElement(block.name, block.items, false),
        },
      ];
    default:
      return [];
  }
}

function option(item: FieldOption): BlockObject {
  return {
    text: plainText(item.title),
    value: item.id,
    ...(item.description === undefined ? {} : { description: plainText(item.description) }),
  };
}

function choiceElement(
  actionId: string,
  options: readonly FieldOption[],
  many: boolean,
  initial?: FormField['initial'],
): BlockObject {
  const toggles = options.length <= MAX_TOGGLE_OPTIONS;
  const type = many
    ? toggles
      ? 'checkboxes'
      : 'multi_static_select'
    : toggles
      ? 'radio_buttons'
      : 'static_select';
  const built = options.map(option);
  const chosen = (
    Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : []
  ) as readonly string[];
  const initialOptions = built.filter((item) => chosen.includes(String(item['value'])));
  return {
    type,
    action_id: actionId,
    options: built,
    ...(type.includes('select') ? { placeholder: plainText('Choose') } : {}),
    ...(initialOptions.length === 0
      ? {}
      : many
        ? { initial_options: initialOptions }
        : { initial_option: initialOptions[0] }),
  };
}

/** The input element for one field type. */
function fieldElement(field: FormField): BlockObject {
  const name = field.name;
  const initialText = typeof field.initial === 'string' ? { initial_value: field.initial } : {};
  const lengths = {
    ...(field.minLength === undefined ? {} : { min_length: field.minLength }),
    ...(field.maxLength === undefined ? {} : { max_length: field.maxLength }),
  };
  switch (field.type) {
    case 'longText':
      return {
        type: 'plain_text_input',
        action_id: name,
        multiline: true,
        ...lengths,
        ...initialText,
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: name,
        is_decimal_allowed: true,
        ...(field.min === undefined ? {} : { min_value: String(field.min) }),
        ...(field.max === undefined ? {} : { max_value: String(field.max) }),
        ...initialText,
      };
    case 'email':
      return { type: 'email_text_input', action_id: name, ...initialText };
    case 'date':
      return {
        type: 'datepicker',
        action_id: name,
        ...(typeof field.initial === 'string' ? { initial_date: field.initial } : {}),
      };
    case 'singleChoice':
      return choiceElement(name, field.options ?? [], false, field.initial);
    case 'dropdown':
      return {
        ...choiceElement(name, field.options ?? [], false, field.initial),
        type: 'static_select',
        placeholder: plainText('Choose'),
      };
    case 'multipleChoice': {
      const element = choiceElement(name, field.options ?? [], true, field.initial);
      return element['type'] === 'multi_static_select' && field.maxSelected !== undefined
        ? { ...element, max_selected_items: field.maxSelected }
        : element;
    }
    case 'optIn':
      return {
        type: 'checkboxes',
        action_id: name,
        options: [{ text: plainText(field.label), value: 'yes' }],
        ...(field.initial === true
          ? { initial_options: [{ text: plainText(field.label), value: 'yes' }] }
          : {}),
      };
    default:
      // shortText, phone, password, passcode: a one-line text input, validated on submit.
      return { type: 'plain_text_input', action_id: name, ...lengths, ...initialText };
  }
}

function inputBlock(field: FormField): BlockObject {
  return {
    type: 'input',
    block_id: field.name,
    label: plainText(field.label),
    optional: field.required !== true,
    element: fieldElement(field),
    ...(field.helperText === undefined || field.type === 'optIn'
      ? {}
      : { hint: plainText(field.helperText) }),
  };
}
