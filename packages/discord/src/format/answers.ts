import type { FieldOption, FormField } from '@ferry/core';

/** The answers read from one modal submit, and what was wrong with them (empty when valid). */
export interface ModalAnswers {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly problems: readonly string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YES = new Set(['yes', 'y', 'true', '1', 'ok', 'agree', 'i agree']);
const NO = new Set(['no', 'n', 'false', '0']);

/**
 * Reads and checks the typed answers of a modal's fields: choice fields resolve to option ids
 * (by id or title), numbers to numbers, opt-ins to booleans; a modal has only text inputs, so
 * Discord itself checks nothing but `required` and lengths.
 */
export function readAnswers(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>,
): ModalAnswers {
  const answers: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') {
      if (field.required === true) problems.push(`${field.label}: required.`);
      continue;
    }
    const result = readOne(field, raw);
    if (typeof result === 'object' && result !== null && 'problem' in result)
      problems.push(`${field.label}: ${result.problem}`);
    else answers[field.name] = result;
  }
  return { answers, problems };
}

function readOne(field: FormField, raw: string): unknown {
  switch (field.type) {
    case 'number': {
      const value = Number(raw);
      if (!Number.isFinite(value)) return { problem: 'a number is needed.' };
      if (typeof field.min === 'number' && value < field.min) return { problem: `at least ${field.min}.` };
      if (typeof field.max === 'number' && value > field.max) return { problem: `at most ${field.max}.` };
      return value;
    }
    case 'email':
      return EMAIL.test(raw) ? raw : { problem: 'an e-mail address is needed.' };
    case 'date':
      return DATE.test(raw) && !Number.isNaN(Date.parse(raw))
        ? raw
        : { problem: 'a date as YYYY-MM-DD is needed.' };
    case 'optIn': {
      const word = raw.toLowerCase();
      if (YES.has(word)) return true;
      if (NO.has(word)) return field.required === true ? { problem: 'must be accepted.' } : false;
      return { problem: 'answer yes or no.' };
    }
    case 'singleChoice':
    case 'dropdown': {
      const option = matchOption(field.options ?? [], raw);
      return option === undefined ? { problem: `choose one of the options.` } : option.id;
    }
    case 'multipleChoice': {
      const picked = raw.split(',').map((piece) => matchOption(field.options ?? [], piece.trim()));
      if (picked.some((option) => option === undefined)) return { problem: 'choose from the options.' };
      const ids = picked.flatMap((option) => (option === undefined ? [] : [option.id]));
      if (field.minSelected !== undefined && ids.length < field.minSelected)
        return { problem: `choose at least ${field.minSelected}.` };
      if (field.maxSelected !== undefined && ids.length > field.maxSelected)
        return { problem: `choose at most ${field.maxSelected}.` };
      return ids;
    }
    default:
      return raw;
  }
}

function matchOption(options: readonly FieldOption[], raw: string): FieldOption | undefined {
  const wanted = raw.toLowerCase();
  return options.find(
    (option) => option.id.toLowerCase() === wanted || option.title.toLowerCase() === wanted,
  );
}

const REFERENCE = /\$\{(form|data)\.([A-Za-z0-9_]+)\}/g;
const WHOLE = /^\$\{(form|data)\.([A-Za-z0-9_]+)\}$/;

/**
 * A Flow action payload with `${form.x}` and `${data.x}` replaced by the answers and screen data:
 * a value that is exactly one reference keeps the answer's type, references inside text become text.
 * @see packages/core/src/model/form.ts (`FormAction`)
 */
export function resolvePayload(
  payload: Readonly<Record<string, unknown>>,
  answers: Readonly<Record<string, unknown>>,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const lookup = (scope: string, name: string) => (scope === 'form' ? answers[name] : data[name]);
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const whole = WHOLE.exec(value);
      if (whole !== null) return lookup(whole[1] ?? '', whole[2] ?? '') ?? '';
      return value.replace(REFERENCE, (_, scope: string, name: string) => {
        const found = lookup(scope, name);
        return found === undefined ? '' : Array.isArray(found) ? found.join(',') : String(found);
      });
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
    }
    return value;
  };
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, resolve(value)]));
}
