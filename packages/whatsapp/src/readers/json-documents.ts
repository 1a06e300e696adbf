import { findJsonSyntaxError, lineAndColumnOf } from './json-syntax.js';
import type { ReadIssue } from './types.js';

/** One JSON value found in a file, with the 1-based line and column it starts at. */
export interface JsonDocument {
  readonly value: unknown;
  readonly line: number;
  readonly column: number;
  /** The document's own text, starting at `line`/`column`, for locating fields inside it. */
  readonly text: string;
}

/** The documents of a file and the syntax problems met while reading them. */
export interface JsonDocuments {
  readonly documents: readonly JsonDocument[];
  readonly issues: readonly ReadIssue[];
}

const BYTE_ORDER_MARK = '\uFEFF';

function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

function syntaxIssue(file: string, base: { line: number; column: number }, offsetText: string): ReadIssue {
  const found = findJsonSyntaxError(offsetText) ?? { offset: offsetText.length, reason: 'not valid JSON' };
  const local = lineAndColumnOf(offsetText, found.offset);
  const line = base.line + local.line - 1;
  const column = local.line === 1 ? base.column + local.column - 1 : local.column;
  return {
    file,
    line,
    column,
    reason: `invalid JSON: ${found.reason} (line ${line}, column ${column})`,
    severity: 'error',
  };
}

function emptyFileIssue(file: string): ReadIssue {
  return { file, line: 1, reason: 'the file is empty', severity: 'error' };
}

function wholeDocument(text: string, value: unknown): JsonDocument {
  const leading = text.length - text.trimStart().length;
  return { value, ...lineAndColumnOf(text, leading), text: text.slice(leading) };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads a file that must hold exactly one JSON value (a Flow JSON, one template response).
 * Invalid JSON and an empty file become error issues with the line and column.
 */
export function parseSingleJsonDocument(rawText: string, file: string): JsonDocuments {
  const text = withoutByteOrderMark(rawText);
  if (text.trim() === '') return { documents: [], issues: [emptyFileIssue(file)] };
  const parsed = tryParse(text);
  if (parsed.ok) return { documents: [wholeDocument(text, parsed.value)], issues: [] };
  return { documents: [], issues: [syntaxIssue(file, { line: 1, column: 1 }, text)] };
}

/** Offset just after the JSON object or array that starts at `start`, string-aware; the text's end when unbalanced. */
function endOfBracketedValue(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{' || character === '[') depth += 1;
    else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return text.length;
}

interface ParsedLine {
  readonly number: number;
  readonly line: string;
  readonly parsed: { ok: true; value: unknown } | { ok: false };
}

/** Each non-blank line parsed on its own, with its 1-based number. */
function parseLines(text: string): ParsedLine[] {
  const lines: ParsedLine[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() !== '') lines.push({ number: index + 1, line, parsed: tryParse(line) });
  });
  return lines;
}

function readLineDelimited(lines: readonly ParsedLine[], file: string): JsonDocuments {
  const documents: JsonDocument[] = [];
  const issues: ReadIssue[] = [];
  for (const { number, line, parsed } of lines) {
    const column = line.length - line.trimStart().length + 1;
    if (parsed.ok)
      documents.push({ value: parsed.value, line: number, column, text: line.slice(column - 1) });
    else issues.push(syntaxIssue(file, { line: number, column: 1 }, line));
  }
  return { documents, issues };
}

function readConcatenated(text: string, file: string): JsonDocuments {
  const documents: JsonDocument[] = [];
  const issues: ReadIssue[] = [];
  let position = 0;
  while (position < text.length) {
    while (position < text.length && /\s/.test(text[position] ?? '')) position += 1;
    if (position >= text.length) break;
    const character = text[position];
    const end =
      character === '{' || character === '['
        ? endOfBracketedValue(text, position)
        : (() => {
            const lineEnd = text.indexOf('\n', position);
            return lineEnd === -1 ? text.length : lineEnd;
          })();
    const slice = text.slice(position, end);
    const start = lineAndColumnOf(text, position);
    const parsed = tryParse(slice);
    if (!parsed.ok) {
      const issue = syntaxIssue(file, start, slice);
      const bracketed = character === '{' || character === '[';
      // Without a line structure the next document's start cannot be trusted once a value is unbalanced.
      const stops = !bracketed || end >= text.length;
      const found = findJsonSyntaxError(slice)?.offset ?? slice.length;
      const skipsMore = bracketed ? found < slice.trimEnd().length - 1 : text.slice(end).trim() !== '';
      issues.push(
        stops && skipsMore
          ? { ...issue, reason: `${issue.reason}; the rest of the file was not read` }
          : issue,
      );
      if (stops) break;
    } else {
      documents.push({ value: parsed.value, ...start, text: slice });
    }
    position = end;
  }
  return { documents, issues };
}

/**
 * Reads a file of one or more JSON values: a single document, JSON lines (one value a line), or
 * pretty-printed values one after another. Each bad line is its own error issue with line and column.
 */
export function parseJsonDocuments(rawText: string, file: string): JsonDocuments {
  const text = withoutByteOrderMark(rawText);
  if (text.trim() === '') return { documents: [], issues: [emptyFileIssue(file)] };
  const whole = tryParse(text);
  if (whole.ok) return { documents: [wholeDocument(text, whole.value)], issues: [] };
  const lines = parseLines(text);
  const parsedAlone = lines.filter((line) => line.parsed.ok).length;
  // A log written one value a line has most lines parse on their own; a pretty-printed file has almost none.
  if (parsedAlone > 0 && parsedAlone * 2 >= lines.length) return readLineDelimited(lines, file);
  return readConcatenated(text, file);
}
