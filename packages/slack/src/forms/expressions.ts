/** Answers and screen data a form's `${form.x}` / `${data.x}` references read from. */
export interface FormScope {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly data: Readonly<Record<string, unknown>>;
}

const WHOLE = /^\$\{(form|data)\.([A-Za-z0-9_.-]+)\}$/;
const ANY = /\$\{(form|data)\.([A-Za-z0-9_.-]+)\}/g;

function lookup(scope: FormScope, kind: string, name: string): unknown {
  return kind === 'form' ? scope.answers[name] : scope.data[name];
}

/**
 * Replaces `${form.x}` and `${data.x}` in a Flow-style payload: a string that is exactly one
 * reference takes the answer's own value (list, boolean, number), others are interpolated.
 */
export function substitute(value: unknown, scope: FormScope): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(scope, whole[1] ?? '', whole[2] ?? '') ?? '';
    return value.replace(ANY, (_match, kind: string, name: string) => {
      const found = lookup(scope, kind, name);
      return found === undefined || found === null ? '' : String(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, scope)]));
  }
  return value;
}

/**
 * Evaluates the simple conditions a modal can decide when it opens: `${form.x}`, `${data.x}` and
 * their negation with `!`; anything else is `undefined` (not decidable here).
 */
export function evaluateCondition(condition: string, scope: FormScope): boolean | undefined {
  const trimmed = condition.trim();
  const negated = trimmed.startsWith('!');
  const body = (negated ? trimmed.slice(1) : trimmed).trim().replace(/^\((.*)\)$/, '$1');
  const whole = WHOLE.exec(body);
  if (!whole) return undefined;
  const found = lookup(scope, whole[1] ?? '', whole[2] ?? '');
  const truthy = Array.isArray(found) ? found.length > 0 : Boolean(found);
  return negated ? !truthy : truthy;
}
