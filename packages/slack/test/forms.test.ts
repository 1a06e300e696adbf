import type { Form, InboundEvent } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel, InMemoryFormSessionStore } from '../src/index.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function forms(events: readonly InboundEvent[]) {
  return events.filter((event): event is Extract<InboundEvent, { type: 'form' }> => event.type === 'form');
}

const twoScreens: Form = {
  id: 'order',
  title: 'Order',
  screens: [
    {
      id: 'WHO',
      title: 'Who',
      blocks: [
        { kind: 'field', name: 'name', type: 'shortText', label: 'Name', required: true },
        { kind: 'field', name: 'phone', type: 'phone', label: 'Phone' },
      ],
      submit: {
        label: 'Next',
        action: { type: 'navigate', screen: 'WHAT', payload: { customer: '${form.name}' } },
      },
    },
    {
      id: 'WHAT',
      title: 'What',
      blocks: [
        { kind: 'body', text: 'Pick your *plan*' },
        {
          kind: 'field',
          name: 'plan',
          type: 'singleChoice',
          label: 'Plan',
          required: true,
          options: [
            { id: 'monthly', title: 'Monthly' },
            { id: 'yearly', title: 'Yearly' },
          ],
        },
        {
          kind: 'field',
          name: 'extras',
          type: 'multipleChoice',
          label: 'Extras',
          options: [{ id: 'gift', title: 'Gift wrap' }],
        },
        { kind: 'field', name: 'seats', type: 'number', label: 'Seats' },
      ],
      submit: {
        label: 'Order',
        action: {
          type: 'complete',
          payload: {
            customer: '${data.customer}',
            plan: '${form.plan}',
            extras: '${form.extras}',
            seats: '${form.seats}',
            line: '${form.name} wants ${form.plan}',
          },
        },
      },
      terminal: true,
    },
  ],
};

