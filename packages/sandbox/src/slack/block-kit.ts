import { blockKitLimits } from './block-kit-limits.js';
import { isRecord, stringField } from './json.js';

/** Collects Slack-shaped validation messages (`… [json-pointer:/blocks/0/text/text]`). */
class Checker {
  readonly errors: string[] = [];
  private readonly actionIds = new Set<string>();
  private readonly blockIds = new Set<string>();
  markdownTotal = 0;

  fail(message: string, pointer: string): void {
    this.errors.push(`${message} [json-pointer:${pointer}]`);
  }

  /** A string no longer than `max` (and, when `min` is 1, not empty). */
  string(
    value: unknown,
    pointer: string,
    max: number,
    options: { required?: boolean; min?: number } = {},
  ): void {
    if (value === undefined) {
      if (options.required) this.fail('must provide a string', pointer);
      return;
    }
    if (typeof value !== 'string') {
      this.fail('must be a string', pointer);
      return;
    }
    const min = options.min ?? 0;
    if (value.length < min) this.fail(`must be more than ${min - 1} characters`, pointer);
    if (value.length > max) this.fail(`must be less than ${max + 1} characters`, pointer);
  }

  /** A text object whose `text` is 1..max characters. */
  text(
    value: unknown,
    pointer: string,
    max: number,
    options: { required?: boolean; plainOnly?: boolean } = {},
  ): void {
    if (value === undefined) {
      if (options.required) this.fail('must provide an object', pointer);
      return;
    }
    if (!isRecord(value)) {
      this.fail('must be an object', pointer);
      return;
    }
    const type = value['type'];
    if (type !== 'plain_text' && type !== 'mrkdwn') {
      this.fail('must be a valid enum value', `${pointer}/type`);
      return;
    }
    if (options.plainOnly && type !== 'plain_text') {
      this.fail('must be a valid enum value', `${pointer}/type`);
      return;
    }
    this.string(value['text'], `${pointer}/text`, max, { required: true, min: 1 });
  }

  /** An array of at most `max` items (at least `min`); returns the items to walk. */
  array(value: unknown, pointer: string, max: number, min = 0): unknown[] {
    if (!Array.isArray(value)) {
      this.fail('must provide an array', pointer);
      return [];
    }
    if (value.length < min) this.fail(`must provide at least ${min} items`, pointer);
    if (value.length > max) this.fail(`must be less than ${max + 1} items`, pointer);
    return value;
  }

  actionId(element: Record<string, unknown>, pointer: string): void {
    const actionId = element['action_id'];
    this.string(actionId, `${pointer}/action_id`, blockKitLimits.actionId, { min: 1 });
    if (typeof actionId !== 'string') return;
    if (this.actionIds.has(actionId)) this.fail('action_id already exists', `${pointer}/action_id`);
    this.actionIds.add(actionId);
  }

  blockId(block: Record<string, unknown>, pointer: string): void {
    const blockId = block['block_id'];
    this.string(blockId, `${pointer}/block_id`, blockKitLimits.blockId, { min: 1 });
    if (typeof blockId !== 'string') return;
    if (this.blockIds.has(blockId)) this.fail('block_id already exists', `${pointer}/block_id`);
    this.blockIds.add(blockId);
  }
}

function checkConfirm(checker: Checker, value: unknown, pointer: string): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    checker.fail('must be an object', pointer);
    return;
  }
  checker.text(value['title'], `${pointer}/title`, blockKitLimits.confirmTitle, { plainOnly: true });
  checker.text(value['text'], `${pointer}/text`, blockKitLimits.confirmText, { required: true });
  checker.text(value['confirm'], `${pointer}/confirm`, blockKitLimits.confirmButton, { plainOnly: true });
  checker.text(value['deny'], `${pointer}/deny`, blockKitLimits.confirmButton, { plainOnly: true });
}

function checkOption(checker: Checker, value: unknown, pointer: string): void {
  if (!isRecord(value)) {
    checker.fail('must be an object', pointer);
    return;
  }
  checker.text(value['text'], `${pointer}/text`, blockKitLimits.optionText, { required: true });
  checker.string(value['value'], `${pointer}/value`, blockKitLimits.optionValue, { required: true });
  checker.text(value['description'], `${pointer}/description`, blockKitLimits.optionDescription);
  checker.string(value['url'], `${pointer}/url`, blockKitLimits.buttonUrl);
}

function checkOptions(checker: Checker, value: unknown, pointer: string, max: number, min = 1): void {
  checker.array(value, pointer, max, min).forEach((option, index) => {
    checkOption(checker, option, `${pointer}/${index}`);
  });
}

