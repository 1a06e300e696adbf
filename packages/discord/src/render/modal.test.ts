import { fit, ShortIdTable } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import { describe, expect, it } from 'vitest';
import { DISCORD_CHANNEL_CAPABILITIES } from './capabilities.js';
import { renderModal } from './modal.js';

function fittedForm(label: string) {
  const message = CONTRACT_MESSAGES[label];
  if (message === undefined) throw new Error(label);
  const form = fit(message, DISCORD_CHANNEL_CAPABILITIES, { ids: new ShortIdTable() }).messages.find(
    (part) => part.form !== undefined,
  )?.form;
  if (form === undefined) throw new Error('no form');
  return form;
}

describe('renderModal', () => {
  it('renders the contract sign-up form as one modal of five text inputs, non-text types explained in placeholders', () => {
    const form = fittedForm('form button');
    const screen = form.screens[0];
    if (screen === undefined) throw new Error('no screen');
    expect(renderModal(screen, form.title, 'KEY', 0)).toEqual({
      custom_id: 'ferry:modal:KEY:0',
      title: 'Your details',
      components: [
        {
          type: 1,
          components: [
            { type: 4, custom_id: 'name', label: 'Name', style: 1, required: true, max_length: 80 },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'email',
              label: 'E-mail',
              style: 1,
              required: true,
              placeholder: 'name@example.com',
            },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'birthday',
              label: 'Birthday',
              style: 1,
              required: false,
              placeholder: 'YYYY-MM-DD',
            },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'channel',
              label: 'Preferred channel',
              style: 1,
              required: false,
              placeholder: 'One of: Telegram, Slack',
            },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'terms',
              label: 'I agree to the terms',
              style: 1,
              required: true,
              placeholder: 'yes or no',
            },
          ],
        },
      ],
    });
  });

  it('shows static content as text displays and long text as a paragraph input', () => {
    const modal = renderModal(
      {
        id: 'S',
        title: 'A very long screen title that goes past forty-five characters',
        blocks: [
          { kind: 'heading', text: 'About you' },
          { kind: 'field', name: 'bio', type: 'longText', label: 'Bio' },
        ],
      },
      undefined,
      'K',
      2,
    );
    expect(modal).toEqual({
      custom_id: 'ferry:modal:K:2',
      title: 'A very long screen title that goes past forty',
      components: [
        { type: 10, content: '## About you' },
        { type: 1, components: [{ type: 4, custom_id: 'bio', label: 'Bio', style: 2, required: false }] },
      ],
    });
  });
});