describe('forms as modals, end to end through the emulator', () => {
  it('opens the form from its button, maps inputs by type, and answers in the nfm_reply shape', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    const message = CONTRACT_MESSAGES['form button'];
    if (message === undefined) throw new Error('no form message');
    const sent = await rig.channel.send(ada.id, { ...message, meta: { flow_token: 'FT-123' } });
    if (sent.status !== 'sent') throw new Error(sent.status);
    expect((await ada.clickButton(sent.id, 'ferry:form')).status).toBe(200);
    const [viewId] = rig.slack.openViews(ada.id);
    if (viewId === undefined) throw new Error('no modal');
    const view = rig.slack.view(viewId)?.view as {
      title: { text: string };
      blocks: { element?: { type: string } }[];
    };
    expect(view.title.text).toBe('Your details');
    expect(view.blocks.map((block) => block.element?.type)).toEqual([
      'plain_text_input',
      'email_text_input',
      'datepicker',
      'radio_buttons',
      'checkboxes',
    ]);
    const answer = await ada.submitView(viewId, {
      name: 'Ada',
      email: 'ada@example.com',
      birthday: '1990-12-10',
      channel: 'slack',
      terms: ['yes'],
    });
    expect(answer.status).toBe(200);
    expect(rig.slack.openViews(ada.id)).toEqual([]);
    expect(forms(rig.events)).toEqual([
      expect.objectContaining({
        formId: 'signup',
        sender: { id: ada.id, conversationId: ada.dmChannelId() },
        response: { flow_token: 'FT-123', name: 'Ada', email: 'ada@example.com' },
      }),
    ]);
  });

  it('pushes the next screen as a view, validates on submit, and completes with both screens answered', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    const sent = await rig.channel.send(ada.id, {
      text: 'Ready to order?',
      buttons: [{ kind: 'form', title: 'Order', formId: 'order' }],
      form: twoScreens,
    });
    if (sent.status !== 'sent') throw new Error(sent.status);
    await ada.clickButton(sent.id, 'ferry:form');
    const [first] = rig.slack.openViews(ada.id);
    if (first === undefined) throw new Error('no modal');

    const refused = await ada.submitView(first, { name: 'Ada', phone: 'not a phone' });
    expect(refused.json).toEqual({ response_action: 'errors', errors: { phone: 'Enter a phone number.' } });
    expect(rig.slack.openViews(ada.id)).toEqual([first]);

    const pushed = await ada.submitView(first, { name: 'Ada', phone: '+44 20 7946 0000' });
    expect(pushed.json).toMatchObject({ response_action: 'push' });
    const stack = rig.slack.openViews(ada.id);
    expect(stack).toHaveLength(2);
    const second = stack.at(-1) ?? '';
    const secondView = rig.slack.view(second)?.view as { title?: { text: string } } | undefined;
    expect(secondView?.title?.text).toBe('What');

    await ada.submitView(second, { plan: 'yearly', extras: ['gift'], seats: '3' });
    expect(rig.slack.openViews(ada.id)).toEqual([]);
    expect(forms(rig.events).map((event) => event.response)).toEqual([
      {
        flow_token: 'order',
        customer: 'Ada',
        plan: 'yearly',
        extras: ['gift'],
        seats: 3,
        line: 'Ada wants yearly',
      },
    ]);
  });

  it("replaces the top view once Slack's stack of 3 is full, and still completes", async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    const names = ['s1', 's2', 's3', 's4'];
    const form: Form = {
      id: 'long',
      screens: names.map((name, index) => ({
        id: name.toUpperCase(),
        title: `Step ${index + 1}`,
        blocks: [{ kind: 'field' as const, name, type: 'shortText' as const, label: name, required: true }],
        submit:
          index < names.length - 1
            ? {
                label: 'Next',
                action: { type: 'navigate' as const, screen: names[index + 1]?.toUpperCase() ?? '' },
              }
            : {
                label: 'Done',
                action: {
                  type: 'complete' as const,
                  payload: { all: '${form.s1}${form.s2}${form.s3}${form.s4}' },
                },
              },
      })),
    };
    const sent = await rig.channel.send(ada.id, {
      text: 'Go',
      buttons: [{ kind: 'form', title: 'Start', formId: 'long' }],
      form,
    });
    if (sent.status !== 'sent') throw new Error(sent.status);
    await ada.clickButton(sent.id, 'ferry:form');
    const actions: unknown[] = [];
    for (const name of names) {
      const top = rig.slack.openViews(ada.id).at(-1) ?? '';
      actions.push(
        (
          (await ada.submitView(top, { [name]: name.toUpperCase() })).json as {
            response_action?: string;
          } | null
        )?.response_action,
      );
    }
    expect(actions).toEqual(['push', 'push', 'update', 'clear']);
    expect(forms(rig.events).map((event) => event.response)).toEqual([
      { flow_token: 'long', all: 'S1S2S3S4' },
    ]);
  });

  it('keeps forms and sessions in the injected store, so a new channel instance finishes the form', async () => {
    rig = await startRig();
    const store = new InMemoryFormSessionStore();
    const ada = rig.slack.users.create({ name: 'ada' });
    const message = CONTRACT_MESSAGES['form button'];
    if (message === undefined) throw new Error('no form message');
    const sent = await rig.useChannel({ formStore: store }).send(ada.id, message);
    if (sent.status !== 'sent') throw new Error(sent.status);
    rig.useChannel({ formStore: store }); // a restart: new channel, same store
    await ada.clickButton(sent.id, 'ferry:form');
    const [viewId] = rig.slack.openViews(ada.id);
    if (viewId === undefined) throw new Error('the new instance did not find the form');
    rig.useChannel({ formStore: store });
    await ada.submitView(viewId, { name: 'Ada', email: 'ada@example.com', terms: ['yes'] });
    expect(forms(rig.events).map((event) => event.response)).toEqual([
      { flow_token: 'signup', name: 'Ada', email: 'ada@example.com' },
    ]);
  });

  it('reports the fidelity of a form that Slack cannot show exactly', () => {
    const channel = createSlackChannel({ token: 'xoxb-render', signingSecret: 'render' });
    const rendered = channel.render({
      text: 'Survey',
      buttons: [{ kind: 'form', title: 'Open', formId: 'survey' }],
      form: {
        id: 'survey',
        screens: [
          {
            id: 'ONE',
            blocks: [
              // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
              { kind: 'if', condition: '${form.a} == 1', then: [{ kind: 'body', text: 'shown' }] },
              { kind: 'image', media: { kind: 'image', source: { path: '/tmp/x.png' } } },
            ],
            submit: { label: 'Send', action: { type: 'dataExchange', payload: {} } },
          },
        ],
      },
    });
    expect(rendered.notes.map((note) => [note.severity, note.path])).toEqual(
      expect.arrayContaining([
        ['degraded', 'form.screens[0].blocks[0]'],
        ['lost', 'form.screens[0].blocks[1]'],
        ['degraded', 'form.screens[0].submit'],
      ]),
    );
  });
});
