import type { Form } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import type { FormSession } from '../types.js';
import { evaluateCondition, resolvePayload } from './expressions.js';

const form: Form = { id: 'f', screens: [] };
const session = (answers: FormSession['answers'], data: FormSession['data'] = {}): FormSession => ({
  form,
  flowToken: 't',
  status: 'asking',
  screen: 'A',
  position: 0,
  step: 1,
  answers,
  data,
});

describe('Flow payload references and conditions', () => {
  it('keeps the answer type for a whole reference and interpolates inside strings', () => {
    const state = session({ topics: ['a', 'b'], ok: true, name: 'Dana' }, { plan: 'gold' });
    expect(
      resolvePayload(
        {
          topics: '${form.topics}',
          ok: '${form.ok}',
          hello: 'Hi ${form.name} (${data.plan})',
          nested: ['${form.name}'],
          missing: '${form.none}',
        },
        state,
      ),
    ).toEqual({ topics: ['a', 'b'], ok: true, hello: 'Hi Dana (gold)', nested: ['Dana'], missing: '' });
  });

  it('evaluates references, comparisons, negation, && and ||', () => {
    const state = session({ ok: true, plan: 'gold', age: '33', none: '' });
    expect(evaluateCondition('${form.ok}', state)).toBe(true);
    expect(evaluateCondition('!${form.ok}', state)).toBe(false);
    expect(evaluateCondition("${form.plan} == 'gold'", state)).toBe(true);
    expect(evaluateCondition("${form.plan} != 'gold' || ${form.age} >= 18", state)).toBe(true);
    expect(evaluateCondition('${form.ok} && ${form.none}', state)).toBe(false);
    expect(evaluateCondition('${form.unknown}', state)).toBe(false);
  });
});
