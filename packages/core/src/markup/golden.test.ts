import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarkupDialect } from '../capabilities/types.js';
import { readMarkdownV2, readTelegramHtml } from './__tests__/telegram-checkers.js';
import { parseWhatsAppMarkup } from './parse.js';
import { toPlainText } from './plain.js';
import { renderMarkup } from './render.js';

const FIXTURES = join(import.meta.dirname, '../../../../../shared/fixtures/whatsapp/meta-examples');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text bodies Meta's examples send or receive: text.body, interactive body.text, template BODY text. */
function collectBodies(value: Json, found: string[]): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectBodies(item, found);
  } else if (value !== null && typeof value === 'object') {
    const { type, text, body } = value;
    if (type === 'BODY' && typeof text === 'string') found.push(text);
    if (typeof body === 'string') found.push(body);
    if (body !== null && typeof body === 'object' && !Array.isArray(body) && typeof body.text === 'string') {
      found.push(body.text);
    }
    for (const child of Object.values(value)) collectBodies(child, found);
  }
  return found;
}

const fixtureBodies = [
  ...new Set(
    readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => collectBodies(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Json, [])),
  ),
];

type Golden = Readonly<Record<MarkupDialect | 'plain', string>>;

function expectGolden(markup: string, golden: Golden): void {
  const doc = parseWhatsAppMarkup(markup);
  expect({
    whatsapp: renderMarkup(doc, 'whatsapp'),
    'telegram-html': renderMarkup(doc, 'telegram-html'),
    'telegram-markdownv2': renderMarkup(doc, 'telegram-markdownv2'),
    'slack-mrkdwn': renderMarkup(doc, 'slack-mrkdwn'),
    'discord-markdown': renderMarkup(doc, 'discord-markdown'),
    plain: toPlainText(doc),
  }).toEqual(golden);
}

describe('golden: bodies from Meta WhatsApp examples', () => {
  it('finds the real bodies in the fixtures', () => {
    expect(fixtureBodies.length).toBeGreaterThanOrEqual(15);
    expect(fixtureBodies).toContain('Please visit https://youtu.be/hpltvTEiRrY to inspire your day!');
  });

  it.each(fixtureBodies)('renders %j validly in every dialect and keeps its text', (body) => {
    const doc = parseWhatsAppMarkup(body);
    expect(readTelegramHtml(renderMarkup(doc, 'telegram-html'))).toBe(body);
    expect(readMarkdownV2(renderMarkup(doc, 'telegram-markdownv2'))).toBe(body);
    expect(toPlainText(doc)).toBe(body);
    expect(renderMarkup(doc, 'whatsapp')).toBe(body);
  });

  it('send-text-message-with-preview-url: the bare URL becomes a link', () => {
    const url = 'https://youtu.be/hpltvTEiRrY';
    expectGolden(`Please visit ${url} to inspire your day!`, {
      whatsapp: `Please visit ${url} to inspire your day!`,
      'telegram-html': `Please visit <a href="${url}">${url}</a> to inspire your day!`,
      'telegram-markdownv2': `Please visit [https://youtu\\.be/hpltvTEiRrY](${url}) to inspire your day\\!`,
      'slack-mrkdwn': `Please visit <${url}> to inspire your day!`,
      'discord-markdown': `Please visit ${url} to inspire your day!`,
      plain: `Please visit ${url} to inspire your day!`,
    });
  });

  it('template BODY with placeholders, # and !', () => {
    const body = fixtureBodies.find((text) => text.startsWith('Good news {{1}}'));
    expect(body).toBe(
      'Good news {{1}}! Your order #{{2}} is on its way to the location above. Thank you for your order!',
    );
    expectGolden(body ?? '', {
      whatsapp: body ?? '',
      'telegram-html': body ?? '',
      'telegram-markdownv2':
        'Good news \\{\\{1\\}\\}\\! Your order \\#\\{\\{2\\}\\} is on its way to the location above\\. Thank you for your order\\!',
      'slack-mrkdwn': body ?? '',
      'discord-markdown': body ?? '',
      plain: body ?? '',
    });
  });

  it('interactive body placeholder <BODY_TEXT> is escaped, not read as a tag or mention', () => {
    expect(fixtureBodies).toContain('<BODY_TEXT>');
    expectGolden('<BODY_TEXT>', {
      whatsapp: '<BODY_TEXT>',
      'telegram-html': '&lt;BODY_TEXT&gt;',
      'telegram-markdownv2': '<BODY\\_TEXT\\>',
      'slack-mrkdwn': '&lt;BODY_TEXT&gt;',
      'discord-markdown': '\\<BODY\\_TEXT>',
      plain: '<BODY_TEXT>',
    });
  });

  it('template BODY with a price and percent', () => {
    const body =
      'Hi {{1}}, our Fall Sale is on! Use promo code {{2}} Get an extra 25% off every order above $350!';
    expect(fixtureBodies).toContain(body);
    expectGolden(body, {
      whatsapp: body,
      'telegram-html': body,
      'telegram-markdownv2':
        'Hi \\{\\{1\\}\\}, our Fall Sale is on\\! Use promo code \\{\\{2\\}\\} Get an extra 25% off every order above $350\\!',
      'slack-mrkdwn': body,
      'discord-markdown': body,
      plain: body,
    });
  });
});

