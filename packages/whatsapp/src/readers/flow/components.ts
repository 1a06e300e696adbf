import type { FieldOption, FormAction, FormBlock, Media } from '@ferry/core';
import { UNSUPPORTED_FLOW_COMPONENTS } from '@ferry/core';
import { fieldPath } from '../issues.js';
import { arrayOf, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { readFlowAction } from './actions.js';
import type { ScreenContext } from './context.js';
import { exampleOfReference } from './data-source.js';
import { FIELD_COMPONENTS, readField } from './fields.js';

const TEXT_KINDS = {
  TextHeading: 'heading',
  TextSubheading: 'subheading',
  TextBody: 'body',
  TextCaption: 'caption',
} as const;

/** Text of a text component: a string, or (RichText, newer versions) an array of lines. */
function plainTextOf(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const lines = value.filter((line): line is string => typeof line === 'string');
    return lines.length === 0 ? undefined : lines.join('\n');
  }
  return stringOf(value);
}

function imageOf(component: JsonObject, context: ScreenContext, path: string): FormBlock | undefined {
  const source = stringOf(component['src']);
  if (source === undefined) {
    context.state.issues.warning('an Image needs src; it was dropped', { field: fieldPath(path, 'src') });
    return undefined;
  }
  const isReference = source.startsWith('${');
  if (isReference) {
    context.state.issues.warning(`the image comes from ${source} at run time; Ferry keeps the reference`, {
      field: fieldPath(path, 'src'),
    });
  }
  // Flow images are inline base64; JPEG data starts with "/9j/", PNG with "iVBOR".
  const mimeType = source.startsWith('/9j/')
    ? 'image/jpeg'
    : source.startsWith('iVBOR')
      ? 'image/png'
      : undefined;
  const url =
    isReference || source.startsWith('data:') || /^https?:/.test(source)
      ? source
      : `data:${mimeType ?? 'image/png'};base64,${source}`;
  const media: Media = { kind: 'image', source: { url }, ...(mimeType === undefined ? {} : { mimeType }) };
  const altText = stringOf(component['alt-text']);
  return { kind: 'image', media, ...(altText === undefined ? {} : { altText }) };
}

function navigationListOf(
  component: JsonObject,
  context: ScreenContext,
  path: string,
): FormBlock | undefined {
  const name = stringOf(component['name']) ?? `${context.screenId}_navigation`;
  let items: readonly unknown[] = arrayOf(component['list-items']);
  const source = component['list-items'];
  if (typeof source === 'string') {
    const example = exampleOfReference(source, context);
    items = arrayOf(example);
    context.state.issues.warning(
      Array.isArray(example)
        ? `the list items come from ${source} at run time; the screen data's __example__ items were imported instead`
        : `the list items come from ${source} at run time and the screen data gives no __example__; the list is empty`,
      { field: fieldPath(path, 'list-items') },
    );
  }
  const listAction = component['on-click-action'];
  const read: (FieldOption & { readonly action: FormAction })[] = [];
  items.forEach((item, index) => {
    const itemPath = fieldPath(path, 'list-items', index);
    if (!isObject(item)) return;
    const id = textOf(item['id']);
    const content = item['main-content'];
    const title = isObject(content) ? stringOf(content['title']) : stringOf(item['title']);
    const description = isObject(content) ? stringOf(content['description']) : undefined;
    const actionValue = item['on-click-action'] ?? listAction;
    const action = readFlowAction(actionValue, context, fieldPath(itemPath, 'on-click-action'));
    if (id === undefined || title === undefined || action === undefined) {
      context.state.issues.warning('a list item needs an id, a title and an action; it was dropped', {
        field: itemPath,
      });
      return;
    }
    read.push({ id, title, ...(description === undefined ? {} : { description }), action });
  });
  return { kind: 'navigationList', name, items: read };
}

function setSubmit(component: JsonObject, context: ScreenContext, path: string): void {
  const label = stringOf(component['label']) ?? 'Continue';
  const action = readFlowAction(component['on-click-action'], context, fieldPath(path, 'on-click-action'));
  if (action === undefined) return;
  const current = context.footer.submit;
  if (current === undefined) {
    context.footer.submit = { label, action, field: path };
    return;
  }
  const same = current.label === label && JSON.stringify(current.action) === JSON.stringify(action);
  if (!same) {
    context.state.issues.warning(
      `screen ${context.screenId} has footers that differ by condition; the first one (${current.field}) is used`,
      { field: path },
    );
  }
}

