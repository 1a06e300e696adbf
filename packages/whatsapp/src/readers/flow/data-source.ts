import type { FieldOption } from '@ferry/core';
import { fieldPath } from '../issues.js';
import { arrayOf, isObject, stringOf, textOf } from '../values.js';
import type { ScreenContext } from './context.js';

const DATA_REFERENCE = /^\$\{data\.([A-Za-z0-9_]+)\}$/;

/** The `__example__` of a `${data.x}` reference in the screen's data, when the flow gives one. */
export function exampleOfReference(reference: string, context: ScreenContext): unknown {
  const key = DATA_REFERENCE.exec(reference.trim())?.[1];
  if (key === undefined) return undefined;
  const entry = context.data?.[key];
  return isObject(entry) ? entry['__example__'] : undefined;
}

function optionOf(value: unknown, context: ScreenContext, path: string): FieldOption | undefined {
  if (!isObject(value)) {
    context.state.issues.warning('an option must be an object with id and title; it was dropped', {
      field: path,
    });
    return undefined;
  }
  const id = textOf(value['id']);
  const title = stringOf(value['title']);
  if (id === undefined || title === undefined) {
    context.state.issues.warning('an option needs an id and a title; it was dropped', { field: path });
    return undefined;
  }
  const description = stringOf(value['description']);
  return { id, title, ...(description === undefined ? {} : { description }) };
}

/**
 * Reads a choice component's `data-source`: a static array, or a `${data.x}` reference resolved to the
 * screen data's `__example__` (the real options arrive at run time, so either way the user is told).
 * @see PLATFORMS.md §1.4 "Components" (`data-source[]{id,title}`)
 */
export function readDataSource(value: unknown, context: ScreenContext, path: string): FieldOption[] {
  let items: readonly unknown[];
  let itemsPath = path;
  if (typeof value === 'string') {
    const example = exampleOfReference(value, context);
    if (!Array.isArray(example)) {
      context.state.issues.warning(
        `the options come from ${value} at run time and the screen data gives no __example__; the field has no options`,
        { field: path },
      );
      return [];
    }
    context.state.issues.warning(
      `the options come from ${value} at run time; the screen data's __example__ options were imported instead`,
      { field: path },
    );
    items = example;
    itemsPath = `screens(${context.screenId}).data.${value.slice(7, -1)}.__example__`;
  } else {
    items = arrayOf(value);
  }
  return items
    .map((item, index) => optionOf(item, context, fieldPath(itemsPath, index)))
    .filter((option): option is FieldOption => option !== undefined);
}
