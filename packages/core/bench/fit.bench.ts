/**
 * Throughput of `fit` on 100k seeded mixed messages for all four targets, against a baseline of
 * parsing and rendering the same texts without fitting. Prints figures only.
 * Run: npx tsx packages/core/bench/fit.bench.ts [count]
 */
import { CAPABILITIES } from '../src/capabilities/index.js';
import { fit as fitMessage } from '../src/fit/index.js';
import { renderMarkup, toRichText } from '../src/markup/index.js';
import type { Button, Message } from '../src/model/index.js';

const COUNT = Number(process.argv[2] ?? 100_000);

let state = 0x2545f491;
function random(): number {
  // xorshift32: the same messages on every run.
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x1_0000_0000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const WORDS = [
  'Ferry',
  'moves',
  'your',
  '*assistant*',
  '_today_',
  'to',
  'Telegram.',
  'Tap',
  'below',
  '~old~',
  'link:',
  'https://example.com/x',
  '\n',
  '\n\n- item',
  '😀',
];
const text = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ');
const buttons = (count: number): Button[] =>
  Array.from({ length: count }, (_, index) => ({
    kind: 'reply',
    id: `choice-${index}-${'x'.repeat(Math.floor(random() * 80))}`,
    title: `Choice number ${index}`,
  }));

function makeMessage(): Message {
  const kind = random();
  if (kind < 0.5) return { text: text(5 + Math.floor(random() * 40)) };
  // One in twenty is long enough to be split (2k-8k characters).
  if (kind < 0.55) return { text: text(300 + Math.floor(random() * 900)) };
  if (kind < 0.75)
    return {
      text: text(20),
      header: { type: 'text', text: 'Hello' },
      footer: 'STOP to opt out',
      buttons: buttons(1 + Math.floor(random() * 30)),
    };
  if (kind < 0.9) {
    return {
      text: text(15),
      menu: {
        label: 'Pick one',
        sections: [
          {
            title: 'Plans',
            rows: Array.from({ length: 1 + Math.floor(random() * 40) }, (_, index) => ({
              id: `row-${index}`,
              title: `Plan ${index}`,
              description: text(5),
            })),
          },
        ],
      },
    };
  }
  return {
    text: text(10),
    buttons: [{ kind: 'form', title: 'Open form', formId: 'signup' }],
    form: {
      id: 'signup',
      screens: [
        {
          id: 'MAIN',
          title: 'Sign up',
          blocks: Array.from({ length: 1 + Math.floor(random() * 12) }, (_, index) => ({
            kind: 'field' as const,
            name: `f${index}`,
            type: pick(['shortText', 'date', 'email', 'dropdown'] as const),
            label: `Field ${index}`,
            options: [{ id: 'a', title: 'A' }],
          })),
        },
      ],
    },
  };
}

const messages = Array.from({ length: COUNT }, makeMessage);
const targets = Object.values(CAPABILITIES);

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

let outputs = 0;
const baseline = time(() => {
  for (const message of messages) {
    const doc = toRichText(message.text ?? '');
    for (const caps of targets) renderMarkup(doc, caps.dialect);
  }
});
const fitting = time(() => {
  for (const message of messages)
    for (const caps of targets) outputs += fitMessage(message, caps).messages.length;
});

const fits = (COUNT * targets.length) / fitting;
const renders = (COUNT * targets.length) / baseline;
console.log(`messages: ${COUNT} x ${targets.length} targets (${outputs} fitted messages out)`);
console.log(`fit:       ${fits.toFixed(0)} messages/s (${fitting.toFixed(2)} s)`);
console.log(`baseline:  ${renders.toFixed(0)} messages/s parse+render only (${baseline.toFixed(2)} s)`);
console.log(`ratio:     fit costs ${(renders / fits).toFixed(2)}x parse+render`);
