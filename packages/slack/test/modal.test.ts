import type { Form } from '@ferry/core';
import { CONTRACT_MESSAGES } from '@ferry/core/testing';
import { describe, expect, it } from 'vitest';
import { formModal, linkCodeModal, linkHomeView } from '../src/index.js';

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

describe('golden views.open body for a form screen', () => {
  it('maps each field type to its Block Kit input, required fields not optional', () => {
    const form = CONTRACT_MESSAGES['form button']?.form as Form;
    const screen = form.screens[0];
    if (screen === undefined) throw new Error('no screen');
    expect(formModal(form, screen, 'session-1:DETAILS', { answers: {}, data: {} })).toEqual({
      type: 'modal',
      callback_id: 'ferry:form',
      private_metadata: 'session-1:DETAILS',
      title: plain('Your details'),
      submit: plain('Send'),
      close: plain('Cancel'),
      blocks: [
        {
          type: 'input',
          block_id: 'name',
          label: plain('Name'),
          optional: false,
          element: { type: 'plain_text_input', action_id: 'name', max_length: 80 },
        },
        {
          type: 'input',
          block_id: 'email',
          label: plain('E-mail'),
          optional: false,
          element: { type: 'email_text_input', action_id: 'email' },
        },
        {
          type: 'input',
          block_id: 'birthday',
          label: plain('Birthday'),
          optional: true,
          element: { type: 'datepicker', action_id: 'birthday' },
        },
        {
          type: 'input',
          block_id: 'channel',
          label: plain('Preferred channel'),
          optional: true,
          element: {
            type: 'radio_buttons',
            action_id: 'channel',
            options: [
              { text: plain('Telegram'), value: 'telegram' },
              { text: plain('Slack'), value: 'slack' },
            ],
          },
        },
        {
          type: 'input',
          block_id: 'terms',
          label: plain('I agree to the terms'),
          optional: false,
          element: {
            type: 'checkboxes',
            action_id: 'terms',
            options: [{ text: plain('I agree to the terms'), value: 'yes' }],
          },
        },
      ],
    });
  });

  it('shows content blocks and picks the branch of a decidable condition', () => {
    const form: Form = {
      id: 'f',
      screens: [
        {
          id: 'S',
          title: 'A title longer than twenty-four characters',
          blocks: [
            { kind: 'heading', text: 'Welcome' },
            { kind: 'body', text: 'Read *this*' },
            { kind: 'caption', text: 'small print' },
            {
              kind: 'if',
              condition: '${data.vip}',
              // biome-ignore lint/suspicious/noThenProperty: the model names the branch `then`, as Flow JSON's If does.
              then: [{ kind: 'body', text: 'VIP' }],
              else: [{ kind: 'body', text: 'Regular' }],
            },
          ],
        },
      ],
    };
    const screen = form.screens[0];
    if (screen === undefined) throw new Error('no screen');
    const view = formModal(form, screen, 's:S', { answers: {}, data: { vip: false } });
    expect(view['title']).toEqual(plain('A title longer than twen'));
    expect(view['submit']).toEqual(plain('Next'));
    expect(view['blocks']).toEqual([
      { type: 'header', text: plain('Welcome') },
      { type: 'section', text: { type: 'mrkdwn', text: 'Read *this*' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'small print' }] },
      { type: 'section', text: { type: 'mrkdwn', text: 'Regular' } },
    ]);
  });
});

describe('golden link views', () => {
  const button = {
    type: 'actions',
    elements: [
      { type: 'button', text: plain('Enter link code'), action_id: 'ferry:link-open', style: 'primary' },
    ],
  };

  it('the App Home tab (views.publish) holds the button that opens the code modal', () => {
    expect(linkHomeView()).toEqual({
      type: 'home',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: 'Link this Slack account to your existing conversation: press the button and paste your code.',
          },
        },
        button,
      ],
    });
  });

  it('the code modal has one text input', () => {
    expect(linkCodeModal()).toEqual({
      type: 'modal',
      callback_id: 'ferry:link',
      title: plain('Link account'),
      submit: plain('Link'),
      close: plain('Cancel'),
      blocks: [
        {
          type: 'input',
          block_id: 'ferry:link-code',
          label: plain('Your link code'),
          element: { type: 'plain_text_input', action_id: 'ferry:link-code', max_length: 200 },
        },
      ],
    });
  });
});
