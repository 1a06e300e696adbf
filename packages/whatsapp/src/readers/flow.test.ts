import type { FormBlock, FormField } from '@ferry/core';
import { describe, expect, test } from 'vitest';
import { errorsOf, fixtureNames, fixtureText, warningsOf } from './__tests__/fixtures.js';
import { readFlow } from './flow/read-flow.js';

const flowFiles = fixtureNames('meta-flows', /\.json$/);

function flowOf(screens: readonly unknown[], extra: Record<string, unknown> = {}) {
  return readFlow(JSON.stringify({ version: '7.0', screens, ...extra }), { file: 'hand.json' });
}

function screen(id: string, children: readonly unknown[], extra: Record<string, unknown> = {}) {
  return { id, title: id, layout: { type: 'SingleColumnLayout', children }, ...extra };
}

function fields(blocks: readonly FormBlock[]): FormField[] {
  return blocks.filter((block): block is FormField => block.kind === 'field');
}

const footer = (action: unknown) => ({ type: 'Footer', label: 'Go', 'on-click-action': action });

describe('readFlow on Meta published flows', () => {
  test('there are Meta flows to read', () => {
    expect(flowFiles.length).toBeGreaterThanOrEqual(3);
  });

  test.each(flowFiles)('%s imports with zero error issues', (name) => {
    const result = readFlow(fixtureText('meta-flows', name), { file: name });
    expect(errorsOf(result.issues)).toEqual([]);
    const flow = result.items[0];
    expect(flow?.name).toBe(name.replace(/\.json$/, ''));
    expect(flow?.version).toBe('3.1');
    expect(flow?.needsEndpoint).toBe(false);
    expect(flow?.form.screens.length).toBeGreaterThan(0);
    for (const formScreen of flow?.form.screens ?? []) {
      expect(formScreen.submit?.action.type).toBe('complete');
    }
  });

  test('contact-us keeps its fields, text and the complete payload with ${form.x} references', () => {
    const [flow] = readFlow(fixtureText('meta-flows', 'contact-us.json'), {
      file: 'contact-us.json',
      name: 'Contact',
    }).items;
    expect(flow?.name).toBe('Contact');
    const [contactScreen] = flow?.form.screens ?? [];
    expect(contactScreen?.id).toBe('CONTACT_US');
    expect(contactScreen?.terminal).toBe(true);
    expect(contactScreen?.blocks).toEqual([
      { kind: 'field', name: 'first_name', type: 'shortText', label: 'First Name', required: true },
      { kind: 'field', name: 'second_name', type: 'shortText', label: 'Last Name/Surname', required: true },
      { kind: 'field', name: 'info', type: 'longText', label: 'Type your message', required: true },
      {
        kind: 'body',
        text: 'We will try to reach out to you as soon as possible! Please allow 2 business days to receive a response.',
      },
    ]);
    expect(contactScreen?.submit).toEqual({
      label: 'Submit',
      action: {
        type: 'complete',
        payload: {
          firstname: '${form.first_name}',
          secondname: '${form.second_name}',
          issue: '${form.info}',
          flow_key: 'contact',
        },
      },
    });
  });

  test('survey radio groups without labels take the question above them', () => {
    const [flow] = readFlow(fixtureText('meta-flows', 'survey.json'), { file: 'survey.json' }).items;
    const surveyFields = fields(flow?.form.screens[0]?.blocks ?? []);
    expect(surveyFields).toHaveLength(9);
    expect(surveyFields[0]).toMatchObject({
      name: 'source',
      type: 'singleChoice',
      label: 'How did you hear about our tour company?',
      required: true,
    });
    expect(surveyFields[0]?.options?.[0]).toEqual({ id: '0', title: 'Online search' });
  });

  test('agent-connect keeps the checkbox group options', () => {
    const [flow] = readFlow(fixtureText('meta-flows', 'agent-connect.json'), {
      file: 'agent-connect.json',
    }).items;
    const services = fields(flow?.form.screens[0]?.blocks ?? []).find(
      (field) => field.name === 'services_interested',
    );
    expect(services?.type).toBe('multipleChoice');
    expect(services?.options).toHaveLength(9);
  });
});

