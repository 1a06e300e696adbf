import { describe, expect, it } from 'vitest';
import { duration, parseDroppedPaths, wrapText } from './format.js';
import { addPlanSources, moveWaveDate } from './plan-text.js';

describe('parseDroppedPaths', () => {
  it('reads the paths a terminal pastes when files are dropped on it', () => {
    expect(
      parseDroppedPaths(
        `'/tmp/my exports/a.json' /tmp/b.csv  /tmp/with\\ space/c.csv "d e.json" file:///tmp/f%20g.csv`,
      ),
    ).toEqual(['/tmp/my exports/a.json', '/tmp/b.csv', '/tmp/with space/c.csv', 'd e.json', '/tmp/f g.csv']);
    expect(parseDroppedPaths('   ')).toEqual([]);
  });
});

describe('wrapText and duration', () => {
  it('wraps at spaces and cuts words longer than the width', () => {
    expect(wrapText('We are moving to Telegram', 10)).toEqual(['We are', 'moving to', 'Telegram']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });
  it('shows durations as a person reads them', () => {
    expect(duration(12_400)).toBe('12s');
    expect(duration(200_000)).toBe('3m 20s');
    expect(duration(7_500_000)).toBe('2h 05m');
  });
});

describe('moveWaveDate', () => {
  const plan = [
    '# comment kept',
    'waves:',
    '  - id: first-notice',
    '    at: "2026-01-25T10:00" # morning',
    '    template: { name: "we_are_moving", language: "en_US" }',
    '  - id: reminder',
    '    at: "2026-02-24T10:00"',
    'redirect:',
    '  afterCutoff: true',
  ].join('\n');

  it('moves only the named wave, keeping its time, comments and the rest of the file', () => {
    const moved = moveWaveDate(plan, 'reminder', '2026-03-01');
    expect(moved).toBe(plan.replace('2026-02-24T10:00', '2026-03-01T10:00'));
    expect(moveWaveDate(plan, 'first-notice', '2026-01-26')).toContain('at: "2026-01-26T10:00" # morning');
  });

  it('refuses an unknown wave and a malformed date', () => {
    expect(() => moveWaveDate(plan, 'nope', '2026-03-01')).toThrow(/no wave "nope"/);
    expect(() => moveWaveDate(plan, 'reminder', '1 March')).toThrow(/YYYY-MM-DD/);
  });
});

describe('addPlanSources', () => {
  const skeleton = [
    'name: "x"',
    '',
    '# WhatsApp exports to import, relative to this file.',
    'sources:',
    '  - path: "exports/message_templates.json"',
    '    kind: templates',
    '  - path: "exports/contacts.csv"',
    '    kind: contacts-csv',
    '    defaultCountry: BR',
    '',
    '# The WhatsApp account',
    'whatsapp:',
  ].join('\n');

  it('adds imported files, replaces a missing placeholder of the same kind, keeps the rest and the comments', () => {
    const updated = addPlanSources(
      skeleton,
      [{ path: '/data/templates.json', kind: 'templates' }],
      () => false,
    );
    expect(updated).toBe(
      [
        'name: "x"',
        '',
        '# WhatsApp exports to import, relative to this file.',
        'sources:',
        '  - path: "exports/contacts.csv"',
        '    kind: contacts-csv',
        '    defaultCountry: BR',
        '  - path: "/data/templates.json"',
        '    kind: templates',
        '',
        '# The WhatsApp account',
        'whatsapp:',
      ].join('\n'),
    );
    // Importing the same file again changes nothing.
    expect(addPlanSources(updated, [{ path: '/data/templates.json', kind: 'templates' }], () => false)).toBe(
      updated,
    );
  });

  it('keeps entries whose files exist, and fills an empty list', () => {
    const kept = addPlanSources(skeleton, [{ path: 'more.json', kind: 'templates' }], () => true);
    expect(kept).toContain('  - path: "exports/message_templates.json"');
    expect(kept).toContain('  - path: "more.json"\n    kind: templates');
    expect(
      addPlanSources(
        'name: x\nsources: []\nwhatsapp: {}',
        [{ path: 'a.csv', kind: 'contacts-csv' }],
        () => true,
      ),
    ).toBe('name: x\nsources:\n  - path: "a.csv"\n    kind: contacts-csv\nwhatsapp: {}');
  });
});
