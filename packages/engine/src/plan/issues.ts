import type { z } from 'zod';
import { planSchema } from './schema.js';
import type { PlanPath } from './source.js';

type ZodIssue = z.core.$ZodIssue;

interface SchemaDefinition {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly options?: readonly z.core.$ZodType[];
}

function definitionOf(schema: z.core.$ZodType): SchemaDefinition {
  return schema._zod.def as unknown as SchemaDefinition;
}

/** The field names the schema allows at `path` (an object inside the plan), for "did you mean". */
function knownKeysAt(path: PlanPath): string[] {
  let schema: z.core.$ZodType | undefined = planSchema;
  for (const segment of [...path, undefined]) {
    while (schema !== undefined && ['optional', 'default', 'nullable'].includes(definitionOf(schema).type)) {
      schema = definitionOf(schema).innerType;
    }
    if (schema === undefined) return [];
    const definition = definitionOf(schema);
    if (segment === undefined) return definition.type === 'object' ? Object.keys(definition.shape ?? {}) : [];
    if (definition.type === 'object' && typeof segment === 'string') schema = definition.shape?.[segment];
    else if (definition.type === 'array' && typeof segment === 'number') schema = definition.element;
    else return [];
  }
  return [];
}

function distance(left: string, right: string): number {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

function suggestionFor(key: string, parent: PlanPath): string | undefined {
  const candidates = knownKeysAt(parent)
    .map((name) => ({ name, score: distance(key, name) }))
    .filter((candidate) => candidate.score <= Math.max(1, Math.floor(candidate.name.length / 3)))
    .sort((left, right) => left.score - right.score);
  return candidates[0]?.name;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: PlanPath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

function messageOf(issue: ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${kindOf(value)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    case 'invalid_union': {
      const nested = issue.errors.flat();
      const specific = nested.find((inner) => inner.code !== 'invalid_type');
      if (specific !== undefined) return messageOf(specific, value);
      const expected = [
        ...new Set(nested.map((inner) => (inner.code === 'invalid_type' ? inner.expected : ''))),
      ];
      return `expected ${expected.map((name) => TYPE_NAMES[name] ?? name).join(' or ')}, got ${kindOf(value)}`;
    }
    case 'too_small':
      if (Number(issue.minimum) === 1 && (issue.origin === 'string' || issue.origin === 'array')) {
        return 'must not be empty';
      }
      return issue.message;
    default:
      return issue.message;
  }
}

/** A schema issue ready for the report: path, a message that never contains the value. */
export interface SchemaIssue {
  readonly path: PlanPath;
  readonly message: string;
}

/**
 * Turns zod issues into plan issues: one per unknown key (with a suggestion), "required" for missing
 * fields, readable type names; issues under `skip` paths (already reported as secrets) are dropped.
 */
export function schemaIssues(
  issues: readonly ZodIssue[],
  root: unknown,
  skip: readonly PlanPath[],
): SchemaIssue[] {
  const skipped = (path: PlanPath) =>
    skip.some(
      (prefix) => prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment),
    );
  const result: (SchemaIssue & { readonly missing?: boolean })[] = [];
  // A misspelt required field is one mistake: "did you mean" replaces "missing".
  const suggested = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        if (skipped(keyPath)) continue;
        const suggestion = suggestionFor(key, path);
        if (suggestion !== undefined) suggested.add(JSON.stringify([...path, suggestion]));
        const hint = suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
        result.push({ path: keyPath, message: `unknown field \`${key}\`${hint}` });
      }
      continue;
    }
    if (skipped(path)) continue;
    const value = valueAt(root, path);
    const missing =
      value === undefined && ['invalid_type', 'invalid_union', 'invalid_value'].includes(issue.code);
    let message = missing ? 'required field is missing' : messageOf(issue, value);
    if (!missing && path.length === 1 && path[0] === 'version') {
      message = `this Ferry reads plan version 1 (${message})`;
    }
    result.push({ path, message, missing });
  }
  return result
    .filter((issue) => !(issue.missing === true && suggested.has(JSON.stringify(issue.path))))
    .map(({ path, message }) => ({ path, message }));
}