describe('readFlow components', () => {
  test('inputs keep their type, limits, helper text and initial values', () => {
    const result = flowOf([
      screen(
        'A',
        [
          {
            type: 'Form',
            name: 'form',
            'init-values': { email: 'ana@example.com' },
            children: [
              {
                type: 'TextInput',
                name: 'email',
                label: 'Email',
                'input-type': 'email',
                'min-chars': 5,
                'max-chars': '80',
                'helper-text': 'Work address',
              },
              { type: 'TextArea', name: 'notes', label: 'Notes', 'max-length': 300 },
              {
                type: 'DatePicker',
                name: 'day',
                label: 'Day',
                'min-date': '2026-01-01',
                'max-date': '2026-12-31',
              },
              {
                type: 'CheckboxGroup',
                name: 'topics',
                label: 'Topics',
                'min-selected-items': 1,
                'max-selected-items': 2,
                'data-source': [
                  { id: 'a', title: 'A' },
                  { id: 'b', title: 'B', description: 'Bee' },
                ],
              },
              { type: 'Dropdown', name: 'city', label: 'City', 'data-source': [{ id: 'rio', title: 'Rio' }] },
              { type: 'OptIn', name: 'terms', label: 'I agree', required: true },
              footer({ name: 'complete', payload: { email: '${form.email}' } }),
            ],
          },
        ],
        { terminal: true },
      ),
    ]);
    expect(result.issues).toEqual([]);
    expect(fields(result.items[0]?.form.screens[0]?.blocks ?? [])).toEqual([
      {
        kind: 'field',
        name: 'email',
        type: 'email',
        label: 'Email',
        helperText: 'Work address',
        minLength: 5,
        maxLength: 80,
        initial: 'ana@example.com',
      },
      { kind: 'field', name: 'notes', type: 'longText', label: 'Notes', maxLength: 300 },
      { kind: 'field', name: 'day', type: 'date', label: 'Day', min: '2026-01-01', max: '2026-12-31' },
      {
        kind: 'field',
        name: 'topics',
        type: 'multipleChoice',
        label: 'Topics',
        options: [
          { id: 'a', title: 'A' },
          { id: 'b', title: 'B', description: 'Bee' },
        ],
        minSelected: 1,
        maxSelected: 2,
      },
      {
        kind: 'field',
        name: 'city',
        type: 'dropdown',
        label: 'City',
        options: [{ id: 'rio', title: 'Rio' }],
      },
      { kind: 'field', name: 'terms', type: 'optIn', label: 'I agree', required: true },
    ]);
  });

  test('PhotoPicker and DocumentPicker are dropped with the unsupported reason', () => {
    const result = flowOf([
      screen('A', [
        { type: 'PhotoPicker', name: 'photo', label: 'Photo' },
        { type: 'DocumentPicker', name: 'doc', label: 'Doc' },
        footer({ name: 'complete', payload: {} }),
      ]),
    ]);
    expect(result.items[0]?.form.screens[0]?.blocks).toEqual([]);
    expect(warningsOf(result.issues).map((issue) => [issue.field, issue.reason])).toEqual([
      [
        'screens[0].layout.children[0].type',
        'PhotoPicker dropped: Uploading photos inside a form has no equivalent in Slack or Discord modals.',
      ],
      [
        'screens[0].layout.children[1].type',
        'DocumentPicker dropped: Uploading documents inside a form has no equivalent in Slack or Discord modals.',
      ],
    ]);
    expect(errorsOf(result.issues)).toEqual([]);
  });

  test('CalendarPicker, ChipsSelector and RichText are mapped with a warning each', () => {
    const result = flowOf([
      screen('A', [
        { type: 'RichText', text: ['# Title', 'Some *bold* text'] },
        { type: 'CalendarPicker', name: 'when', label: 'When' },
        { type: 'ChipsSelector', name: 'tags', label: 'Tags', 'data-source': [{ id: 't', title: 'T' }] },
        footer({ name: 'complete', payload: {} }),
      ]),
    ]);
    expect(result.items[0]?.form.screens[0]?.blocks).toEqual([
      { kind: 'body', text: '# Title\nSome *bold* text', markdown: true },
      { kind: 'field', name: 'when', type: 'date', label: 'When' },
      {
        kind: 'field',
        name: 'tags',
        type: 'multipleChoice',
        label: 'Tags',
        options: [{ id: 't', title: 'T' }],
      },
    ]);
    expect(warningsOf(result.issues)).toHaveLength(3);
  });

  test('a ${data.x} data-source takes the __example__ options and says so; without one it warns', () => {
    const result = flowOf([
      screen(
        'A',
        [
          { type: 'RadioButtonsGroup', name: 'slot', label: 'Slot', 'data-source': '${data.slots}' },
          { type: 'Dropdown', name: 'room', label: 'Room', 'data-source': '${data.rooms}' },
          footer({ name: 'complete', payload: {} }),
        ],
        {
          data: {
            slots: { type: 'array', __example__: [{ id: 'am', title: 'Morning' }] },
            rooms: { type: 'array' },
          },
        },
      ),
    ]);
    const [slot, room] = fields(result.items[0]?.form.screens[0]?.blocks ?? []);
    expect(slot?.options).toEqual([{ id: 'am', title: 'Morning' }]);
    expect(room?.options).toEqual([]);
    expect(warningsOf(result.issues).map((issue) => issue.field)).toEqual([
      'screens[0].layout.children[0].data-source',
      'screens[0].layout.children[1].data-source',
    ]);
  });

  test('navigate, data_exchange, open_url, If, Switch, NavigationList, EmbeddedLink and Image are read', () => {
    const result = flowOf(
      [
        screen('START', [
          { type: 'TextHeading', text: 'Welcome' },
          { type: 'Image', src: 'iVBORw0KGgo=', 'alt-text': 'logo' },
          {
            type: 'If',
            condition: '${form.vip}',
            // biome-ignore lint/suspicious/noThenProperty: Flow JSON's If names its branch `then`.
            then: [{ type: 'TextBody', text: 'Hello VIP', markdown: true }],
            else: [{ type: 'TextCaption', text: 'Hello' }],
          },
          { type: 'Switch', value: '${data.tier}', cases: { gold: [{ type: 'TextBody', text: 'Gold' }] } },
          {
            type: 'EmbeddedLink',
            text: 'Terms',
            'on-click-action': { name: 'open_url', url: 'https://example.com/t' },
          },
          footer({ name: 'navigate', next: { type: 'screen', name: 'MENU' }, payload: { from: 'start' } }),
        ]),
        screen('MENU', [
          {
            type: 'NavigationList',
            name: 'choices',
            'list-items': [
              {
                id: 'book',
                'main-content': { title: 'Book', description: 'Book a visit' },
                'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DONE' } },
              },
            ],
          },
        ]),
        screen('DONE', [footer({ name: 'data_exchange', payload: { answer: '${form.answer}' } })], {
          terminal: true,
        }),
      ],
      { routing_model: { START: ['MENU'] } },
    );
    const flow = result.items[0];
    expect(errorsOf(result.issues)).toEqual([]);
    expect(flow?.needsEndpoint).toBe(true);
    expect(flow?.form.needsEndpoint).toBe(true);
    expect(warningsOf(result.issues).map((issue) => issue.reason)).toEqual([
      "screen DONE sends data_exchange: running this flow needs the operator's data endpoint",
    ]);
    const [start, menu, done] = flow?.form.screens ?? [];
    expect(start?.blocks).toEqual([
      { kind: 'heading', text: 'Welcome' },
      {
        kind: 'image',
        media: {
          kind: 'image',
          source: { url: 'data:image/png;base64,iVBORw0KGgo=' },
          mimeType: 'image/png',
        },
        altText: 'logo',
      },
      {
        kind: 'if',
        condition: '${form.vip}',
        // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
        then: [{ kind: 'body', text: 'Hello VIP', markdown: true }],
        else: [{ kind: 'caption', text: 'Hello' }],
      },
      { kind: 'switch', value: '${data.tier}', cases: { gold: [{ kind: 'body', text: 'Gold' }] } },
      { kind: 'link', text: 'Terms', action: { type: 'openUrl', url: 'https://example.com/t' } },
    ]);
    expect(start?.submit).toEqual({
      label: 'Go',
      action: { type: 'navigate', screen: 'MENU', payload: { from: 'start' } },
    });
    expect(menu?.blocks).toEqual([
      {
        kind: 'navigationList',
        name: 'choices',
        items: [
          {
            id: 'book',
            title: 'Book',
            description: 'Book a visit',
            action: { type: 'navigate', screen: 'DONE' },
          },
        ],
      },
    ]);
    expect(done?.submit?.action).toEqual({ type: 'dataExchange', payload: { answer: '${form.answer}' } });
    expect(flow?.form.start).toBe('START');
  });

  test('data_api_version marks the flow as needing the endpoint; navigation to a missing screen warns', () => {
    const result = flowOf(
      [screen('A', [footer({ name: 'navigate', next: { type: 'screen', name: 'NOPE' } })])],
      {
        data_api_version: '3.0',
      },
    );
    expect(result.items[0]?.needsEndpoint).toBe(true);
    expect(warningsOf(result.issues).map((issue) => issue.reason)).toEqual([
      "the flow declares a data endpoint (data_api_version): its first screen's data comes from the operator's endpoint",
      'navigation to screen NOPE, which the flow does not define',
    ]);
  });

  test('versions 3 to 7.x read without a version warning; others warn', () => {
    for (const version of ['3.0', '5.1', '6.3', '7.3']) {
      const result = readFlow(JSON.stringify({ version, screens: [screen('A', [])] }), { file: 'v.json' });
      expect(result.issues).toEqual([]);
    }
    const old = readFlow(JSON.stringify({ version: '2.1', screens: [screen('A', [])] }), { file: 'v.json' });
    expect(warningsOf(old.issues)[0]?.reason).toContain('outside the versions');
  });
});