/** A component shown only on a condition: the reader keeps it and says that it may show more than WhatsApp did. */
function warnDynamicVisibility(component: JsonObject, context: ScreenContext, path: string): void {
  const visible = component['visible'];
  if (typeof visible === 'string') {
    context.state.issues.warning(
      `visibility condition ${visible} is not carried; the component is always shown`,
      {
        field: fieldPath(path, 'visible'),
      },
    );
  }
}

function readComponent(
  component: unknown,
  context: ScreenContext,
  path: string,
  textAbove: string | undefined,
): FormBlock[] {
  const { issues } = context.state;
  if (!isObject(component)) {
    issues.warning('a component must be an object; it was dropped', { field: path });
    return [];
  }
  const type = stringOf(component['type']) ?? '(none)';
  if (component['visible'] === false) return [];
  warnDynamicVisibility(component, context, path);

  if (type === 'Form') {
    const initValues = component['init-values'];
    const inner: ScreenContext = {
      ...context,
      initValues: isObject(initValues) ? initValues : context.initValues,
    };
    return readChildren(component['children'], inner, fieldPath(path, 'children'));
  }
  if (type in TEXT_KINDS) {
    const text = plainTextOf(component['text']);
    if (text === undefined) return [];
    const kind = TEXT_KINDS[type as keyof typeof TEXT_KINDS];
    return [{ kind, text, ...(component['markdown'] === true ? { markdown: true } : {}) }];
  }
  if (type === 'RichText') {
    const text = plainTextOf(component['text']);
    issues.warning('RichText is carried as formatted body text; tables and images inside it may be lost', {
      field: path,
    });
    return text === undefined ? [] : [{ kind: 'body', text, markdown: true }];
  }
  if (FIELD_COMPONENTS.has(type)) {
    const field = readField(component, type, context, path, textAbove);
    return field === undefined ? [] : [field];
  }
  if (type === 'Footer') {
    setSubmit(component, context, path);
    return [];
  }
  if (type === 'EmbeddedLink') {
    const text = stringOf(component['text']);
    const action = readFlowAction(component['on-click-action'], context, fieldPath(path, 'on-click-action'));
    return text === undefined || action === undefined ? [] : [{ kind: 'link', text, action }];
  }
  if (type === 'Image') {
    const image = imageOf(component, context, path);
    return image === undefined ? [] : [image];
  }
  if (type === 'ImageCarousel') {
    issues.warning('ImageCarousel becomes a row of separate images: the targets have no carousel', {
      field: path,
    });
    return arrayOf(component['images']).flatMap((image, index) => {
      const read = isObject(image) ? imageOf(image, context, fieldPath(path, 'images', index)) : undefined;
      return read === undefined ? [] : [read];
    });
  }
  if (type === 'If') {
    const condition = stringOf(component['condition']) ?? 'true';
    const then = readChildren(component['then'], context, fieldPath(path, 'then'));
    const otherwise =
      component['else'] === undefined
        ? undefined
        : readChildren(component['else'], context, fieldPath(path, 'else'));
    return [{ kind: 'if', condition, then, ...(otherwise === undefined ? {} : { else: otherwise }) }];
  }
  if (type === 'Switch') {
    const value = stringOf(component['value']) ?? '';
    const cases: Record<string, readonly FormBlock[]> = {};
    const rawCases = component['cases'];
    if (isObject(rawCases)) {
      for (const [key, children] of Object.entries(rawCases)) {
        cases[key] = readChildren(children, context, fieldPath(path, 'cases', key));
      }
    }
    return [{ kind: 'switch', value, cases }];
  }
  if (type === 'NavigationList') {
    const list = navigationListOf(component, context, path);
    return list === undefined ? [] : [list];
  }
  const unsupported = UNSUPPORTED_FLOW_COMPONENTS[type];
  issues.warning(
    unsupported === undefined
      ? `Flow component "${type}" is not known to Ferry; it was dropped`
      : `${type} dropped: ${unsupported}`,
    { field: fieldPath(path, 'type') },
  );
  return [];
}

/** Reads a `children` array (a screen layout, a Form, an If branch) into form blocks, in order. */
export function readChildren(children: unknown, context: ScreenContext, path: string): FormBlock[] {
  const blocks: FormBlock[] = [];
  arrayOf(children).forEach((child, index) => {
    const previous = blocks[blocks.length - 1];
    const textAbove =
      previous !== undefined && 'text' in previous && previous.kind !== 'link' ? previous.text : undefined;
    blocks.push(...readComponent(child, context, fieldPath(path, index), textAbove));
  });
  return blocks;
}
