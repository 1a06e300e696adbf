import { isRecord, stringField, textOf } from './json.js';

/** What a simulated user enters in a modal, keyed by `action_id` (or `block_id`). */
export type SlackViewValues = Readonly<Record<string, string | readonly string[]>>;

function findOption(element: Record<string, unknown>, value: string): Record<string, unknown> | undefined {
  const options: unknown[] = [];
  if (Array.isArray(element['options'])) options.push(...element['options']);
  if (Array.isArray(element['option_groups']))
    for (const group of element['option_groups'])
      if (isRecord(group) && Array.isArray(group['options'])) options.push(...group['options']);
  const found = options.find((option) => isRecord(option) && option['value'] === value);
  return isRecord(found) ? found : undefined;
}

/** An option as Slack echoes it in payloads (`text` + `value`). */
export function optionOf(element: Record<string, unknown>, value: string): Record<string, unknown> {
  const option = findOption(element, value);
  if (!option) {
    const actionId = String(element['action_id']);
    throw new Error(`The element "${actionId}" has no option with value "${value}".`);
  }
  return { text: option['text'], value: option['value'] };
}

function elementState(
  element: Record<string, unknown>,
  entered: string | readonly string[] | undefined,
): unknown {
  const type = String(element['type']);
  const single = typeof entered === 'string' ? entered : entered?.[0];
  const many = entered === undefined ? [] : typeof entered === 'string' ? [entered] : [...entered];
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: single === undefined ? null : optionOf(element, single) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: many.map((value) => optionOf(element, value)) };
    case 'users_select':
      return { type, selected_user: single ?? null };
    case 'multi_users_select':
      return { type, selected_users: many };
    case 'conversations_select':
      return { type, selected_conversation: single ?? null };
    case 'channels_select':
      return { type, selected_channel: single ?? null };
    case 'datepicker':
      return { type, selected_date: single ?? null };
    case 'timepicker':
      return { type, selected_time: single ?? null };
    default:
      return { type, value: single ?? null };
  }
}

/**
 * Builds `view.state.values` (`{ [block_id]: { [action_id]: state } }`) from what the user entered;
 * every input block appears, empty ones with null. Unknown keys throw (a mistake in the test).
 */
export function buildViewStateValues(
  blocks: readonly unknown[],
  values: SlackViewValues,
): Record<string, unknown> {
  const result: Record<string, Record<string, unknown>> = {};
  const used = new Set<string>();
  for (const { blockId, element, blockType } of findElements(blocks)) {
    const actionId = String(element['action_id']);
    const key =
      actionId in values ? actionId : blockId !== undefined && blockId in values ? blockId : undefined;
    if (key === undefined && blockType !== 'input') continue;
    if (key !== undefined) used.add(key);
    const blockKey = blockId ?? '';
    result[blockKey] = {
      ...result[blockKey],
      [actionId]: elementState(element, key === undefined ? undefined : values[key]),
    };
  }
  const unknown = Object.keys(values).filter((key) => !used.has(key));
  if (unknown.length > 0) throw new Error(`The view has no input for: ${unknown.join(', ')}.`);
  return result;
}

/** The label of an element (for `actions[].text` in payloads). */
export function elementText(element: Record<string, unknown>): Record<string, unknown> | undefined {
  const text = element['text'];
  return isRecord(text) && textOf(text) !== undefined ? text : undefined;
}

/** Every interactive element of a block list, with the block it sits in (for interactivity payloads). */
export function findElements(
  blocks: readonly unknown[],
): { blockId: string | undefined; element: Record<string, unknown>; blockType: string | undefined }[] {
  const found: {
    blockId: string | undefined;
    element: Record<string, unknown>;
    blockType: string | undefined;
  }[] = [];
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const blockId = stringField(block, 'block_id');
    const blockType = stringField(block, 'type');
    const candidates: unknown[] = [];
    if (Array.isArray(block['elements'])) candidates.push(...block['elements']);
    if (block['accessory'] !== undefined) candidates.push(block['accessory']);
    if (block['element'] !== undefined) candidates.push(block['element']);
    for (const element of candidates) {
      if (isRecord(element) && typeof element['action_id'] === 'string')
        found.push({ blockId, element, blockType });
    }
  }
  return found;
}