describe('readFlow mistakes', () => {
  test('issues point at the line and column of the value they are about', () => {
    const text = JSON.stringify(
      {
        version: '7.0',
        screens: [
          screen('A', [
            { type: 'TextHeading', text: 'Hi' },
            { type: 'PhotoPicker', name: 'photo', label: 'Photo' },
            footer({ name: 'complete', payload: {} }),
          ]),
        ],
      },
      null,
      2,
    );
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('"PhotoPicker"')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('"PhotoPicker"') + 1;
    expect(readFlow(text, { file: 'f.json' }).issues).toEqual([
      {
        file: 'f.json',
        line,
        column,
        field: 'screens[0].layout.children[1].type',
        reason: expect.stringMatching(/^PhotoPicker dropped/),
        severity: 'warning',
      },
    ]);
  });

  test('invalid JSON is an error with line and column', () => {
    const result = readFlow('{\n  "version": "3.1",\n  "screens": [\n    { "id": "A", }\n  ]\n}', {
      file: 'bad.json',
    });
    expect(result.items).toEqual([]);
    expect(result.issues).toEqual([
      {
        file: 'bad.json',
        line: 4,
        column: 18,
        reason: 'invalid JSON: trailing comma before } (line 4, column 18)',
        severity: 'error',
      },
    ]);
  });

  test('an empty file is an error', () => {
    expect(readFlow('', { file: 'empty.json' }).issues).toEqual([
      { file: 'empty.json', line: 1, reason: 'the file is empty', severity: 'error' },
    ]);
  });

  test('a template export given as a flow is an error that says how to import it', () => {
    const name = 'cloud-api__templates__get-all-templates-default-fields.response.json';
    const result = readFlow(fixtureText('meta-examples', name), { file: name });
    expect(result.items).toEqual([]);
    expect(result.issues[0]?.reason).toBe(
      'this looks like a WhatsApp message template export, import it as templates',
    );
  });
});
