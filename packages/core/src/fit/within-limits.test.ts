import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../capabilities/index.js';
import { toPlainText, toRichText } from '../markup/index.js';
import type { Message, RichText } from '../model/index.js';
import { assertWithinLimits, limitViolations } from './__tests__/limit-violations.js';
import { id, label, message } from './__tests__/message-arbitraries.js';
import { fit as fitFor } from './index.js';
import { ShortIdTable } from './short-id.js';

function words(doc: RichText): string[] {
  return toPlainText(doc)
    .split(/\s+/)
    .filter((word) => word !== '');
}

function visibleText(messages: readonly Message[]): string {
  return messages
    .flatMap((item) => [item.text, ...(item.media ?? []).map((entry) => entry.caption)])
    .map((text) => (text === undefined ? '' : toPlainText(toRichText(text))))
    .join('')
    .replace(/\s+/g, '');
}

const TARGETS = Object.values(CAPABILITIES);

describe('fit keeps every target within its limits', () => {
  it('the checker itself rejects what fit must never produce', () => {
    const telegram = CAPABILITIES.telegram;
    const tooLong: Message = { text: toRichText('a'.repeat(4097)) };
    expect(limitViolations(tooLong, telegram)).toEqual(['text over 4096']);
    const buttons = Array.from({ length: 9 }, (_, index) => ({
      kind: 'reply' as const,
      id: 'x'.repeat(65) + index,
      title: 'ok',
    }));
    expect(limitViolations({ text: toRichText('hi'), buttons }, CAPABILITIES.whatsapp)).toContain(
      'too many buttons',
    );
    expect(limitViolations({ text: toRichText('hi'), buttons: buttons.slice(0, 1) }, telegram)).toEqual([
      'button id size',
    ]);
    expect(
      limitViolations({ text: toRichText('hi'), menu: { label: 'm', sections: [] } }, telegram),
    ).toContain('menu on a target without menus');
  });

  it('for any message, no fitted message breaks a limit and every word of the text survives', () => {
    fc.assert(
      fc.property(message, (input) => {
        for (const caps of TARGETS) {
          const result = fitFor(input, caps, { ids: new ShortIdTable() });
          for (const output of result.messages) assertWithinLimits(output, caps);
          if (input.text !== undefined && !result.notes.some((note) => note.severity === 'lost')) {
            const shown = visibleText(result.messages);
            for (const word of words(toRichText(input.text)))
              expect(shown, `${caps.channel} lost "${word}"`).toContain(word);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('every shortened id restores to the original through the table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constant('reply' as const), id, title: label }), {
          minLength: 1,
          maxLength: 40,
        }),
        (buttons) => {
          for (const caps of TARGETS) {
            const ids = new ShortIdTable();
            const result = fitFor({ text: 'Pick one', buttons }, caps, { ids });
            const restored = result.messages
              .flatMap((item) => [
                ...(item.buttons ?? []).map((entry) => (entry.kind === 'reply' ? entry.id : '')),
                ...(item.menu?.sections ?? []).flatMap((section) => section.rows.map((row) => row.id)),
              ])
              .map((shortId) => ids.restore(shortId));
            expect(restored).toEqual(buttons.map((entry) => entry.id));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('a 1000-button message and a 200k-character text fit every target', () => {
    const huge: Message = {
      text: `*${'bold words and more. '.repeat(10_000)}*`,
      buttons: Array.from({ length: 1000 }, (_, index) => ({
        kind: 'reply' as const,
        id: `choice-${index}`,
        title: `Choice ${index}`,
      })),
    };
    for (const caps of TARGETS) {
      const result = fitFor(huge, caps);
      for (const output of result.messages) assertWithinLimits(output, caps);
      const ids = result.messages.flatMap((item) => [
        ...(item.buttons ?? []).map((entry) => (entry.kind === 'reply' ? entry.id : '')),
        ...(item.menu?.sections ?? []).flatMap((section) => section.rows.map((row) => row.id)),
      ]);
      expect(ids).toHaveLength(1000);
    }
  }, 60_000);
});
