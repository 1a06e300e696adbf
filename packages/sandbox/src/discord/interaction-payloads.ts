import { isObject, type JsonObject, objectArray } from './json.js';
import type { DiscordMessageObject, StoredCommand } from './types.js';
import type { CommandOptionValue } from './users.js';
import { ComponentTypes } from './validate-components.js';

/** Interaction types. @see PLATFORMS.md §4.5 */
export const InteractionTypes = {
  ping: 1,
  applicationCommand: 2,
  messageComponent: 3,
  autocomplete: 4,
  modalSubmit: 5,
} as const;

/** Interaction callback (response) types. @see PLATFORMS.md §4.5 */
export const CallbackTypes = {
  pong: 1,
  channelMessageWithSource: 4,
  deferredChannelMessageWithSource: 5,
  deferredUpdateMessage: 6,
  updateMessage: 7,
  autocompleteResult: 8,
  modal: 9,
} as const;

/** Finds the component with `customId` anywhere in a message's component tree. */
export function findComponent(components: readonly unknown[], customId: string): JsonObject | undefined {
  for (const component of components) {
    if (!isObject(component)) continue;
    if (component['custom_id'] === customId) return component;
    const nested = [
      ...(objectArray(component['components']) ?? []),
      ...(isObject(component['accessory']) ? [component['accessory']] : []),
      ...(isObject(component['component']) ? [component['component']] : []),
    ];
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}

/** The `data` of a MESSAGE_COMPONENT interaction for a button press, after checking it can be pressed. */
export function buttonData(message: DiscordMessageObject, customId: string): JsonObject {
  const component = findComponent(message.components, customId);
  if (!component || component['type'] !== ComponentTypes.button)
    throw new Error(`Message ${message.id} has no button with custom_id "${customId}".`);
  if (component['disabled'] === true) throw new Error(`The button "${customId}" is disabled.`);
  return { custom_id: customId, component_type: ComponentTypes.button };
}

/** The `data` of a MESSAGE_COMPONENT interaction for a select, after checking the values are allowed. */
export function selectData(
  message: DiscordMessageObject,
  customId: string,
  values: readonly string[],
): JsonObject {
  const component = findComponent(message.components, customId);
  const type = component?.['type'];
  if (!component || typeof type !== 'number' || ![3, 5, 6, 7, 8].includes(type))
    throw new Error(`Message ${message.id} has no select menu with custom_id "${customId}".`);
  const min = typeof component['min_values'] === 'number' ? component['min_values'] : 1;
  const max = typeof component['max_values'] === 'number' ? component['max_values'] : 1;
  if (values.length < min || values.length > max)
    throw new Error(`The select "${customId}" takes between ${min} and ${max} values.`);
  if (type === ComponentTypes.stringSelect) {
    const allowed = new Set((objectArray(component['options']) ?? []).map((option) => option['value']));
    const unknown = values.find((value) => !allowed.has(value));
    if (unknown !== undefined) throw new Error(`The select "${customId}" has no option "${unknown}".`);
  }
  return { custom_id: customId, component_type: type, values: [...values] };
}

/** Option types of slash-command options that carry a value. */
const OptionTypes = {
  string: 3,
  integer: 4,
  boolean: 5,
  user: 6,
  channel: 7,
  role: 8,
  mentionable: 9,
  number: 10,
};

/** The `data` of an APPLICATION_COMMAND interaction, checked against the registered command. */
export function commandData(
  command: StoredCommand,
  options: Readonly<Record<string, CommandOptionValue>>,
): JsonObject {
  const declared = objectArray(command['options']) ?? [];
  for (const option of declared)
    if (option['required'] === true && options[String(option['name'])] === undefined)
      throw new Error(`The command /${command.name} needs the option "${String(option['name'])}".`);
  const given = Object.entries(options).map(([name, value]) => {
    const option = declared.find((candidate) => candidate['name'] === name);
    if (!option) throw new Error(`The command /${command.name} has no option "${name}".`);
    const type = typeof option['type'] === 'number' ? option['type'] : OptionTypes.string;
    return { name, type, value };
  });
  return {
    id: command.id,
    name: command.name,
    type: command.type,
    ...(given.length === 0 ? {} : { options: given }),
  };
}

/**
 * The `data` of a MODAL_SUBMIT interaction: the modal's structure (action rows or labels) with each
 * text input's `value` (and each select's `values`) taken from `values` by custom id.
 */
export function modalSubmitData(
  modal: JsonObject,
  values: Readonly<Record<string, string | readonly string[]>>,
): JsonObject {
  const used = new Set<string>();
  const answer = (input: JsonObject): JsonObject => {
    const customId = String(input['custom_id']);
    const value = values[customId];
    used.add(customId);
    if (input['type'] === ComponentTypes.textInput) {
      const text = typeof value === 'string' ? value : (value?.join(',') ?? '');
      if (text.length === 0 && input['required'] !== false)
        throw new Error(`The modal field "${customId}" is required.`);
      return { type: ComponentTypes.textInput, custom_id: customId, value: text };
    }
    const picked = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    return { type: input['type'], custom_id: customId, values: picked };
  };
  const components = (objectArray(modal['components']) ?? []).flatMap((component): JsonObject[] => {
    if (component['type'] === ComponentTypes.actionRow)
      return [
        {
          type: ComponentTypes.actionRow,
          components: (objectArray(component['components']) ?? []).map(answer),
        },
      ];
    if (component['type'] === ComponentTypes.label && isObject(component['component']))
      return [{ type: ComponentTypes.label, component: answer(component['component']) }];
    return [];
  });
  const unknown = Object.keys(values).find((key) => !used.has(key));
  if (unknown !== undefined) throw new Error(`The modal has no field "${unknown}".`);
  return { custom_id: modal['custom_id'], components };
}
