import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, Inline, RichText } from '../model/rich-text.js';
import { markerSoup } from './__tests__/arbitraries.js';
import { escapePlain } from './escape-plain.js';
import { parseWhatsAppMarkup } from './parse.js';
import { toPlainText } from './plain.js';
import { renderMarkup } from './render.js';

const text = (value: string): Inline => ({ type: 'text', value });
const doc = (...blocks: Block[]): RichText => ({ type: 'doc', blocks });
const para = (...children: Inline[]): RichText => doc({ type: 'paragraph', children });
const ZWSP = '\u200b';

describe('Telegram MarkdownV2', () => {
  it('merges adjacent italics so `__` (underline) never appears', () => {
    const adjacent = para(
      { type: 'italic', children: [text('a')] },
      { type: 'italic', children: [text('b')] },
    );
    expect(renderMarkup(adjacent, 'telegram-markdownv2')).toBe('_ab_');
    const nested = para({ type: 'italic', children: [{ type: 'italic', children: [text('x')] }] });
    expect(renderMarkup(nested, 'telegram-markdownv2')).toBe('_x_');
  });

  it('escapes only ` and \\ inside code and pre, and only ) and \\ inside a link URL', () => {
    expect(
      renderMarkup(
        para({ type: 'code', value: 'a_b`c\\d.' }, text(' '), {
          type: 'link',
          url: 'https://x.io/a_(b)\\',
          children: [text('go!')],
        }),
        'telegram-markdownv2',
      ),
    ).toBe('`a_b\\`c\\\\d.` [go\\!](https://x.io/a_(b\\)\\\\)');
    expect(
      renderMarkup(doc({ type: 'codeBlock', value: 'x = `1`;', language: 'ts' }), 'telegram-markdownv2'),
    ).toBe('```ts\nx = \\`1\\`;\n```');
  });

  it('drops a language that is not a plain identifier', () => {
    expect(
      renderMarkup(doc({ type: 'codeBlock', value: 'x', language: 'a b\n' }), 'telegram-markdownv2'),
    ).toBe('```\nx\n```');
  });

  it('flattens nested quotes and turns a code block inside a quote into per-line code', () => {
    const quoted = doc({
      type: 'quote',
      children: [
        { type: 'paragraph', children: [text('a.')] },
        { type: 'quote', children: [{ type: 'paragraph', children: [text('b')] }] },
        { type: 'codeBlock', value: 'x\n\ny' },
      ],
    });
    expect(renderMarkup(quoted, 'telegram-markdownv2')).toBe('>a\\.\n>\n>b\n>\n>`x`\n>\n>`y`');
    expect(renderMarkup(quoted, 'telegram-html')).toBe(
      '<blockquote>a.\n\nb\n\n<code>x</code>\n\n<code>y</code></blockquote>',
    );
    expect(toPlainText(quoted)).toBe('a.\n\nb\n\nx\n\ny');
  });
});

describe('Telegram HTML', () => {
  it('escapes < > & in text and " in href, and tags a language block', () => {
    expect(
      renderMarkup(
        para(text('1 < 2 & 3 > "0"'), text(' '), {
          type: 'link',
          url: 'https://x.io/?a=1&b="2"',
          children: [text('q')],
        }),
        'telegram-html',
      ),
    ).toBe('1 &lt; 2 &amp; 3 &gt; "0" <a href="https://x.io/?a=1&amp;b=&quot;2&quot;">q</a>');
    expect(renderMarkup(doc({ type: 'codeBlock', value: 'a<b', language: 'c++' }), 'telegram-html')).toBe(
      '<pre><code class="language-c++">a&lt;b</code></pre>',
    );
  });

  it('flattens a link inside a link', () => {
    const inner: Inline = { type: 'link', url: 'https://b.io', children: [text('b')] };
    expect(
      renderMarkup(
        para({ type: 'link', url: 'https://a.io', children: [text('a '), inner] }),
        'telegram-html',
      ),
    ).toBe('<a href="https://a.io">a b</a>');
  });
});

