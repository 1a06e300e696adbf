import { readdirSync, readFileSync } from 'node:fs';
import { ShortIdTable } from '@ferry/core';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../src/index.js';

const FIXTURES = '/work/shared/fixtures/whatsapp/meta-examples';
const read = (name: string): unknown =>
  JSON.parse(readFileSync(`${FIXTURES}/cloud-api__webhook-subscriptions__${name}.request.json`, 'utf8'));
const parse = (body: unknown) => parseWebhook(body, 0, { ids: new ShortIdTable() });

describe("Meta's published webhook bodies", () => {
  it('reads a text message with the sender profile name and the time in ms', () => {
    expect(parse(read('received-text-message')).events).toEqual([
      {
        channel: 'whatsapp',
        type: 'text',
        text: 'Hello this is an answer',
        sender: { id: '16315551234', conversationId: '16315551234', name: 'Kerry Fisher' },
        eventId: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W',
        at: 1_603_059_201_000,
      },
    ]);
  });

  it('reads a template quick-reply tap as a choice carrying the payload and the tapped message', () => {
    expect(parse(read('received-callback-from-a-quick-reply-button-click')).events).toEqual([
      expect.objectContaining({
        type: 'choice',
        id: 'No-Button-Payload',
        title: 'No',
        messageId: 'wamid.gBGGFlCGg0cvAgkLFm4e9tICiTI',
      }),
    ]);
  });

  it('reads a status update as a status, not an event', () => {
    const parsed = parse(read('message-status-update-notifications'));
    expect(parsed.events).toEqual([]);
    expect(parsed.statuses).toEqual([
      {
        messageId: 'wamid.gBGGFlCGg0cvAglAxydbAoy-gwNo',
        recipientId: '16315551234',
        status: 'sent',
        at: 1_603_086_313_000,
      },
    ]);
  });

  it('gives no event for media, reactions, orders and unknown messages, and never throws', () => {
    const files = readdirSync(FIXTURES).filter(
      (file) =>
        file.startsWith('cloud-api__webhook-subscriptions__received-') && file.endsWith('.request.json'),
    );
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const parsed = parse(JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8')));
      expect(parsed.events.length, file).toBeLessThanOrEqual(1);
    }
    for (const name of [
      'received-media-message-with-image',
      'received-message-with-reaction',
      'received-order-messages',
      'received-unknown-messages',
    ])
      expect(parse(read(name)).events, name).toEqual([]);
  });
});
