import type { Message } from '../model/message.js';

const longParagraph = 'Ferry carries your assistant to its new home. '.repeat(60).trim();

/**
 * Neutral messages every channel must render within its limits and deliver to its emulator: the
 * shapes a WhatsApp assistant sends, plus the awkward cases (long text, too many buttons, a big menu).
 */
export const CONTRACT_MESSAGES: Readonly<Record<string, Message>> = {
  'plain text': { text: 'Hello there' },
  'whatsapp markup': { text: 'Hello *there*, _this_ is ~old~ `code`. Prices: 1.5 (approx) - [see] #1!' },
  'lists and quote': { text: '> We are moving\n\n- Telegram\n- Slack\n- Discord\n\n1. Tap\n2. Confirm' },
  'long text': { text: Array.from({ length: 6 }, () => longParagraph).join('\n\n') },
  'header and footer': {
    header: { type: 'text', text: 'We moved' },
    text: 'Tap below to continue.',
    footer: 'Reply STOP to opt out',
  },
  'reply buttons': {
    text: 'Where do you want to continue?',
    buttons: [
      { kind: 'reply', id: 'go-telegram', title: 'Telegram' },
      { kind: 'reply', id: 'go-slack', title: 'Slack' },
      { kind: 'reply', id: 'go-discord', title: 'Discord' },
    ],
  },
  'many buttons with long ids': {
    text: 'Pick a topic',
    buttons: Array.from({ length: 14 }, (_, index) => ({
      kind: 'reply' as const,
      id: `topic-${index}-${'x'.repeat(120)}`,
      title: `Topic number ${index + 1} with a rather long label`,
    })),
  },
  'url and phone buttons': {
    text: 'Open your personal link',
    buttons: [
      { kind: 'url', title: 'Continue', url: 'https://example.com/move?token=abc' },
      { kind: 'phone', title: 'Call us', phone: '+15550100000' },
    ],
  },
  menu: {
    text: 'Choose a plan',
    menu: {
      label: 'Plans',
      sections: [
        {
          title: 'Monthly',
          rows: Array.from({ length: 15 }, (_, index) => ({
            id: `m-${index}`,
            title: `Monthly ${index}`,
            description: 'Billed monthly',
          })),
        },
        {
          title: 'Yearly',
          rows: Array.from({ length: 15 }, (_, index) => ({ id: `y-${index}`, title: `Yearly ${index}` })),
        },
      ],
    },
  },
  image: { media: [{ kind: 'image', source: { url: 'https://example.com/cat.png' }, caption: 'A *cat*' }] },
  'document with long caption': {
    media: [
      {
        kind: 'document',
        source: { url: 'https://example.com/terms.pdf' },
        filename: 'terms.pdf',
        caption: longParagraph,
      },
    ],
  },
  location: {
    location: { latitude: 41.9028, longitude: 12.4964, name: 'Rome office', address: 'Via Roma 1' },
  },
  contact: {
    contacts: [
      {
        name: { formatted: 'Ferry Support', first: 'Ferry' },
        phones: [{ phone: '+15550100000', type: 'WORK' }],
      },
    ],
  },
  'form button': {
    text: 'Tell us where to reach you',
    buttons: [{ kind: 'form', title: 'Open form', formId: 'signup' }],
    form: {
      id: 'signup',
      title: 'Sign up',
      screens: [
        {
          id: 'DETAILS',
          title: 'Your details',
          blocks: [
            { kind: 'field', name: 'name', type: 'shortText', label: 'Name', required: true, maxLength: 80 },
            { kind: 'field', name: 'email', type: 'email', label: 'E-mail', required: true },
            { kind: 'field', name: 'birthday', type: 'date', label: 'Birthday' },
            {
              kind: 'field',
              name: 'channel',
              type: 'singleChoice',
              label: 'Preferred channel',
              options: [
                { id: 'telegram', title: 'Telegram' },
                { id: 'slack', title: 'Slack' },
              ],
            },
            { kind: 'field', name: 'terms', type: 'optIn', label: 'I agree to the terms', required: true },
          ],
          submit: {
            label: 'Send',
            action: { type: 'complete', payload: { name: '${form.name}', email: '${form.email}' } },
          },
          terminal: true,
        },
      ],
    },
  },
};
