import type { FormBlock, FormField, FormScreen } from '@ferry/core';
import { ComponentType, TextInputStyle } from 'discord.js';
import { CustomIds } from '../format/custom-ids.js';

/** A modal as sent in an interaction response of type 9 (`data`). */
export interface ModalJson {
  readonly custom_id: string;
  readonly title: string;
  readonly components: readonly Readonly<Record<string, unknown>>[];
}

/** Text input placeholder ≤100. @see PLATFORMS.md §4.2 (Components) */
const PLACEHOLDER_MAX = 100;
/** Modal title ≤45. @see PLATFORMS.md §4.2 (Components) */
const TITLE_MAX = 45;
/** Text input value and max_length ≤4000. @see PLATFORMS.md §4.2 (Components) */
const TEXT_INPUT_MAX = 4000;

/**
 * One view (fitted screen) of a form as a Discord modal: text fields as text inputs, other field
 * types as short text inputs whose placeholder says what to type (checked on submit), and static
 * content as text displays. `fit` already holds each view to 5 components and labels to 45.
 * @see PLATFORMS.md §4.2 (modal: title ≤45, 1–5 components; text input placeholder ≤100)
 */
export function renderModal(
  screen: FormScreen,
  formTitle: string | undefined,
  formKey: string,
  index: number,
): ModalJson {
  const components = viewBlocks(screen.blocks).flatMap(blockComponent);
  const title = (screen.title ?? formTitle ?? 'Form').slice(0, TITLE_MAX);
  return {
    custom_id: CustomIds.formModal(formKey, index),
    title,
    components: components.length > 0 ? components : [textDisplay(title)],
  };
}

/** The blocks a modal shows: conditionals flattened to their first branch (a modal cannot react to answers). */
export function viewBlocks(blocks: readonly FormBlock[]): FormBlock[] {
  return blocks.flatMap((block): FormBlock[] => {
    if (block.kind === 'if') return viewBlocks(block.then);
    if (block.kind === 'switch') return viewBlocks(Object.values(block.cases)[0] ?? []);
    return [block];
  });
}

/** The fields of a view, in order (a navigation list counts as a choice field). */
export function viewFields(blocks: readonly FormBlock[]): FormField[] {
  return viewBlocks(blocks).flatMap((block): FormField[] => {
    if (block.kind === 'field') return [block];
    if (block.kind === 'navigationList') {
      return [
        { kind: 'field', name: block.name, type: 'singleChoice', label: block.name, options: block.items },
      ];
    }
    return [];
  });
}

function blockComponent(block: FormBlock): Readonly<Record<string, unknown>>[] {
  switch (block.kind) {
    case 'field':
      return [textInput(block)];
    case 'navigationList':
      return viewFields([block]).map(textInput);
    case 'heading':
      return [textDisplay(`## ${block.text}`)];
    case 'subheading':
      return [textDisplay(`### ${block.text}`)];
    case 'body':
      return [textDisplay(block.text)];
    case 'caption':
      return [textDisplay(`-# ${block.text}`)];
    case 'link':
      return [
        textDisplay(block.action.type === 'openUrl' ? `[${block.text}](${block.action.url})` : block.text),
      ];
    case 'image':
      return 'url' in block.media.source ? [textDisplay(block.altText ?? block.media.source.url)] : [];
    default:
      return [];
  }
}

function textDisplay(content: string): Readonly<Record<string, unknown>> {
  return { type: ComponentType.TextDisplay, content };
}

function textInput(field: FormField): Readonly<Record<string, unknown>> {
  const placeholder = placeholderOf(field);
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  const input = {
    type: ComponentType.TextInput,
    custom_id: field.name,
    label: field.label,
    style: field.type === 'longText' ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: field.required ?? false,
    ...(field.minLength === undefined ? {} : { min_length: field.minLength }),
    ...(field.maxLength === undefined ? {} : { max_length: field.maxLength }),
    ...(placeholder === undefined ? {} : { placeholder: placeholder.slice(0, PLACEHOLDER_MAX) }),
    ...(initial === undefined ? {} : { value: initial.slice(0, TEXT_INPUT_MAX) }),
  };
  return { type: ComponentType.ActionRow, components: [input] };
}

function placeholderOf(field: FormField): string | undefined {
  switch (field.type) {
    case 'singleChoice':
    case 'dropdown':
      return `One of: ${(field.options ?? []).map((option) => option.title).join(', ')}`;
    case 'multipleChoice':
      return `Comma-separated: ${(field.options ?? []).map((option) => option.title).join(', ')}`;
    case 'date':
      return field.helperText ?? 'YYYY-MM-DD';
    case 'optIn':
      return 'yes or no';
    case 'email':
      return field.helperText ?? 'name@example.com';
    default:
      return field.helperText;
  }
}
