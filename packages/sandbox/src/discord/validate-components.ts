import { badLength, type FormErrors, maxLength, required } from './errors.js';
import { isObject, type JsonObject, objectArray, textLength } from './json.js';

type Path = (string | number)[];

/** Component type numbers the emulator knows. @see PLATFORMS.md §4.2 */
export const ComponentTypes = {
  actionRow: 1,
  button: 2,
  stringSelect: 3,
  textInput: 4,
  userSelect: 5,
  roleSelect: 6,
  mentionableSelect: 7,
  channelSelect: 8,
  section: 9,
  textDisplay: 10,
  container: 17,
  label: 18,
} as const;

const SELECT_TYPES = new Set<unknown>([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

const duplicateCustomId = {
  code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
  message: 'Component custom id cannot be duplicated',
};
const layoutWidthExceeded = {
  code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
  message: 'The specified component exceeds the maximum width',
};

/** Walks one message's or modal's components, remembering custom ids to catch duplicates. */
class ComponentChecker {
  private readonly customIds = new Set<string>();

  constructor(private readonly errors: FormErrors) {}

  customId(component: JsonObject, path: Path): void {
    const customId = component['custom_id'];
    if (customId === undefined || customId === null) {
      this.errors.add([...path, 'custom_id'], required);
      return;
    }
    const length = textLength(customId);
    if (length < 1 || length > 100) {
      this.errors.add([...path, 'custom_id'], badLength(1, 100));
      return;
    }
    const key = String(customId);
    if (this.customIds.has(key)) this.errors.add([...path, 'custom_id'], duplicateCustomId);
    this.customIds.add(key);
  }

  button(button: JsonObject, path: Path): void {
    if (textLength(button['label']) > 80) this.errors.add([...path, 'label'], maxLength(80));
    const style = button['style'];
    if (style === LINK_STYLE) {
      if (typeof button['url'] !== 'string' || button['url'].length === 0)
        this.errors.add([...path, 'url'], required);
      else if (textLength(button['url']) > 512) this.errors.add([...path, 'url'], maxLength(512));
      if (button['custom_id'] !== undefined)
        this.errors.add([...path, 'custom_id'], {
          code: 'BUTTON_COMPONENT_URL_CUSTOM_ID_MUTUALLY_EXCLUSIVE',
          message: 'A custom id and url cannot both be specified',
        });
      return;
    }
    if (style === PREMIUM_STYLE) return;
    if (button['url'] !== undefined)
      this.errors.add([...path, 'url'], {
        code: 'BUTTON_COMPONENT_URL_CUSTOM_ID_MUTUALLY_EXCLUSIVE',
        message: 'A custom id and url cannot both be specified',
      });
    this.customId(button, path);
  }

  select(select: JsonObject, path: Path): void {
    this.customId(select, path);
    if (textLength(select['placeholder']) > 150) this.errors.add([...path, 'placeholder'], maxLength(150));
    for (const field of ['min_values', 'max_values'] as const) {
      const value = select[field];
      if (typeof value === 'number' && (value > 25 || value < (field === 'min_values' ? 0 : 1)))
        this.errors.add([...path, field], {
          code: 'NUMBER_TYPE_MAX',
          message: 'int value should be less than or equal to 25.',
        });
    }
    if (select['type'] !== ComponentTypes.stringSelect) return;
    const options = objectArray(select['options']);
    if (options === undefined) {
      this.errors.add([...path, 'options'], required);
      return;
    }
    if (options.length < 1 || options.length > 25) this.errors.add([...path, 'options'], badLength(1, 25));
    options.forEach((option, index) => {
      for (const field of ['label', 'value'] as const) {
        const length = textLength(option[field]);
        if (option[field] === undefined) this.errors.add([...path, 'options', index, field], required);
        else if (length < 1 || length > 100)
          this.errors.add([...path, 'options', index, field], badLength(1, 100));
      }
      if (textLength(option['description']) > 100)
        this.errors.add([...path, 'options', index, 'description'], maxLength(100));
    });
  }

  textInput(input: JsonObject, path: Path, labelled: boolean): void {
    this.customId(input, path);
    if (!labelled) {
      const label = textLength(input['label']);
      if (input['label'] === undefined) this.errors.add([...path, 'label'], required);
      else if (label < 1 || label > 45) this.errors.add([...path, 'label'], badLength(1, 45));
    }
    if (textLength(input['value']) > 4000) this.errors.add([...path, 'value'], maxLength(4000));
    if (textLength(input['placeholder']) > 100) this.errors.add([...path, 'placeholder'], maxLength(100));
    for (const field of ['min_length', 'max_length'] as const) {
      const value = input[field];
      if (typeof value === 'number' && (value > 4000 || value < (field === 'min_length' ? 0 : 1)))
        this.errors.add([...path, field], {
          code: 'NUMBER_TYPE_MAX',
          message: 'int value should be less than or equal to 4000.',
        });
    }
  }

  /** A legacy action row in a message: ≤5 buttons or exactly one select. */
  messageRow(row: JsonObject, path: Path): void {
    if (row['type'] !== ComponentTypes.actionRow) {
      this.errors.add([...path, 'type'], {
        code: 'UNION_TYPE_CHOICES',
        message: 'Value of field "type" must be one of (1,).',
      });
      return;
    }
    const children = objectArray(row['components']) ?? [];
    if (children.length < 1 || children.length > 5) this.errors.add([...path, 'components'], badLength(1, 5));
    const selects = children.filter((child) => SELECT_TYPES.has(child['type'])).length;
    if (selects > 0 && children.length > 1) this.errors.add([...path, 'components'], layoutWidthExceeded);
    for (const [index, child] of children.entries())
      this.messageComponent(child, [...path, 'components', index]);
  }

  /** A component inside a message (legacy row child or a Components V2 node). */
  messageComponent(component: JsonObject, path: Path): void {
    const type = component['type'];
    if (type === ComponentTypes.button) this.button(component, path);
    else if (SELECT_TYPES.has(type)) this.select(component, path);
    else if (type === ComponentTypes.textInput)
      this.errors.add([...path, 'type'], {
        code: 'COMPONENT_INVALID_TYPE',
        message: 'Text inputs can only be used in modals',
      });
  }
}

/**
 * Validates a message's `components`: legacy (≤5 action rows of ≤5 buttons or one select) or,
 * with the IS_COMPONENTS_V2 flag, any tree of at most 40 components; custom ids 1–100 and unique.
 * @see PLATFORMS.md §4.2
 */
export function validateMessageComponents(
  components: unknown,
  errors: FormErrors,
  componentsV2: boolean,
): void {
  if (components === undefined || components === null) return;
  const list = objectArray(components);
  if (list === undefined) {
    errors.add(['components'], { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  const checker = new ComponentChecker(errors);
  if (!componentsV2) {
    if (list.length > 5) errors.add(['components'], maxLength(5));
    for (const [index, row] of list.entries()) checker.messageRow(row, ['components', index]);
    return;
  }
  let total = 0;
  const walk = (component: JsonObject, path: Path): void => {
    total++;
    if (component['type'] === ComponentTypes.actionRow) {
      checker.messageRow(component, path);
      total += (objectArray(component['components']) ?? []).length;
      return;
    }
    checker.messageComponent(component, path);
    for (const [index, child] of (objectArray(component['components']) ?? []).entries())
      walk(child, [...path, 'components', index]);
    if (isObject(component['accessory'])) walk(component['accessory'], [...path, 'accessory']);
  };
  for (const [index, component] of list.entries()) walk(component, ['components', index]);
  if (total > 40) errors.add(['components'], maxLength(40));
}

/**
 * Validates a MODAL callback's `data`: custom_id 1–100, title 1–45, 1–5 components, each an action
 * row holding one text input, a label (type 18) wrapping a text input or select, or a text display.
 * @see PLATFORMS.md §4.2
 */
export function validateModal(data: unknown, errors: FormErrors): void {
  if (!isObject(data)) {
    errors.add([], required);
    return;
  }
  const checker = new ComponentChecker(errors);
  const customId = textLength(data['custom_id']);
  if (data['custom_id'] === undefined) errors.add(['custom_id'], required);
  else if (customId < 1 || customId > 100) errors.add(['custom_id'], badLength(1, 100));
  const title = textLength(data['title']);
  if (data['title'] === undefined) errors.add(['title'], required);
  else if (title < 1 || title > 45) errors.add(['title'], badLength(1, 45));
  const components = objectArray(data['components']);
  if (components === undefined) {
    errors.add(['components'], required);
    return;
  }
  if (components.length < 1 || components.length > 5) errors.add(['components'], badLength(1, 5));
  components.forEach((component, index) => {
    const path: Path = ['components', index];
    const type = component['type'];
    if (type === ComponentTypes.actionRow) {
      const children = objectArray(component['components']) ?? [];
      if (children.length !== 1) errors.add([...path, 'components'], badLength(1, 1));
      children.forEach((child, childIndex) => {
        const childPath = [...path, 'components', childIndex];
        if (child['type'] === ComponentTypes.textInput) checker.textInput(child, childPath, false);
        else if (SELECT_TYPES.has(child['type'])) checker.select(child, childPath);
        else errors.add([...childPath, 'type'], { code: 'UNION_TYPE_CHOICES', message: 'Invalid type.' });
      });
    } else if (type === ComponentTypes.label) {
      const label = textLength(component['label']);
      if (component['label'] === undefined) errors.add([...path, 'label'], required);
      else if (label < 1 || label > 45) errors.add([...path, 'label'], badLength(1, 45));
      if (textLength(component['description']) > 100) errors.add([...path, 'description'], maxLength(100));
      const inner = component['component'];
      if (!isObject(inner)) errors.add([...path, 'component'], required);
      else if (inner['type'] === ComponentTypes.textInput)
        checker.textInput(inner, [...path, 'component'], true);
      else if (SELECT_TYPES.has(inner['type'])) checker.select(inner, [...path, 'component']);
      else
        errors.add([...path, 'component', 'type'], { code: 'UNION_TYPE_CHOICES', message: 'Invalid type.' });
    } else if (type !== ComponentTypes.textDisplay) {
      errors.add([...path, 'type'], { code: 'UNION_TYPE_CHOICES', message: 'Invalid type.' });
    }
  });
}
