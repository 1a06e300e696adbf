import type { FieldType, FormField } from '@ferry/core';
import { fieldPath } from '../issues.js';
import { type JsonObject, numberOf, stringOf } from '../values.js';
import { readFlowAction } from './actions.js';
import type { ScreenContext } from './context.js';
import { readDataSource } from './data-source.js';

const INPUT_TYPES: Readonly<Record<string, FieldType>> = {
  text: 'shortText',
  number: 'number',
  email: 'email',
  password: 'password',
  passcode: 'passcode',
  phone: 'phone',
};

const CHOICE_TYPES: Readonly<Record<string, FieldType>> = {
  CheckboxGroup: 'multipleChoice',
  RadioButtonsGroup: 'singleChoice',
  Dropdown: 'dropdown',
  ChipsSelector: 'multipleChoice',
};

/** The components read by {@link readField}. */
export const FIELD_COMPONENTS: ReadonlySet<string> = new Set([
  'TextInput',
  'TextArea',
  'DatePicker',
  'CalendarPicker',
  'OptIn',
  ...Object.keys(CHOICE_TYPES),
]);

/** A whole number of a static property; a `${…}` reference is reported and ignored. */
function staticNumber(
  component: JsonObject,
  key: string,
  context: ScreenContext,
  path: string,
): number | undefined {
  const value = component[key];
  if (value === undefined) return undefined;
  const number = numberOf(value);
  if (number === undefined) {
    context.state.issues.warning(`${key} is not a fixed number (${String(value)}); it was not carried`, {
      field: fieldPath(path, key),
    });
  }
  return number;
}

function staticDate(component: JsonObject, key: string): string | undefined {
  const value = stringOf(component[key]);
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

function initialOf(component: JsonObject, name: string, context: ScreenContext): FormField['initial'] {
  const value = component['init-value'] ?? context.initValues?.[name];
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

function typeOf(component: JsonObject, type: string, context: ScreenContext, path: string): FieldType {
  if (type === 'TextInput') {
    const inputType = stringOf(component['input-type']) ?? 'text';
    const mapped = INPUT_TYPES[inputType];
    if (mapped === undefined) {
      context.state.issues.warning(
        `input-type "${inputType}" is not known to Ferry; the field asks for plain text`,
        {
          field: fieldPath(path, 'input-type'),
        },
      );
    }
    return mapped ?? 'shortText';
  }
  if (type === 'TextArea') return 'longText';
  if (type === 'DatePicker' || type === 'CalendarPicker') return 'date';
  if (type === 'OptIn') return 'optIn';
  return CHOICE_TYPES[type] ?? 'shortText';
}

function warnApproximations(component: JsonObject, type: string, context: ScreenContext, path: string): void {
  const { issues } = context.state;
  if (type === 'CalendarPicker') {
    const range = component['mode'] === 'range';
    issues.warning(
      range
        ? 'CalendarPicker in range mode becomes a single date field: the targets ask for one date at a time'
        : 'CalendarPicker becomes a plain date field: the targets show no calendar and cannot grey out unavailable dates',
      { field: path },
    );
  }
  if (type === 'ChipsSelector') {
    issues.warning('ChipsSelector becomes a multiple-choice field: the targets show no chips', {
      field: path,
    });
  }
  if (type === 'OptIn' && component['on-click-action'] !== undefined) {
    const action = readFlowAction(component['on-click-action'], context, fieldPath(path, 'on-click-action'));
    if (action !== undefined) {
      issues.warning(
        'the opt-in\'s "Read more" link is not carried: a form field has no link; put the terms in the field label or a text block',
        { field: fieldPath(path, 'on-click-action') },
      );
    }
  }
  for (const key of ['on-select-action', 'on-unselect-action']) {
    if (component[key] === undefined) continue;
    const action = readFlowAction(component[key], context, fieldPath(path, key));
    if (action !== undefined && action.type !== 'dataExchange') {
      issues.warning(`${key} is not carried: the targets cannot act while a field is being filled in`, {
        field: fieldPath(path, key),
      });
    }
  }
}

/**
 * Reads an input component (TextInput, TextArea, choices, dates, OptIn) into a form field.
 * `label` falls back to the text just above the field, then to its name (Meta's survey sample has
 * unlabelled radio groups under subheadings).
 * @see PLATFORMS.md §1.4 "Components"
 */
export function readField(
  component: JsonObject,
  type: string,
  context: ScreenContext,
  path: string,
  textAbove: string | undefined,
): FormField | undefined {
  const name = stringOf(component['name']);
  if (name === undefined) {
    context.state.issues.warning(`${type} has no name, so its answer could not be stored; it was dropped`, {
      field: fieldPath(path, 'name'),
    });
    return undefined;
  }
  const fieldType = typeOf(component, type, context, path);
  warnApproximations(component, type, context, path);
  const label = stringOf(component['label']) ?? textAbove ?? name;
  const required = component['required'];
  const helperText = stringOf(component['helper-text']) ?? stringOf(component['description']);
  const minLength = staticNumber(component, 'min-chars', context, path);
  const maxLength = staticNumber(component, type === 'TextArea' ? 'max-length' : 'max-chars', context, path);
  const minSelected = staticNumber(component, 'min-selected-items', context, path);
  const maxSelected = staticNumber(component, 'max-selected-items', context, path);
  const min = staticDate(component, 'min-date');
  const max = staticDate(component, 'max-date');
  const isChoice = CHOICE_TYPES[type] !== undefined;
  const options = isChoice
    ? readDataSource(component['data-source'], context, fieldPath(path, 'data-source'))
    : undefined;
  const initial = initialOf(component, name, context);
  return {
    kind: 'field',
    name,
    type: fieldType,
    label,
    ...(typeof required === 'boolean' ? { required } : {}),
    ...(helperText === undefined ? {} : { helperText }),
    ...(minLength === undefined ? {} : { minLength }),
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(options === undefined ? {} : { options }),
    ...(minSelected === undefined ? {} : { minSelected }),
    ...(maxSelected === undefined ? {} : { maxSelected }),
    ...(initial === undefined ? {} : { initial }),
  };
}
