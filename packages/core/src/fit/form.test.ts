import { describe, expect, it } from 'vitest';
import { DISCORD_CAPABILITIES, SLACK_CAPABILITIES, WHATSAPP_CAPABILITIES } from '../capabilities/index.js';
import type { Form, FormField } from '../model/index.js';
import { fit as fitFor } from './index.js';

const field = (name: string, extra: Partial<FormField> = {}): FormField => ({
  kind: 'field',
  name,
  type: 'shortText',
  label: name,
  ...extra,
});

const form = (fields: FormField[]): Form => ({
  id: 'signup',
  screens: [
    {
      id: 'MAIN',
      title: 'Sign up',
      blocks: fields,
      submit: { label: 'Send', action: { type: 'complete', payload: {} } },
    },
  ],
});

describe('fit: forms', () => {
  it('splits a screen with more fields than a Discord modal into chained views that carry the answers', () => {
    const fields = Array.from({ length: 7 }, (_, index) => field(`f${index}`));
    const result = fitFor({ text: 'Join', form: form(fields) }, DISCORD_CAPABILITIES);
    const screens = result.messages[0]?.form?.screens ?? [];
    expect(screens.map((screen) => [screen.id, screen.blocks.length])).toEqual([
      ['MAIN', 5],
      ['MAIN_2', 2],
    ]);
    expect(screens[0]?.submit).toEqual({
      label: 'Send',
      action: {
        type: 'navigate',
        screen: 'MAIN_2',
        payload: { f0: '${form.f0}', f1: '${form.f1}', f2: '${form.f2}', f3: '${form.f3}', f4: '${form.f4}' },
      },
    });
    expect(screens[1]?.submit?.action).toEqual({ type: 'complete', payload: {} });
    expect(result.notes).toContainEqual({
      severity: 'info',
      path: 'form.screens[0]',
      reason: "7 blocks exceed discord's 5 per view: split into 2 chained views.",
    });
  });

  it('notes field types the target cannot ask natively and keeps the type for validation', () => {
    const result = fitFor({ form: form([field('birthday', { type: 'date' })]) }, DISCORD_CAPABILITIES);
    expect(result.messages[0]?.form?.screens[0]?.blocks[0]).toMatchObject({ type: 'date' });
    expect(result.notes).toEqual([
      {
        severity: 'degraded',
        path: 'form.screens[0].blocks[0]',
        reason: 'discord has no native date input: asked as short text validated as date.',
      },
    ]);
    expect(fitFor({ form: form([field('birthday', { type: 'date' })]) }, SLACK_CAPABILITIES).notes).toEqual(
      [],
    );
  });

  it('drops options beyond the limit with a lost note naming them, and cuts long labels', () => {
    const options = Array.from({ length: 27 }, (_, index) => ({ id: `o${index}`, title: `Option ${index}` }));
    const result = fitFor(
      { form: form([field('pick', { type: 'dropdown', options, label: 'L'.repeat(60) })]) },
      DISCORD_CAPABILITIES,
    );
    const fitted = result.messages[0]?.form?.screens[0]?.blocks[0] as FormField;
    expect(fitted.options).toHaveLength(25);
    expect(fitted.label).toBe(`${'L'.repeat(44)}…`);
    expect(result.notes).toContainEqual({
      severity: 'lost',
      path: 'form.screens[0].blocks[0].options',
      reason: 'discord shows at most 25 options: 2 dropped ("Option 25", "Option 26").',
    });
  });

  it('cuts a conditional too big for one view into several with the same condition', () => {
    const conditional = {
      kind: 'if' as const,
      condition: '${form.a}',
      // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
      then: Array.from({ length: 7 }, (_, index) => field(`t${index}`)),
    };
    const result = fitFor(
      { form: { id: 'f', screens: [{ id: 'S', blocks: [conditional] }] } },
      DISCORD_CAPABILITIES,
    );
    const screens = result.messages[0]?.form?.screens ?? [];
    expect(
      screens.map((screen) => screen.blocks.map((block) => (block.kind === 'if' ? block.then.length : -1))),
    ).toEqual([[5], [2]]);
  });

  it('leaves a form for WhatsApp (its own Flow) as it is', () => {
    const input = form(Array.from({ length: 12 }, (_, index) => field(`f${index}`, { type: 'date' })));
    const result = fitFor({ text: 'Join', form: input }, WHATSAPP_CAPABILITIES);
    expect(result.messages[0]?.form).toEqual(input);
    expect(result.notes).toEqual([]);
  });

  it('attaches the form to the message whose button opens it', () => {
    const result = fitFor(
      {
        text: 'Join',
        buttons: [{ kind: 'form', title: 'Open', formId: 'signup' }],
        form: form([field('name')]),
        location: { latitude: 1, longitude: 2 },
      },
      SLACK_CAPABILITIES,
    );
    expect(result.messages.map((message) => message.form?.id)).toEqual(['signup', undefined]);
  });
});
