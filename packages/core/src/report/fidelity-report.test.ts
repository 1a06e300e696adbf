import { describe, expect, it } from 'vitest';
import { fidelityReport } from './index.js';

describe('fidelityReport', () => {
  const items = [
    {
      item: 'template welcome',
      notes: [
        { severity: 'info' as const, path: 'buttons', reason: 'Buttons spread over 2 rows of at most 8.' },
        { severity: 'lost' as const, path: 'reaction', reason: 'The reaction is dropped.' },
      ],
    },
    {
      item: 'flow signup',
      notes: [
        { severity: 'degraded' as const, path: 'form.screens[0].blocks[1]', reason: 'Date asked as text.' },
      ],
    },
    { item: 'menu main', notes: [] },
  ];

  it('counts notes by severity and keeps the items as its JSON form', () => {
    const report = fidelityReport(items, 'telegram');
    expect(report.target).toBe('telegram');
    expect(report.counts).toEqual({ info: 1, degraded: 1, lost: 1 });
    expect(JSON.parse(JSON.stringify(report)).items).toEqual(items);
  });

  it('writes a summary: counts first, then every note with item and path, worst first', () => {
    expect(fidelityReport(items, 'telegram').text).toBe(
      [
        'Fidelity report for telegram: 3 item(s), 3 note(s) — 1 lost, 1 degraded, 1 info.',
        '',
        'LOST (1)',
        '  - template welcome › reaction: The reaction is dropped.',
        '',
        'DEGRADED (1)',
        '  - flow signup › form.screens[0].blocks[1]: Date asked as text.',
        '',
        'INFO (1)',
        '  - template welcome › buttons: Buttons spread over 2 rows of at most 8.',
      ].join('\n'),
    );
  });

  it('says so when nothing changes', () => {
    const report = fidelityReport([{ item: 'hello', notes: [] }], 'slack');
    expect(report.counts).toEqual({ info: 0, degraded: 0, lost: 0 });
    expect(report.text).toContain('Nothing changes');
  });
});
