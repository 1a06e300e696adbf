import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { PlanIssue } from './types.js';

/** A path into the plan document: object keys and array indexes. */
export type PlanPath = readonly (string | number)[];

/** The parsed plan text: its value, the syntax problems, and where each field sits in the text. */
export interface ParsedPlanText {
  /** The document as plain data; undefined when it could not be parsed. */
  readonly value: unknown;
  readonly errors: readonly PlanIssue[];
  readonly warnings: readonly PlanIssue[];
  /** Line and column (1-based) of the field at `path`, or of its closest ancestor present in the file. */
  locate(path: PlanPath): { line: number; column: number } | undefined;
}

/** `waves[2].template.name` from `['waves', 2, 'template', 'name']`. */
export function formatPath(path: PlanPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** True when the text should be read as JSON: a `.json` file, or no file name and a leading `{`. */
export function looksLikeJson(text: string, file?: string): boolean {
  if (file !== undefined) return file.toLowerCase().endsWith('.json');
  return text.trimStart().startsWith('{');
}

// yaml's messages end with " at line N, column M:" and a snippet of the source, which could hold a
// secret; only the first sentence is kept and the position travels in line/column.
function syntaxMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Parses YAML (or JSON, which the same parser reads) keeping every node's position.
 * @see https://eemeli.org/yaml/#documents (parseDocument, LineCounter)
 */
export function parsePlanText(text: string, options: { file?: string } = {}): ParsedPlanText {
  const lineCounter = new LineCounter();
  const json = looksLikeJson(text, options.file);
  // YAML forbids tab indentation, JSON allows it; one space for one tab keeps every offset intact.
  const source = json ? text.replace(/^\t+/gm, (tabs) => ' '.repeat(tabs.length)) : text;
  const document = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const fileField = options.file === undefined ? {} : { file: options.file };
  const positionOf = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const toIssue = (error: { message: string; pos: [number, number] }): PlanIssue => ({
    path: '',
    message: `${json ? 'invalid JSON' : 'invalid YAML'}: ${syntaxMessage(error.message)}`,
    ...fileField,
    ...positionOf(error.pos[0]),
  });
  const errors = document.errors.map(toIssue);
  const warnings = document.warnings.map(toIssue);

  const locate = (path: PlanPath) => {
    let node: unknown = document.contents;
    let offset: number | undefined = (node as Node | null)?.range?.[0];
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (pair === undefined) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : positionOf(offset);
  };

  if (errors.length > 0) return { value: undefined, errors, warnings, locate };
  return { value: document.toJS({ maxAliasCount: 100 }), errors, warnings, locate };
}