describe('Slack mrkdwn', () => {
  it('escapes only & < >, so mentions cannot be forged from text', () => {
    expect(escapePlain('<!here> & <@U123> *ok*?', 'slack-mrkdwn')).toBe(
      `&lt;!here&gt; &amp; &lt;@U123&gt; ${ZWSP}*ok*?`,
    );
  });

  it('renders links as <url|text> with the text plain and the URL unable to end early', () => {
    expect(
      renderMarkup(
        para({
          type: 'link',
          url: 'https://x.io/a|b>c&d',
          children: [{ type: 'bold', children: [text('Docs > more')] }],
        }),
        'slack-mrkdwn',
      ),
    ).toBe('<https://x.io/a%7Cb%3Ec&amp;d|Docs &gt; more>');
  });

  it('keeps literal * _ ~ ` from formatting with a zero-width space, and a literal > from quoting', () => {
    expect(escapePlain('*not bold* _nor italic_ 2*3 `x`\n> not a quote', 'slack-mrkdwn')).toBe(
      `${ZWSP}*not bold* ${ZWSP}_nor italic_ 2*3 ${ZWSP}\`x\`\n${ZWSP}&gt; not a quote`,
    );
  });

  it('closes and re-opens formatting around a line break, and moves edge spaces outside', () => {
    expect(
      renderMarkup(
        para({ type: 'bold', children: [text('a'), { type: 'break' }, text('b ')] }),
        'slack-mrkdwn',
      ),
    ).toBe('*a*\n*b* ');
  });

  it('lists with bullets and numbers, quotes flattened', () => {
    expect(
      renderMarkup(
        doc(
          { type: 'list', ordered: false, items: [{ children: [text('a')] }, { children: [text('b')] }] },
          { type: 'list', ordered: true, start: 7, items: [{ children: [text('c')] }] },
          {
            type: 'quote',
            children: [{ type: 'quote', children: [{ type: 'paragraph', children: [text('q')] }] }],
          },
        ),
        'slack-mrkdwn',
      ),
    ).toBe('• a\n• b\n\n7. c\n\n> q');
  });

  it('never lets plain text format, judged by the same flanking rules (WhatsApp parser as the model)', () => {
    const decode = (mrkdwn: string): string =>
      mrkdwn.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
    fc.assert(
      fc.property(markerSoup, (value) => {
        // Slack has no lists, so a `- ` line is fine there; quotes, code and inline formats are not.
        for (const block of parseWhatsAppMarkup(decode(escapePlain(value, 'slack-mrkdwn'))).blocks) {
          expect(['paragraph', 'list']).toContain(block.type);
          const lines =
            block.type === 'paragraph'
              ? [block.children]
              : block.type === 'list'
                ? block.items.map((item) => item.children)
                : [];
          for (const node of lines.flat()) expect(['text', 'break', 'link']).toContain(node.type);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Discord markdown', () => {
  it('backslash-escapes markdown characters in text, and line-start syntax only at line start', () => {
    expect(
      escapePlain('# Title\n-# small\n> q\n1. one\n+ plus\na - b # c > d 2. e', 'discord-markdown'),
    ).toBe('\\# Title\n\\-# small\n\\> q\n1\\. one\n\\+ plus\na - b # c > d 2. e');
    expect(escapePlain('*a* _b_ ~c~ `d` |e| [f](g) \\ <@1>', 'discord-markdown')).toBe(
      '\\*a\\* \\_b\\_ \\~c\\~ \\`d\\` \\|e\\| \\[f\\](g) \\\\ \\<@1>',
    );
  });

  it('uses _ for an italic touching a bold, so *a***b** is never produced', () => {
    expect(
      renderMarkup(
        para({ type: 'italic', children: [text('a')] }, { type: 'bold', children: [text('b')] }),
        'discord-markdown',
      ),
    ).toBe('_a_**b**');
    expect(renderMarkup(para({ type: 'italic', children: [text('a')] }), 'discord-markdown')).toBe('*a*');
  });

  it('renders masked links, bare links unescaped, code with a long enough fence, and language blocks', () => {
    expect(
      renderMarkup(
        para(
          { type: 'link', url: 'https://x.io/a (b)', children: [text('[docs]')] },
          text(' '),
          { type: 'link', url: 'https://x.io/a_b_c', children: [text('https://x.io/a_b_c')] },
          text(' '),
          { type: 'code', value: 'a`b' },
        ),
        'discord-markdown',
      ),
    ).toBe('[\\[docs\\]](https://x.io/a%20%28b%29) https://x.io/a_b_c ``a`b``');
    expect(
      renderMarkup(doc({ type: 'codeBlock', value: 'a\n```\nb', language: 'js' }), 'discord-markdown'),
    ).toBe('```js\na\n``' + ZWSP + '`\nb\n```');
  });

  it('prefixes quote lines and flattens nested quotes', () => {
    expect(
      renderMarkup(
        doc({
          type: 'quote',
          children: [
            { type: 'paragraph', children: [text('# a'), { type: 'break' }, text('b')] },
            { type: 'quote', children: [{ type: 'paragraph', children: [text('c')] }] },
          ],
        }),
        'discord-markdown',
      ),
    ).toBe('> \\# a\n> b\n> \n> c');
  });
});

describe('WhatsApp rendering', () => {
  it('shows a link with other text as "text (url)" and a bare link as the URL', () => {
    expect(
      renderMarkup(
        para({ type: 'link', url: 'https://x.io', children: [{ type: 'bold', children: [text('Docs')] }] }),
        'whatsapp',
      ),
    ).toBe('*Docs* (https://x.io)');
  });

  it('keeps literal markers and block starts literal with a zero-width space', () => {
    expect(escapePlain('*NEW* 2*3\n- not a list\n1. nor this\n> nor a quote', 'whatsapp')).toBe(
      `${ZWSP}*NEW* 2*3\n${ZWSP}- not a list\n${ZWSP}1. nor this\n${ZWSP}> nor a quote`,
    );
  });

  it('moves spaces at the inner edge of a span outside it, since `*a *` would not be bold', () => {
    expect(renderMarkup(para({ type: 'bold', children: [text(' a ')] }), 'whatsapp')).toBe(' *a* ');
  });

  it('picks a fence that reads back as the same code, else sends the code as literal text', () => {
    expect(renderMarkup(para({ type: 'code', value: ' spaced ' }), 'whatsapp')).toBe(' spaced ');
    expect(renderMarkup(para({ type: 'code', value: 'a`b' }), 'whatsapp')).toBe('`a`b`');
    expect(renderMarkup(para(text('x '), { type: 'code', value: 'a` b' }), 'whatsapp')).toBe('x ```a` b```');
  });
});

describe('toPlainText', () => {
  it('is what a reader sees: no markers, bullets for lists, blank lines between blocks', () => {
    expect(toPlainText(parseWhatsAppMarkup('*Hi* _there_\n\n- a\n2. b\n\n> ~q~ `c`'))).toBe(
      'Hi there\n\n• a\n\n2. b\n\nq c',
    );
  });
});

describe('long hostile input', () => {
  // A quadratic renderer would take hours on these inputs, so a generous timeout still catches one
  // without failing a healthy run on a loaded two-core CI machine.
  it('renders in every dialect without a quadratic blow-up (the test timeout would catch one)', {
    timeout: 180_000,
  }, () => {
    // The last two put ~200k nodes on one line: more than a call can take as spread arguments.
    for (const markup of [
      '_'.repeat(200_000),
      '(*a_`~'.repeat(30_000),
      '```\n'.repeat(50_000),
      '*a* '.repeat(100_000),
      '`a` '.repeat(100_000),
    ]) {
      const parsed = parseWhatsAppMarkup(markup);
      for (const dialect of [
        'whatsapp',
        'telegram-html',
        'telegram-markdownv2',
        'slack-mrkdwn',
        'discord-markdown',
      ] as const) {
        expect(renderMarkup(parsed, dialect).length).toBeGreaterThan(0);
      }
    }
  });
});