function checkSelectOptions(checker: Checker, element: Record<string, unknown>, pointer: string): void {
  const hasOptions = element['options'] !== undefined;
  const hasGroups = element['option_groups'] !== undefined;
  if (hasOptions && hasGroups) checker.fail('must provide either options or option_groups', pointer);
  if (!hasOptions && !hasGroups) {
    checker.fail('must provide options or option_groups', `${pointer}/options`);
    return;
  }
  if (hasOptions)
    checkOptions(checker, element['options'], `${pointer}/options`, blockKitLimits.selectOptions);
  if (!hasGroups) return;
  const groups = checker.array(
    element['option_groups'],
    `${pointer}/option_groups`,
    blockKitLimits.selectOptionGroups,
    1,
  );
  groups.forEach((group, index) => {
    const groupPointer = `${pointer}/option_groups/${index}`;
    if (!isRecord(group)) {
      checker.fail('must be an object', groupPointer);
      return;
    }
    checker.text(group['label'], `${groupPointer}/label`, blockKitLimits.optionGroupLabel, {
      required: true,
      plainOnly: true,
    });
    checkOptions(checker, group['options'], `${groupPointer}/options`, blockKitLimits.selectOptions);
  });
}

const interactiveTypes = new Set([
  'button',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'radio_buttons',
  'checkboxes',
  'rich_text_input',
  'file_input',
  'workflow_button',
]);

function checkElement(checker: Checker, value: unknown, pointer: string): void {
  if (!isRecord(value)) {
    checker.fail('must be an object', pointer);
    return;
  }
  const type = stringField(value, 'type');
  if (type === 'image') {
    checker.string(value['image_url'], `${pointer}/image_url`, blockKitLimits.imageUrl);
    checker.string(value['alt_text'], `${pointer}/alt_text`, blockKitLimits.altText, { required: true });
    return;
  }
  if (type === undefined || !interactiveTypes.has(type)) {
    checker.fail('must be a valid enum value', `${pointer}/type`);
    return;
  }
  checker.actionId(value, pointer);
  checker.text(value['placeholder'], `${pointer}/placeholder`, blockKitLimits.placeholder, {
    plainOnly: true,
  });
  checkConfirm(checker, value['confirm'], `${pointer}/confirm`);
  switch (type) {
    case 'button':
      checker.text(value['text'], `${pointer}/text`, blockKitLimits.buttonText, {
        required: true,
        plainOnly: true,
      });
      checker.string(value['value'], `${pointer}/value`, blockKitLimits.buttonValue);
      checker.string(value['url'], `${pointer}/url`, blockKitLimits.buttonUrl);
      checker.string(
        value['accessibility_label'],
        `${pointer}/accessibility_label`,
        blockKitLimits.accessibilityLabel,
      );
      return;
    case 'static_select':
    case 'multi_static_select':
      checkSelectOptions(checker, value, pointer);
      return;
    case 'overflow':
      checkOptions(checker, value['options'], `${pointer}/options`, blockKitLimits.overflowOptions, 1);
      return;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(checker, value['options'], `${pointer}/options`, blockKitLimits.choiceOptions, 1);
      return;
    case 'plain_text_input': {
      const maxLength = value['max_length'];
      if (typeof maxLength === 'number' && maxLength > blockKitLimits.plainTextInputMaxLength)
        checker.fail(
          `must be less than ${blockKitLimits.plainTextInputMaxLength + 1}`,
          `${pointer}/max_length`,
        );
      return;
    }
    default:
      return;
  }
}

