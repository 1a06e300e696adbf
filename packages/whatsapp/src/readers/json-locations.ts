import { lineAndColumnOf } from './json-syntax.js';

/**
 * Offsets of every value in a valid JSON text, by the path the readers use in issues
 * (`screens[0].layout.children[2]`; the root is `''`).
 */
export function jsonValueOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let position = 0;
  const skipWhitespace = () => {
    while (position < text.length && /\s/.test(text[position] ?? '')) position += 1;
  };
  const endOfString = (start: number): number => {
    let index = start + 1;
    while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    return index + 1;
  };
  const readValue = (path: string): void => {
    skipWhitespace();
    offsets.set(path, position);
    const character = text[position];
    if (character === '{') {
      position += 1;
      skipWhitespace();
      while (text[position] === '"') {
        const keyEnd = endOfString(position);
        const key = JSON.parse(text.slice(position, keyEnd)) as string;
        position = keyEnd;
        skipWhitespace();
        position += 1; // the colon
        readValue(path === '' ? key : `${path}.${key}`);
        skipWhitespace();
        if (text[position] === ',') position += 1;
        skipWhitespace();
      }
      position += 1;
    } else if (character === '[') {
      position += 1;
      skipWhitespace();
      let index = 0;
      while (position < text.length && text[position] !== ']') {
        readValue(`${path}[${index}]`);
        index += 1;
        skipWhitespace();
        if (text[position] === ',') position += 1;
        skipWhitespace();
      }
      position += 1;
    } else if (character === '"') {
      position = endOfString(position);
    } else {
      while (position < text.length && !/[\s,\]}]/.test(text[position] ?? '')) position += 1;
    }
  };
  readValue('');
  return offsets;
}

/** Shortens a path by its last step: `a.b[2]` gives `a.b`, `a.b` gives `a`, `a:b` gives `a`. */
function parentOf(path: string): string | undefined {
  if (path === '') return undefined;
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['), path.lastIndexOf(':'));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/**
 * Finds the line and column of a field path inside one JSON document that starts at `base` in its file,
 * falling back to the nearest enclosing value the path names. Built lazily: only files with issues pay.
 */
export function createFieldLocator(
  documentText: string,
  base: { readonly line: number; readonly column: number },
): (field: string) => { line: number; column: number } | undefined {
  let offsets: Map<string, number> | undefined;
  return (field) => {
    offsets ??= jsonValueOffsets(documentText);
    for (let path: string | undefined = field; path !== undefined; path = parentOf(path)) {
      const offset = offsets.get(path);
      if (offset === undefined) continue;
      const local = lineAndColumnOf(documentText, offset);
      return {
        line: base.line + local.line - 1,
        column: local.line === 1 ? base.column + local.column - 1 : local.column,
      };
    }
    return undefined;
  };
}