describe('golden: hand-written bodies', () => {
  it('text full of special characters', () => {
    expectGolden('Price: 10.50 (was 12!) - save_big [now] *today* ~maybe~ > #1 a+b=c {x} |y| \\', {
      whatsapp: 'Price: 10.50 (was 12!) - save_big [now] *today* ~maybe~ > #1 a+b=c {x} |y| \\',
      'telegram-html':
        'Price: 10.50 (was 12!) - save_big [now] <b>today</b> <s>maybe</s> &gt; #1 a+b=c {x} |y| \\',
      'telegram-markdownv2':
        'Price: 10\\.50 \\(was 12\\!\\) \\- save\\_big \\[now\\] *today* ~maybe~ \\> \\#1 a\\+b\\=c \\{x\\} \\|y\\| \\\\',
      'slack-mrkdwn': 'Price: 10.50 (was 12!) - save_big [now] *today* ~maybe~ &gt; #1 a+b=c {x} |y| \\',
      'discord-markdown':
        'Price: 10.50 (was 12!) - save\\_big \\[now\\] **today** ~~maybe~~ > #1 a+b=c {x} \\|y\\| \\\\',
      plain: 'Price: 10.50 (was 12!) - save_big [now] today maybe > #1 a+b=c {x} |y| \\',
    });
  });

  it('a structured order update: bold, list, quote and code block', () => {
    expectGolden(
      '*Order update*\nYour order:\n- 2x Pizza\n- 1x Cola\n\n> Note: _ring twice_\n\n```\ncode here\n```',
      {
        whatsapp:
          '*Order update*\nYour order:\n\n- 2x Pizza\n- 1x Cola\n\n> Note: _ring twice_\n\n```code here```',
        'telegram-html':
          '<b>Order update</b>\nYour order:\n\n• 2x Pizza\n• 1x Cola\n\n<blockquote>Note: <i>ring twice</i></blockquote>\n\n<pre>code here</pre>',
        'telegram-markdownv2':
          '*Order update*\nYour order:\n\n• 2x Pizza\n• 1x Cola\n\n>Note: _ring twice_\n\n```\ncode here\n```',
        'slack-mrkdwn':
          '*Order update*\nYour order:\n\n• 2x Pizza\n• 1x Cola\n\n> Note: _ring twice_\n\n```code here```',
        'discord-markdown':
          '**Order update**\nYour order:\n\n- 2x Pizza\n- 1x Cola\n\n> Note: *ring twice*\n\n```\ncode here\n```',
        plain: 'Order update\nYour order:\n\n• 2x Pizza\n• 1x Cola\n\nNote: ring twice\n\ncode here',
      },
    );
  });

  it('numbered list keeping its start number, with dots escaped where needed', () => {
    expectGolden('3. Pay.\n4. Ship!', {
      whatsapp: '3. Pay.\n4. Ship!',
      'telegram-html': '3. Pay.\n4. Ship!',
      'telegram-markdownv2': '3\\. Pay\\.\n4\\. Ship\\!',
      'slack-mrkdwn': '3. Pay.\n4. Ship!',
      'discord-markdown': '3. Pay.\n4. Ship!',
      plain: '3. Pay.\n4. Ship!',
    });
  });

  it('emoji, ZWJ sequences and flags flank markers and survive intact', () => {
    expectGolden('🎉*Sale*🎉 👩‍👩‍👧 family 🇺🇦 _now_!', {
      whatsapp: '🎉*Sale*🎉 👩‍👩‍👧 family 🇺🇦 _now_!',
      'telegram-html': '🎉<b>Sale</b>🎉 👩‍👩‍👧 family 🇺🇦 <i>now</i>!',
      'telegram-markdownv2': '🎉*Sale*🎉 👩‍👩‍👧 family 🇺🇦 _now_\\!',
      'slack-mrkdwn': '🎉*Sale*🎉 👩‍👩‍👧 family 🇺🇦 _now_!',
      'discord-markdown': '🎉**Sale**🎉 👩‍👩‍👧 family 🇺🇦 *now*!',
      plain: '🎉Sale🎉 👩‍👩‍👧 family 🇺🇦 now!',
    });
  });

  it('right-to-left text (Arabic, Hebrew)', () => {
    expectGolden('مرحبا *بالعالم*! שלום _עולם_.', {
      whatsapp: 'مرحبا *بالعالم*! שלום _עולם_.',
      'telegram-html': 'مرحبا <b>بالعالم</b>! שלום <i>עולם</i>.',
      'telegram-markdownv2': 'مرحبا *بالعالم*\\! שלום _עולם_\\.',
      'slack-mrkdwn': 'مرحبا *بالعالم*! שלום _עולם_.',
      'discord-markdown': 'مرحبا **بالعالم**! שלום *עולם*.',
      plain: 'مرحبا بالعالم! שלום עולם.',
    });
  });

  it('a 4096-character body: plain text keeps every character, MarkdownV2 escapes each ! and %-free text stays', () => {
    const unit = 'Sale 50% off! ';
    const body = unit.repeat(292) + 'Sale 50%';
    expect(body.length).toBe(4096);
    expectGolden(body, {
      whatsapp: body,
      'telegram-html': body,
      'telegram-markdownv2': 'Sale 50% off\\! '.repeat(292) + 'Sale 50%',
      'slack-mrkdwn': body,
      'discord-markdown': body,
      plain: body,
    });
    expect(toPlainText(parseWhatsAppMarkup(body)).length).toBe(4096);
  });
});
