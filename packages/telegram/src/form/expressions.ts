import type { FormSession } from '../types.js';

const REFERENCE = /\$\{(form|data)\.([A-Za-z0-9_]+)\}/g;
const WHOLE_REFERENCE = /^\$\{(form|data)\.([A-Za-z0-9_]+)\}$/;

function lookup(kind: string, name: string, session: FormSession): unknown {
  return kind === 'form' ? session.answers[name] : session.data[name];
}

/**
 * A Flow payload with `${form.x}` / `${data.x}` replaced: a value that is exactly one reference
 * keeps the answer's type (list, boolean), references inside longer strings are interpolated.
 * @see PLATFORMS.md §1.4 (Flow JSON) and core `model/form.ts` (`complete` payload)
 */
export function resolveValue(value: unknown, session: FormSession): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole !== null) return lookup(whole[1] ?? '', whole[2] ?? '', session) ?? '';
    return value.replace(REFERENCE, (_match, kind: string, name: string) =>
      asText(lookup(kind, name, session)),
    );
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, session));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, session)]));
  }
  return value;
}

/** A payload object with its references resolved. */
export function resolvePayload(
  payload: Readonly<Record<string, unknown>> | undefined,
  session: FormSession,
): Record<string, unknown> {
  return (resolveValue(payload ?? {}, session) as Record<string, unknown>) ?? {};
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Evaluates the simple Flow conditions a conversation can follow: references, quoted strings,
 * numbers and booleans compared with `==`, `!=`, `<`, `>`, `<=`, `>=`, negated with `!`, joined
 * with `&&` / `||` (no parentheses). Anything else is false.
 */
export function evaluateCondition(condition: string, session: FormSession): boolean {
  return condition
    .split('||')
    .some((any) => any.split('&&').every((all) => evaluateAtom(all.trim(), session)));
}

function evaluateAtom(atom: string, session: FormSession): boolean {
  const comparison = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(atom);
  if (comparison !== null) {
    const left = operand(comparison[1] ?? '', session);
    const right = operand(comparison[3] ?? '', session);
    switch (comparison[2]) {
      case '==':
        return asText(left) === asText(right);
      case '!=':
        return asText(left) !== asText(right);
      case '<':
        return Number(left) < Number(right);
      case '>':
        return Number(left) > Number(right);
      case '<=':
        return Number(left) <= Number(right);
      default:
        return Number(left) >= Number(right);
    }
  }
  if (atom.startsWith('!')) return !evaluateAtom(atom.slice(1).trim(), session);
  return truthy(operand(atom, session));
}

function operand(text: string, session: FormSession): unknown {
  const trimmed = text.trim().replace(/^\(+|\)+$/g, '');
  const whole = WHOLE_REFERENCE.exec(trimmed);
  if (whole !== null) return lookup(whole[1] ?? '', whole[2] ?? '', session);
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(trimmed);
  if (quoted !== null) return quoted[1] ?? quoted[2] ?? '';
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  return undefined;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}