function checkBlock(checker: Checker, value: unknown, pointer: string): void {
  if (!isRecord(value)) {
    checker.fail('must be an object', pointer);
    return;
  }
  checker.blockId(value, pointer);
  switch (stringField(value, 'type')) {
    case 'section': {
      if (value['text'] === undefined && value['fields'] === undefined)
        checker.fail('must provide text or fields', pointer);
      checker.text(value['text'], `${pointer}/text`, blockKitLimits.sectionText);
      if (value['fields'] !== undefined) {
        const fields = checker.array(value['fields'], `${pointer}/fields`, blockKitLimits.sectionFields, 1);
        fields.forEach((field, index) => {
          checker.text(field, `${pointer}/fields/${index}`, blockKitLimits.sectionFieldText, {
            required: true,
          });
        });
      }
      if (value['accessory'] !== undefined) checkElement(checker, value['accessory'], `${pointer}/accessory`);
      return;
    }
    case 'actions': {
      const elements = checker.array(
        value['elements'],
        `${pointer}/elements`,
        blockKitLimits.actionsElements,
        1,
      );
      elements.forEach((element, index) => {
        checkElement(checker, element, `${pointer}/elements/${index}`);
      });
      return;
    }
    case 'context': {
      const elements = checker.array(
        value['elements'],
        `${pointer}/elements`,
        blockKitLimits.contextElements,
        1,
      );
      elements.forEach((element, index) => {
        const elementPointer = `${pointer}/elements/${index}`;
        if (isRecord(element) && element['type'] === 'image') checkElement(checker, element, elementPointer);
        else checker.text(element, elementPointer, blockKitLimits.sectionText, { required: true });
      });
      return;
    }
    case 'header':
      checker.text(value['text'], `${pointer}/text`, blockKitLimits.headerText, {
        required: true,
        plainOnly: true,
      });
      return;
    case 'input':
      checker.text(value['label'], `${pointer}/label`, blockKitLimits.inputLabel, {
        required: true,
        plainOnly: true,
      });
      checker.text(value['hint'], `${pointer}/hint`, blockKitLimits.inputHint, { plainOnly: true });
      checkElement(checker, value['element'], `${pointer}/element`);
      return;
    case 'markdown': {
      const text = value['text'];
      checker.string(text, `${pointer}/text`, blockKitLimits.markdownTotal, { required: true, min: 1 });
      if (typeof text === 'string') checker.markdownTotal += text.length;
      return;
    }
    case 'image':
      checker.string(value['image_url'], `${pointer}/image_url`, blockKitLimits.imageUrl);
      checker.string(value['alt_text'], `${pointer}/alt_text`, blockKitLimits.altText, { required: true });
      return;
    case 'divider':
    case 'rich_text':
    case 'file':
    case 'video':
      return;
    default:
      checker.fail('must be a valid enum value', `${pointer}/type`);
      return;
  }
}

function checkBlocks(checker: Checker, blocks: unknown, pointer: string, max: number): void {
  checker.array(blocks, pointer, max).forEach((block, index) => {
    checkBlock(checker, block, `${pointer}/${index}`);
  });
  if (checker.markdownTotal > blockKitLimits.markdownTotal)
    checker.fail(
      `markdown blocks must be less than ${blockKitLimits.markdownTotal + 1} characters in total`,
      pointer,
    );
}

/**
 * Validates a message's `blocks` against every Block Kit limit; an empty list means valid.
 * @see PLATFORMS.md §3.2
 */
export function validateMessageBlocks(blocks: unknown): string[] {
  const checker = new Checker();
  checkBlocks(checker, blocks, '/blocks', blockKitLimits.messageBlocks);
  return checker.errors;
}

/**
 * Validates a modal view (title, submit/close, callback_id, private_metadata, up to 100 blocks).
 * @see PLATFORMS.md §3.2
 */
export function validateModalView(view: unknown): string[] {
  const checker = new Checker();
  if (!isRecord(view)) {
    checker.fail('must be an object', '/view');
    return checker.errors;
  }
  if (view['type'] !== 'modal') checker.fail('must be a valid enum value', '/view/type');
  checker.text(view['title'], '/view/title', blockKitLimits.modalTitle, { required: true, plainOnly: true });
  checker.text(view['submit'], '/view/submit', blockKitLimits.modalButton, { plainOnly: true });
  checker.text(view['close'], '/view/close', blockKitLimits.modalButton, { plainOnly: true });
  checker.string(view['callback_id'], '/view/callback_id', blockKitLimits.callbackId);
  checker.string(view['private_metadata'], '/view/private_metadata', blockKitLimits.privateMetadata);
  checkBlocks(checker, view['blocks'], '/view/blocks', blockKitLimits.surfaceBlocks);
  const hasInput =
    Array.isArray(view['blocks']) &&
    view['blocks'].some((block) => isRecord(block) && block['type'] === 'input');
  if (hasInput && view['submit'] === undefined)
    checker.fail('must provide submit when inputs are present', '/view/submit');
  return checker.errors;
}

/**
 * Validates an App Home tab (`views.publish`): `type: "home"`, callback_id, private_metadata, up to 100 blocks.
 * @see PLATFORMS.md §3.2
 */
export function validateHomeView(view: unknown): string[] {
  const checker = new Checker();
  if (!isRecord(view)) {
    checker.fail('must be an object', '/view');
    return checker.errors;
  }
  if (view['type'] !== 'home') checker.fail('must be a valid enum value', '/view/type');
  checker.string(view['callback_id'], '/view/callback_id', blockKitLimits.callbackId);
  checker.string(view['private_metadata'], '/view/private_metadata', blockKitLimits.privateMetadata);
  checkBlocks(checker, view['blocks'], '/view/blocks', blockKitLimits.surfaceBlocks);
  return checker.errors;
}
