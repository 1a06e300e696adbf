/** Where a text stops being valid JSON, and why, in words a user can act on. */
export interface JsonSyntaxError {
  /** 0-based offset into the text. */
  readonly offset: number;
  readonly reason: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class SyntaxFound extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Finds the first JSON syntax error in `text` (one JSON value, whitespace around it allowed).
 * `JSON.parse` says where it failed only for some errors and only in some Node versions, so the
 * readers call this after it fails to give every user a line and a column.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let position = 0;

  const describe = (at: number): string =>
    at >= text.length ? 'the file ends too early' : `unexpected character ${JSON.stringify(text[at])}`;
  const fail = (reason: string, at = position): never => {
    throw new SyntaxFound(at, reason);
  };
  const skipWhitespace = (): void => {
    while (position < text.length && WHITESPACE.has(text[position] ?? '')) position += 1;
  };
  const expectLiteral = (literal: string): void => {
    if (text.startsWith(literal, position)) position += literal.length;
    else fail(describe(position));
  };
  const readString = (): void => {
    position += 1;
    while (position < text.length) {
      const character = text[position] ?? '';
      if (character === '"') {
        position += 1;
        return;
      }
      if (character === '\\') {
        const escaped = text[position + 1] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6)))
            fail('bad \\u escape in a string');
          position += 6;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') {
          position += 2;
        } else {
          fail('bad escape in a string', position);
        }
        continue;
      }
      if (character < ' ') fail('a string contains a raw line break or control character; escape it');
      position += 1;
    }
    fail('a string is not closed (missing ")', text.length);
  };
  const readNumber = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position));
    if (match === null || match[0] === '-' || match[0] === '') fail(describe(position));
    position += match?.[0].length ?? 0;
  };
  const readValue = (depth: number): void => {
    if (depth > 10_000) fail('the document nests too deeply');
    skipWhitespace();
    const character = text[position];
    if (character === '{') readObject(depth);
    else if (character === '[') readArray(depth);
    else if (character === '"') readString();
    else if (character === 't') expectLiteral('true');
    else if (character === 'f') expectLiteral('false');
    else if (character === 'n') expectLiteral('null');
    else if (character === '-' || (character !== undefined && character >= '0' && character <= '9'))
      readNumber();
    else
      fail(
        position >= text.length
          ? 'the file ends too early'
          : `expected a value, found ${describe(position).replace('unexpected character ', '')}`,
      );
  };
  const readObject = (depth: number): void => {
    position += 1;
    skipWhitespace();
    if (text[position] === '}') {
      position += 1;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[position] !== '"') {
        fail(
          text[position] === '}'
            ? 'trailing comma before }'
            : position >= text.length
              ? 'the file ends too early (missing })'
              : 'expected a property name in double quotes',
        );
      }
      readString();
      skipWhitespace();
      if (text[position] !== ':') fail("expected ':' after a property name");
      position += 1;
      readValue(depth + 1);
      skipWhitespace();
      if (text[position] === ',') {
        position += 1;
        continue;
      }
      if (text[position] === '}') {
        position += 1;
        return;
      }
      fail(
        position >= text.length
          ? 'the file ends too early (missing })'
          : "expected ',' or '}' after a property value",
      );
    }
  };
  const readArray = (depth: number): void => {
    position += 1;
    skipWhitespace();
    if (text[position] === ']') {
      position += 1;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[position] === ']') fail('trailing comma before ]');
      readValue(depth + 1);
      skipWhitespace();
      if (text[position] === ',') {
        position += 1;
        continue;
      }
      if (text[position] === ']') {
        position += 1;
        return;
      }
      fail(
        position >= text.length
          ? 'the file ends too early (missing ])'
          : "expected ',' or ']' after an array item",
      );
    }
  };

  try {
    // A byte-order mark is not JSON but editors add it; the readers strip it before parsing.
    readValue(0);
    skipWhitespace();
    if (position < text.length) fail('more text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxFound) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

/** The 1-based line and column of a 0-based offset. */
export function lineAndColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index += 1) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
