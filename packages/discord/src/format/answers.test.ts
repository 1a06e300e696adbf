import type { FormField } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { readAnswers, resolvePayload } from './answers.js';

const fields: FormField[] = [
  { kind: 'field', name: 'name', type: 'shortText', label: 'Name', required: true },
  { kind: 'field', name: 'email', type: 'email', label: 'E-mail' },
  { kind: 'field', name: 'age', type: 'number', label: 'Age', min: 18 },
  {
    kind: 'field',
    name: 'channel',
    type: 'singleChoice',
    label: 'Channel',
    options: [
      { id: 'tg', title: 'Telegram' },
      { id: 'sl', title: 'Slack' },
    ],
  },
  { kind: 'field', name: 'terms', type: 'optIn', label: 'Terms', required: true },
];

describe('readAnswers', () => {
  it('types answers: choices by title become option ids, numbers numbers, opt-ins booleans', () => {
    expect(
      readAnswers(fields, {
        name: ' Ada ',
        email: 'ada@example.com',
        age: '36',
        channel: 'slack',
        terms: 'Yes',
      }),
    ).toEqual({
      answers: { name: 'Ada', email: 'ada@example.com', age: 36, channel: 'sl', terms: true },
      problems: [],
    });
  });

  it('says what is wrong with each bad answer', () => {
    const { problems } = readAnswers(fields, { email: 'nope', age: '12', channel: 'fax', terms: 'no' });
    expect(problems).toEqual([
      'Name: required.',
      'E-mail: an e-mail address is needed.',
      'Age: at least 18.',
      'Channel: choose one of the options.',
      'Terms: must be accepted.',
    ]);
  });
});

describe('resolvePayload', () => {
  it('replaces ${form.x} keeping the type when whole, as text inside strings, and ${data.x}', () => {
    expect(
      resolvePayload(
        {
          name: '${form.name}',
          age: '${form.age}',
          line: 'Hi ${form.name} from ${data.city}',
          nested: ['${form.age}'],
        },
        { name: 'Ada', age: 36 },
        { city: 'Rome' },
      ),
    ).toEqual({ name: 'Ada', age: 36, line: 'Hi Ada from Rome', nested: [36] });
  });
});
