import { describe, expect, it } from 'vitest';
import { fromSlackText, toMrkdwn } from './mrkdwn.js';

describe('Slack text in and out', () => {
  it('decodes entities and links from event text, keeping mentions', () => {
    expect(
      fromSlackText(
        'a &lt;b&gt; &amp;amp; <https://x.io/a?b=1&amp;c=2|site> <mailto:a@b.c|a@b.c> <https://y.io> <@U123>',
      ),
    ).toBe('a <b> &amp; site a@b.c https://y.io <@U123>');
  });

  it('escapes only &, < and > when rendering', () => {
    expect(toMrkdwn('1 < 2 & *bold*')).toBe('1 &lt; 2 &amp; *bold*');
  });
});
