import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../src/slack/index.js';
import { silentLogger } from './slack-helpers.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const option = (text: string, value = text) => ({ text: plain(text), value });
const options = (count: number) => Array.from({ length: count }, (_, index) => option(`o${index}`));
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'go',
  text: plain('Go'),
  ...overrides,
});
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const select = (overrides: Record<string, unknown>) => ({
  type: 'static_select',
  action_id: 'pick',
  placeholder: plain('Pick'),
  ...overrides,
});

/** [limit class, blocks over the limit, pointer + message expected in `errors`, the same at the limit]. */
const cases: [string, unknown[], string, unknown[]][] = [
  [
    '51 blocks',
    Array.from({ length: 51 }, () => section('x')),
    'less than 51 items [json-pointer:/blocks]',
    Array.from({ length: 50 }, () => section('x')),
  ],
  [
    'section text 3001',
    [section('x'.repeat(3001))],
    'less than 3001 characters [json-pointer:/blocks/0/text/text]',
    [section('x'.repeat(3000))],
  ],
  ['empty section text', [section('')], '[json-pointer:/blocks/0/text/text]', [section('x')]],
  [
    '11 section fields',
    [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }],
    'less than 11 items [json-pointer:/blocks/0/fields]',
    [{ type: 'section', fields: Array.from({ length: 10 }, () => mrkdwn('f')) }],
  ],
  [
    'field text 2001',
    [{ type: 'section', fields: [mrkdwn('x'.repeat(2001))] }],
    'less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
    [{ type: 'section', fields: [mrkdwn('x'.repeat(2000))] }],
  ],
  [
    'block_id 256',
    [{ ...section('x'), block_id: 'b'.repeat(256) }],
    'less than 256 characters [json-pointer:/blocks/0/block_id]',
    [{ ...section('x'), block_id: 'b'.repeat(255) }],
  ],
  [
    'action_id 256',
    [actions(button({ action_id: 'a'.repeat(256) }))],
    'less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
    [actions(button({ action_id: 'a'.repeat(255) }))],
  ],
  [
    '26 actions elements',
    [actions(...Array.from({ length: 26 }, (_, index) => button({ action_id: `a${index}` })))],
    'less than 26 items [json-pointer:/blocks/0/elements]',
    [actions(...Array.from({ length: 25 }, (_, index) => button({ action_id: `a${index}` })))],
  ],
  [
    '11 context elements',
    [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
    'less than 11 items [json-pointer:/blocks/0/elements]',
    [{ type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) }],
  ],
  [
    'button text 76',
    [actions(button({ text: plain('x'.repeat(76)) }))],
    'less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    [actions(button({ text: plain('x'.repeat(75)) }))],
  ],
  [
    'button value 2001',
    [actions(button({ value: 'v'.repeat(2001) }))],
    'less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
    [actions(button({ value: 'v'.repeat(2000) }))],
  ],
  [
    'button url 3001',
    [actions(button({ url: `https://x.example/${'u'.repeat(2983)}` }))],
    'less than 3001 characters [json-pointer:/blocks/0/elements/0/url]',
    [actions(button({ url: `https://x.example/${'u'.repeat(2982)}` }))],
  ],
  [
    '101 select options',
    [actions(select({ options: options(101) }))],
    'less than 101 items [json-pointer:/blocks/0/elements/0/options]',
    [actions(select({ options: options(100) }))],
  ],
  [
    '101 option groups',
    [
      actions(
        select({
          option_groups: Array.from({ length: 101 }, () => ({ label: plain('g'), options: options(1) })),
        }),
      ),
    ],
    'less than 101 items [json-pointer:/blocks/0/elements/0/option_groups]',
    [
      actions(
        select({
          option_groups: Array.from({ length: 100 }, () => ({ label: plain('g'), options: options(1) })),
        }),
      ),
    ],
  ],
  [
    '101 options in a group',
    [actions(select({ option_groups: [{ label: plain('g'), options: options(101) }] }))],
    'less than 101 items [json-pointer:/blocks/0/elements/0/option_groups/0/options]',
    [actions(select({ option_groups: [{ label: plain('g'), options: options(100) }] }))],
  ],
  [
    'option text 76',
    [actions(select({ options: [option('x'.repeat(76), 'v')] }))],
    'less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]',
    [actions(select({ options: [option('x'.repeat(75), 'v')] }))],
  ],
  [
    'option value 76',
    [actions(select({ options: [option('t', 'v'.repeat(76))] }))],
    'less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/value]',
    [actions(select({ options: [option('t', 'v'.repeat(75))] }))],
  ],
  [
    'option description 76',
    [actions(select({ options: [{ ...option('t'), description: plain('d'.repeat(76)) }] }))],
    'less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/description/text]',
    [actions(select({ options: [{ ...option('t'), description: plain('d'.repeat(75)) }] }))],
  ],
  [
    'header text 151',
    [{ type: 'header', text: plain('h'.repeat(151)) }],
    'less than 151 characters [json-pointer:/blocks/0/text/text]',
    [{ type: 'header', text: plain('h'.repeat(150)) }],
  ],
  [
    'duplicate action_id',
    [actions(button({ action_id: 'same' })), actions(button({ action_id: 'same' }))],
    'action_id already exists [json-pointer:/blocks/1/elements/0/action_id]',
    [actions(button({ action_id: 'same' })), actions(button({ action_id: 'other' }))],
  ],
];

describe('SlackEmulator Block Kit limits through chat.postMessage', () => {
  const slack = new SlackEmulator({ limits: { perChannelBurst: 1000, workspacePerMinute: 10_000 } });
  let client: WebClient;
  let channel: string;

  beforeAll(async () => {
    await slack.start();
    const { botToken, slackApiUrl } = slack.credentials();
    client = new WebClient(botToken, { slackApiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
    channel = slack.channels.create({ name: 'blocks' }).id;
  });
  afterAll(() => slack.stop());

  it.each(cases)(
    'rejects %s with invalid_blocks naming the limit, and accepts it at the limit',
    async (_name, over, expected, atLimit) => {
      const error = await client.chat.postMessage({ channel, text: 'fallback', blocks: over as never }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(WebAPIPlatformError);
      const data = (error as WebAPIPlatformError).data as unknown as { error: string; errors: string[] };
      expect(data.error).toBe('invalid_blocks');
      expect(data.errors.join('\n')).toContain(expected);
      await expect(
        client.chat.postMessage({ channel, text: 'fallback', blocks: atLimit as never }),
      ).resolves.toMatchObject({
        ok: true,
      });
    },
  );

  it('gives blocks a block_id and elements an action_id when the app left them out, as Slack does', async () => {
    const posted = await client.chat.postMessage({
      channel,
      text: 'fallback',
      blocks: [section('hello'), actions({ type: 'button', text: plain('Go') })] as never,
    });
    const blocks = (posted.message?.blocks ?? []) as {
      block_id?: string;
      elements?: { action_id?: string }[];
    }[];
    expect(blocks[0]?.block_id).toEqual(expect.any(String));
    expect(blocks[1]?.elements?.[0]?.action_id).toEqual(expect.any(String));
  });
});
