import { describe, expect, test } from 'vitest';
import { fixtureLine, fixtureText } from './__tests__/fixtures.js';
import { detectArtifactKind } from './types.js';

describe('detectArtifactKind', () => {
  test.each([
    [
      'templates.json',
      fixtureText('meta-examples', 'cloud-api__templates__get-all-templates-default-fields.response.json'),
      'templates',
    ],
    ['x.json', fixtureText('meta-examples', 'cloud-api__templates__edit-template.request.json'), 'templates'],
    ['survey.json', fixtureText('meta-flows', 'survey.json'), 'flow'],
    [
      'log.jsonl',
      `${fixtureLine('cloud-api__webhook-subscriptions__received-text-message.request.json')}\n`,
      'webhook-log',
    ],
    ['out.jsonl', fixtureLine('cloud-api__messages__send-list-message.request.json'), 'sent-log'],
    ['people.txt', 'name,wa_id,opted_in_at\nAna,5511999990000,2025-01-01\n', 'contacts-csv'],
    ['people.jsonl', '{"wa_id":"5511999990000","name":"Ana"}\n', 'contacts-jsonl'],
  ])('%s is detected from its content', (name, head, kind) => {
    expect(detectArtifactKind(name, head)).toEqual({ kind });
  });

  test('content wins over a misleading name', () => {
    expect(detectArtifactKind('templates.json', fixtureText('meta-flows', 'contact-us.json'))).toEqual({
      kind: 'flow',
    });
  });

  test('a head cut off mid-document is still recognised by its keys', () => {
    const flow = fixtureText('meta-flows', 'survey.json');
    expect(detectArtifactKind('a.json', flow.slice(0, 200))).toEqual({ kind: 'flow' });
    const webhook = fixtureText(
      'meta-examples',
      'cloud-api__webhook-subscriptions__received-text-message.request.json',
    );
    expect(detectArtifactKind('a.json', webhook.slice(0, 80))).toEqual({ kind: 'webhook-log' });
  });

  test('the name decides when the content cannot', () => {
    expect(detectArtifactKind('optins.csv', '')).toEqual({ kind: 'contacts-csv' });
    expect(detectArtifactKind('my-flow.json', '{}')).toEqual({ kind: 'flow' });
    expect(detectArtifactKind('webhooks-2025.jsonl', '{"x":1}')).toEqual({ kind: 'webhook-log' });
  });

  test('an unknown file says why', () => {
    const detected = detectArtifactKind('notes.txt', 'hello there');
    expect(detected.kind).toBe('unknown');
    expect(detected).toHaveProperty('reason', expect.stringContaining('notes.txt'));
    expect(detectArtifactKind('data.csv', 'a;b;c\n1;2;3').kind).toBe('contacts-csv');
    expect(detectArtifactKind('data.tsv.txt', 'a,b,c\n1,2,3')).toMatchObject({ kind: 'unknown' });
  });
});
