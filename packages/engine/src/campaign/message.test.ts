import { describe, expect, it } from 'vitest';
import { needsLink, personaliseMessage, personaliseTemplate } from './message.js';

const values = { name: 'Ana', link: 'https://t.me/ferry_bot?start=TOKEN123', token: 'TOKEN123' };

describe('per-recipient messages', () => {
  it('puts the token into the URL button suffix and fills named body parameters', () => {
    const template = personaliseTemplate(
      {
        name: 'we_moved',
        language: 'pt_BR',
        body: [{ text: '{{name}}', name: 'first_name' }, { text: 'Telegram' }],
        urlButton: { index: 0, suffix: 'token' },
      },
      values,
    );
    expect(template).toEqual({
      name: 'we_moved',
      language: 'pt_BR',
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ana', parameter_name: 'first_name' },
            { type: 'text', text: 'Telegram' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'TOKEN123' }] },
      ],
    });
  });

  it('fills text, footer and URL buttons of a neutral message', () => {
    const message = personaliseMessage(
      {
        text: 'Hi {{name}}',
        footer: 'Token {{token}}',
        buttons: [{ kind: 'url', title: 'Open', url: '{{link}}' }],
      },
      values,
    );
    expect(message).toEqual({
      text: 'Hi Ana',
      footer: 'Token TOKEN123',
      buttons: [{ kind: 'url', title: 'Open', url: values.link }],
    });
  });

  it('knows when a message needs a personal link', () => {
    expect(needsLink({ kind: 'message', message: { text: 'plain' } })).toBe(false);
    expect(needsLink({ kind: 'message', message: { text: 'go {{link}}' } })).toBe(true);
    expect(
      needsLink({
        kind: 'template',
        template: { name: 'x', language: 'en', urlButton: { index: 0, suffix: 'link' } },
      }),
    ).toBe(true);
  });
});
