import { readFileSync } from 'node:fs';
import type { Message } from '@ferry/core';
import { whatsappFixturesDir } from '@ferry/core/testing';

const folder = whatsappFixturesDir('meta-examples');

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${folder}/cloud-api__messages__${name}.request.json`, 'utf8')) as T;
}

interface ReplyButtonFixture {
  interactive: { body: { text: string }; action: { buttons: { reply: { id: string; title: string } }[] } };
}

interface ListFixture {
  interactive: {
    header: { text: string };
    body: { text: string };
    footer: { text: string };
    action: {
      button: string;
      sections: { title: string; rows: { id: string; title: string; description: string }[] }[];
    };
  };
}

/** Meta's published WhatsApp examples as neutral messages (the fields the model holds). */
export function fixtureMessages(): Record<string, Message> {
  const button = fixture<ReplyButtonFixture>('send-reply-button');
  const list = fixture<ListFixture>('send-list-message');
  const text = fixture<{ text: { body: string } }>('send-text-message-with-preview-url');
  const image = fixture<{ image: { link: string } }>('send-image-message-by-url');
  return {
    'reply button fixture': {
      text: button.interactive.body.text,
      buttons: button.interactive.action.buttons.map(({ reply }) => ({ kind: 'reply', ...reply })),
    },
    'list fixture': {
      header: { type: 'text', text: list.interactive.header.text },
      text: list.interactive.body.text,
      footer: list.interactive.footer.text,
      menu: { label: list.interactive.action.button, sections: list.interactive.action.sections },
    },
    'text with link fixture': { text: text.text.body },
    'image by url fixture': { media: [{ kind: 'image', source: { url: image.image.link } }] },
  };
}
