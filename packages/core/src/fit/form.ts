import type { FormCaps } from '../capabilities/types.js';
import type { FieldOption, Form, FormBlock, FormField, FormScreen } from '../model/form.js';
import { type FitContext, fitId, fitLabel, note } from './context.js';

/**
 * A form within the target's per-view limits: long titles, labels and option texts cut; options
 * beyond the limit dropped (noted as lost); non-native field types noted (the field keeps its type
 * so the runner still validates it); screens with more blocks than a view holds split into views
 * chained by `navigate` actions that carry the answers so far.
 */
export function fitForm(form: Form, context: FitContext): Form {
  const caps = context.caps.form;
  const screenIds = new Set(form.screens.map((screen) => screen.id));
  const screens = form.screens.flatMap((screen, index) =>
    splitScreen(
      fitScreen(screen, `form.screens[${index}]`, context),
      caps,
      screenIds,
      context,
      `form.screens[${index}]`,
    ),
  );
  const title =
    form.title === undefined ? {} : { title: fitLabel(form.title, caps.titleMax, context, 'form.title') };
  return { ...form, ...title, screens };
}

function fitScreen(screen: FormScreen, path: string, context: FitContext): FormScreen {
  const caps = context.caps.form;
  const fitted: FormScreen = { ...screen, blocks: fitBlocks(screen.blocks, `${path}.blocks`, context) };
  const title =
    screen.title === undefined
      ? {}
      : { title: fitLabel(screen.title, caps.titleMax, context, `${path}.title`) };
  const submitLimit =
    caps.mode === 'flow' ? undefined : minLimit(caps.titleMax, context.caps.replyButtons.labelMax);
  const submit =
    screen.submit === undefined || submitLimit === undefined
      ? {}
      : {
          submit: {
            ...screen.submit,
            label: fitLabel(screen.submit.label, submitLimit, context, `${path}.submit.label`),
          },
        };
  return { ...fitted, ...title, ...submit };
}

function fitBlocks(blocks: readonly FormBlock[], path: string, context: FitContext): FormBlock[] {
  return blocks.map((block, index) => fitBlock(block, `${path}[${index}]`, context));
}

function fitBlock(block: FormBlock, path: string, context: FitContext): FormBlock {
  switch (block.kind) {
    case 'field':
      return fitField(block, path, context);
    case 'navigationList':
      return { ...block, items: fitOptions(block.items, path, context) };
    case 'if':
      return {
        ...block,
        // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
        then: fitBlocks(block.then, `${path}.then`, context),
        ...(block.else === undefined ? {} : { else: fitBlocks(block.else, `${path}.else`, context) }),
      };
    case 'switch':
      return {
        ...block,
        cases: Object.fromEntries(
          Object.entries(block.cases).map(([key, blocks]) => [
            key,
            fitBlocks(blocks, `${path}.cases.${key}`, context),
          ]),
        ),
      };
    default:
      return block;
  }
}

function fitField(field: FormField, path: string, context: FitContext): FormField {
  const caps = context.caps.form;
  const channel = context.caps.channel;
  if (!caps.nativeFieldTypes.includes(field.type)) {
    const choice =
      field.type === 'singleChoice' || field.type === 'multipleChoice' || field.type === 'dropdown';
    note(
      context,
      'degraded',
      path,
      choice
        ? `${channel} has no native ${field.type} input here: asked as short text checked against the options.`
        : `${channel} has no native ${field.type} input: asked as short text validated as ${field.type}.`,
    );
  }
  let fitted: FormField = { ...field, label: fitLabel(field.label, caps.labelMax, context, `${path}.label`) };
  if (field.helperText !== undefined) {
    fitted = {
      ...fitted,
      helperText: fitLabel(field.helperText, caps.placeholderMax, context, `${path}.helperText`),
    };
  }
  if (field.maxLength !== undefined && field.maxLength > caps.textInputMax) {
    note(
      context,
      'degraded',
      `${path}.maxLength`,
      `${channel} accepts at most ${caps.textInputMax} characters: limit lowered from ${field.maxLength}.`,
    );
    fitted = { ...fitted, maxLength: caps.textInputMax };
  }
  if (field.minLength !== undefined && field.minLength > caps.textInputMax) {
    note(
      context,
      'degraded',
      `${path}.minLength`,
      `Minimum length lowered from ${field.minLength} to ${caps.textInputMax}.`,
    );
    fitted = { ...fitted, minLength: caps.textInputMax };
  }
  if (field.options !== undefined) fitted = { ...fitted, options: fitOptions(field.options, path, context) };
  return fitted;
}

