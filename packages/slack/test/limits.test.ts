import type { Message } from '@ferry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureMessages } from './fixtures.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

const long = (length: number, letter = 'x') => letter.repeat(length);

/** Messages past every Block Kit limit PLATFORMS.md §3.2 lists; the emulator enforces those limits. */
const oversized: Record<string, Message> = {
  'header over 150, button label over 75, id over 255 bytes': {
    header: { type: 'text', text: long(200, 'H') },
    text: 'Body',
    buttons: [{ kind: 'reply', id: long(300, 'i'), title: long(90, 'L') }],
  },
  'menu of 250 rows with long titles, descriptions, ids and section titles': {
    text: 'Pick',
    menu: {
      label: long(200, 'P'),
      sections: [
        {
          title: long(100, 'A'),
          rows: Array.from({ length: 150 }, (_, index) => ({
            id: `a-${index}-${long(80)}`,
            title: long(90, 'T'),
            description: long(90, 'D'),
          })),
        },
        {
          title: 'B',
          rows: Array.from({ length: 100 }, (_, index) => ({ id: `b-${index}`, title: `B ${index}` })),
        },
      ],
    },
  },
  '40 buttons': {
    text: 'Many',
    buttons: Array.from({ length: 40 }, (_, index) => ({
      kind: 'reply' as const,
      id: `b${index}`,
      title: `Button ${index}`,
    })),
  },
  'URL button with a 4000-character URL': {
    text: 'Link',
    buttons: [{ kind: 'url', title: 'Open', url: `https://example.com/?q=${long(4000)}` }],
  },
  'footer over 2000': { text: 'Body', footer: long(2500, 'f') },
  ...fixtureMessages(),
};

describe('every Block Kit limit holds: the emulator accepts oversized messages once rendered', () => {
  for (const [label, message] of Object.entries(oversized)) {
    it(`delivers "${label}" with notes for what changed`, async () => {
      const recipient = rig.slack.users.create({ name: label.slice(0, 20) }).id;
      const rendered = rig.channel.render(message);
      const outcome = await rig.channel.send(recipient, message);
      expect(outcome).toMatchObject({ status: 'sent' });
      if (!label.includes('fixture')) expect(rendered.notes.length).toBeGreaterThan(0);
    });
  }

  it('opens a modal with more than 10 choices, long titles and labels within the view limits', async () => {
    const ada = rig.slack.users.create({ name: 'modal' });
    const sent = await rig.channel.send(ada.id, {
      text: 'Form',
      buttons: [{ kind: 'form', title: 'Open', formId: 'big' }],
      form: {
        id: 'big',
        title: long(60, 'T'),
        screens: [
          {
            id: 'ONE',
            title: long(60, 'S'),
            blocks: [
              {
                kind: 'field',
                name: 'pick',
                type: 'singleChoice',
                label: long(2500, 'L'),
                helperText: long(300, 'h'),
                options: Array.from({ length: 120 }, (_, index) => ({
                  id: `o-${index}-${long(90)}`,
                  title: long(90, 'O'),
                })),
              },
              { kind: 'field', name: 'note', type: 'longText', label: 'Note', maxLength: 5000 },
            ],
            submit: { label: long(40, 'G'), action: { type: 'complete', payload: { pick: '${form.pick}' } } },
            terminal: true,
          },
        ],
      },
    });
    if (sent.status !== 'sent') throw new Error(sent.status);
    expect((await ada.clickButton(sent.id, 'ferry:form')).status).toBe(200);
    expect(rig.slack.openViews(ada.id)).toHaveLength(1);
  });
});
