import type { ChannelCapabilities, TextLimit } from '../capabilities/types.js';
import { renderMarkup, toPlainText } from '../markup/index.js';
import type { FidelityNote, Severity } from '../model/notes.js';
import type { RichText } from '../model/rich-text.js';
import { fitsLimit, measure, truncateToLimit } from './measure.js';
import type { ShortIdTable } from './short-id.js';
import { splitRichText } from './split-text.js';

/** Options of {@link fit}. */
export interface FitOptions {
  /** Where ids too long for the target are shortened; keep it to `restore` ids of inbound events. */
  readonly ids?: ShortIdTable;
  /** Text of a message that only carries overflow (more buttons, another menu page); default `(2/3)`. */
  readonly continuationText?: (index: number, total: number) => string;
  /** Text put beside buttons when the target needs text and the message has none; default `…`. */
  readonly placeholderText?: string;
  /** Label of the menu made from too many reply buttons; default `Options`. */
  readonly menuLabel?: string;
}

/** State shared by the rules while one message is fitted. */
export interface FitContext {
  readonly caps: ChannelCapabilities;
  readonly ids: ShortIdTable;
  readonly notes: FidelityNote[];
  readonly options: FitOptions;
}

/** Records a fidelity note. */
export function note(context: FitContext, severity: Severity, path: string, reason: string): void {
  context.notes.push({ severity, path, reason });
}

/** The length of a document as the target counts it (plain text for Telegram, the rendered string elsewhere). */
export function measureDocument(doc: RichText, context: FitContext, unit: TextLimit['unit']): number {
  const cached = sizes.get(context)?.get(doc)?.[unit];
  if (cached !== undefined) return cached;
  const text =
    context.caps.textMeasure === 'plain' ? toPlainText(doc) : renderMarkup(doc, context.caps.dialect);
  const size = measure(text, unit);
  let byDocument = sizes.get(context);
  if (byDocument === undefined) {
    byDocument = new WeakMap();
    sizes.set(context, byDocument);
  }
  byDocument.set(doc, { ...byDocument.get(doc), [unit]: size });
  return size;
}

/** Sizes already measured, per fit call and document: the same part is often checked against two limits. */
const sizes = new WeakMap<FitContext, WeakMap<RichText, Partial<Record<TextLimit['unit'], number>>>>();

/** Whether a document is within a text limit of the target. */
export function documentFits(doc: RichText, limit: TextLimit, context: FitContext): boolean {
  return measureDocument(doc, context, limit.unit) <= limit.max;
}

/** Splits a document into pieces within `limit` (none when the document is empty). */
export function splitDocument(doc: RichText, limit: TextLimit, context: FitContext): RichText[] {
  return splitRichText(doc, (candidate) => documentFits(candidate, limit, context));
}

/** A plain label cut to `limit` with an ellipsis; a cut is noted as degraded with the original text. */
export function fitLabel(text: string, limit: TextLimit, context: FitContext, path: string): string {
  if (fitsLimit(text, limit)) return text;
  const cut = truncateToLimit(text, limit);
  note(
    context,
    'degraded',
    path,
    `Shortened to ${limit.max} ${unitName(limit)} for ${context.caps.channel}: "${cut}" (was "${text}").`,
  );
  return cut;
}

/**
 * An id within `limit` and unused in `used` (the ids already in this message): long, empty or
 * duplicate ids are replaced by short ids from the table, which `restore` maps back.
 */
export function fitId(
  id: string,
  limit: TextLimit,
  context: FitContext,
  path: string,
  used: Set<string>,
): string {
  let fitted = context.ids.shorten(id, limit.max);
  if (fitted !== id) {
    note(
      context,
      'info',
      path,
      id === ''
        ? `Empty id replaced by "${fitted}"; ShortIdTable.restore gives it back.`
        : `Id longer than ${limit.max} ${unitName(limit)} replaced by "${fitted}"; ShortIdTable.restore gives it back.`,
    );
  }
  for (let occurrence = 2; used.has(fitted); occurrence++) {
    fitted = context.ids.alias(id, occurrence, limit.max);
    if (!used.has(fitted)) {
      note(
        context,
        'info',
        path,
        `Duplicate id "${id}" replaced by "${fitted}" so ids differ within the message.`,
      );
    }
  }
  used.add(fitted);
  return fitted;
}

/** Makes `label` differ from the labels in `used` by numbering it, within `limit`. */
export function uniqueLabel(
  label: string,
  limit: TextLimit,
  used: Set<string>,
  context: FitContext,
  path: string,
) {
  let candidate = label;
  for (let number = 2; used.has(candidate); number++) {
    const suffix = ` ${number}`;
    const room: TextLimit = { max: limit.max - measure(suffix, limit.unit), unit: limit.unit };
    candidate = truncateToLimit(label, room) + suffix;
    if (!used.has(candidate)) {
      note(
        context,
        'info',
        path,
        `Label "${label}" repeated; shown as "${candidate}" because labels must differ.`,
      );
    }
  }
  used.add(candidate);
  return candidate;
}

function unitName(limit: TextLimit): string {
  return limit.unit === 'bytes' ? 'bytes' : 'characters';
}