function fitOptions<T extends FieldOption>(options: readonly T[], path: string, context: FitContext): T[] {
  const caps = context.caps.form;
  let kept = options;
  if (options.length > caps.optionsMax) {
    kept = options.slice(0, caps.optionsMax);
    const dropped = options.slice(caps.optionsMax).map((option) => `"${option.title}"`);
    note(
      context,
      'lost',
      `${path}.options`,
      `${context.caps.channel} shows at most ${caps.optionsMax} options: ${dropped.length} dropped (${dropped.join(', ')}).`,
    );
  }
  const used = new Set<string>();
  return kept.map((option, index) => {
    const at = `${path}.options[${index}]`;
    const fitted: T = {
      ...option,
      id: fitId(option.id, caps.optionIdMax, context, `${at}.id`, used),
      title: fitLabel(option.title, caps.optionLabelMax, context, `${at}.title`),
    };
    return option.description === undefined
      ? fitted
      : {
          ...fitted,
          description: fitLabel(option.description, caps.optionLabelMax, context, `${at}.description`),
        };
  });
}

/** How many view slots a block takes: one per field or content block; a conditional takes its largest branch. */
export function viewSlots(block: FormBlock): number {
  if (block.kind === 'if') return Math.max(totalSlots(block.then), totalSlots(block.else ?? []));
  if (block.kind === 'switch') return Math.max(0, ...Object.values(block.cases).map(totalSlots));
  return 1;
}

function totalSlots(blocks: readonly FormBlock[]): number {
  return blocks.reduce((sum, block) => sum + viewSlots(block), 0);
}

/** Groups blocks into views of at most `max` slots, cutting a conditional into several with the same condition. */
function chunkBlocks(blocks: readonly FormBlock[], max: number): FormBlock[][] {
  const views: FormBlock[][] = [];
  let view: FormBlock[] = [];
  let used = 0;
  const place = (block: FormBlock) => {
    const slots = viewSlots(block);
    if (used + slots > max && view.length > 0) {
      views.push(view);
      view = [];
      used = 0;
    }
    view.push(block);
    used += slots;
  };
  for (const block of blocks) {
    if (viewSlots(block) <= max) place(block);
    else for (const part of splitConditional(block, max)) place(part);
  }
  if (view.length > 0) views.push(view);
  return views;
}

function splitConditional(block: FormBlock, max: number): FormBlock[] {
  if (block.kind === 'if') {
    const thens = chunkBlocks(block.then, max);
    const elses = block.else === undefined ? undefined : chunkBlocks(block.else, max);
    const count = Math.max(thens.length, elses?.length ?? 0);
    return Array.from({ length: count }, (_, index) => ({
      ...block,
      // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
      then: thens[index] ?? [],
      ...(elses === undefined ? {} : { else: elses[index] ?? [] }),
    }));
  }
  if (block.kind === 'switch') {
    const cases = Object.entries(block.cases).map(
      ([key, blocks]) => [key, chunkBlocks(blocks, max)] as const,
    );
    const count = Math.max(0, ...cases.map(([, chunks]) => chunks.length));
    return Array.from({ length: count }, (_, index) => ({
      ...block,
      cases: Object.fromEntries(cases.map(([key, chunks]) => [key, chunks[index] ?? []])),
    }));
  }
  return [block];
}

function splitScreen(
  screen: FormScreen,
  caps: FormCaps,
  screenIds: Set<string>,
  context: FitContext,
  path: string,
): FormScreen[] {
  const views = chunkBlocks(screen.blocks, caps.maxFieldsPerView);
  if (views.length <= 1) return [screen];
  note(
    context,
    'info',
    path,
    `${totalSlots(screen.blocks)} blocks exceed ${context.caps.channel}'s ${caps.maxFieldsPerView} per view: split into ${views.length} chained views.`,
  );
  const ids = views.map((_, index) =>
    index === 0 ? screen.id : freshId(`${screen.id}_${index + 1}`, screenIds),
  );
  return views.map((blocks, index): FormScreen => {
    const { submit: _submit, terminal: _terminal, ...base } = screen;
    const next = ids[index + 1];
    if (next === undefined) return { ...screen, id: ids[index]!, blocks };
    const answers = Object.fromEntries(fieldNames(blocks).map((name) => [name, `\${form.${name}}`]));
    const label = screen.submit?.label ?? 'Next';
    return {
      ...base,
      id: ids[index]!,
      blocks,
      submit: { label, action: { type: 'navigate', screen: next, payload: answers } },
    };
  });
}

function fieldNames(blocks: readonly FormBlock[]): string[] {
  return blocks.flatMap((block): string[] => {
    if (block.kind === 'field' || block.kind === 'navigationList') return [block.name];
    if (block.kind === 'if') return [...fieldNames(block.then), ...fieldNames(block.else ?? [])];
    if (block.kind === 'switch') return Object.values(block.cases).flatMap(fieldNames);
    return [];
  });
}

function freshId(candidate: string, taken: Set<string>): string {
  let id = candidate;
  for (let number = 2; taken.has(id); number++) id = `${candidate}_${number}`;
  taken.add(id);
  return id;
}

function minLimit(a: FormCaps['titleMax'], b: FormCaps['titleMax']) {
  return a.max <= b.max ? a : b;
}
