import type { FormAction, FormBlock, FormField, NavigationList } from '@ferry/core';

/** `view.state.values`: `{ [block_id]: { [action_id]: element state } }`. */
export type ViewStateValues = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** What one submitted screen gave: answers by field name, per-block errors, and a chosen navigation item. */
export interface ScreenAnswers {
  readonly answers: Record<string, unknown>;
  readonly errors: Record<string, string>;
  readonly navigation?: FormAction;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function optionValue(option: unknown): string | undefined {
  const value = record(option)?.['value'];
  return typeof value === 'string' ? value : undefined;
}

/** The raw value of one element state (text, date, option value or values). */
function elementValue(state: Record<string, unknown>): string | string[] | undefined {
  if (Array.isArray(state['selected_options'])) {
    return state['selected_options'].map(optionValue).filter((value): value is string => value !== undefined);
  }
  if ('selected_option' in state) return optionValue(state['selected_option']);
  if (typeof state['selected_date'] === 'string') return state['selected_date'];
  return typeof state['value'] === 'string' ? state['value'] : undefined;
}

/** A field's typed answer, and a message when it does not validate (Slack checks required and lengths itself). */
function fieldAnswer(
  field: FormField,
  raw: string | string[] | undefined,
  restore: (id: string) => string,
): { value?: unknown; error?: string } {
  if (field.type === 'optIn') return { value: Array.isArray(raw) && raw.length > 0 };
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return {};
  if (Array.isArray(raw)) {
    const values = raw.map(restore);
    if (field.minSelected !== undefined && values.length < field.minSelected) {
      return { error: `Choose at least ${field.minSelected}.` };
    }
    if (field.maxSelected !== undefined && values.length > field.maxSelected) {
      return { error: `Choose at most ${field.maxSelected}.` };
    }
    return { value: values };
  }
  switch (field.type) {
    case 'number': {
      const value = Number(raw);
      return Number.isFinite(value) ? { value } : { error: 'Enter a number.' };
    }
    case 'phone':
      return /^\+?[0-9][0-9 ().-]{5,19}$/.test(raw.trim())
        ? { value: raw.trim() }
        : { error: 'Enter a phone number.' };
    case 'passcode':
      return /^[0-9]+$/.test(raw.trim()) ? { value: raw.trim() } : { error: 'Enter digits only.' };
    case 'date':
      if (typeof field.min === 'string' && raw < field.min) return { error: `Choose ${field.min} or later.` };
      if (typeof field.max === 'string' && raw > field.max)
        return { error: `Choose ${field.max} or earlier.` };
      return { value: raw };
    case 'singleChoice':
    case 'dropdown':
      return { value: restore(raw) };
    default:
      return { value: raw };
  }
}

/**
 * Reads a submitted screen's answers from `view.state.values` for the blocks the user saw;
 * option ids shortened for Slack come back through `restore`.
 */
export function readScreenAnswers(
  blocks: readonly FormBlock[],
  values: ViewStateValues,
  restore: (id: string) => string,
): ScreenAnswers {
  const answers: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  let navigation: FormAction | undefined;
  for (const block of blocks) {
    if (block.kind !== 'field' && block.kind !== 'navigationList') continue;
    const state = record(values[block.name]?.[block.name]);
    const raw = state === undefined ? undefined : elementValue(state);
    if (block.kind === 'navigationList') {
      navigation = chosenItem(block, raw, restore)?.action ?? navigation;
      continue;
    }
    const { value, error } = fieldAnswer(block, raw, restore);
    if (error !== undefined) errors[block.name] = error;
    else if (value !== undefined) answers[block.name] = value;
  }
  return navigation === undefined ? { answers, errors } : { answers, errors, navigation };
}

function chosenItem(
  list: NavigationList,
  raw: string | string[] | undefined,
  restore: (id: string) => string,
) {
  if (typeof raw !== 'string') return undefined;
  const id = restore(raw);
  return list.items.find((item) => item.id === id || item.id === raw);
}
