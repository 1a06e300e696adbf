import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, resolveDateTime } from './time.js';

describe('resolveDateTime', () => {
  it('reads a local time in the zone, across offsets that are not whole hours', () => {
    expect(resolveDateTime('2026-01-01T00:00', 'Asia/Kolkata')).toEqual({
      epochMs: Date.parse('2025-12-31T18:30:00Z'),
      shifted: false,
    });
    expect(resolveDateTime('2026-04-15 09:00', 'America/Sao_Paulo')?.epochMs).toBe(
      Date.parse('2026-04-15T12:00:00Z'),
    );
  });

  it('keeps an explicit offset and ignores the zone', () => {
    expect(resolveDateTime('2026-04-15T09:00:00.250-03:00', 'Europe/Rome')?.epochMs).toBe(
      Date.parse('2026-04-15T12:00:00.250Z'),
    );
    expect(resolveDateTime('2026-04-15T09:00Z', 'Asia/Tokyo')?.epochMs).toBe(
      Date.parse('2026-04-15T09:00:00Z'),
    );
  });

  it('takes the earlier moment in a repeated autumn hour and moves a skipped spring time forward', () => {
    expect(resolveDateTime('2026-10-25T02:30', 'Europe/Rome')).toEqual({
      epochMs: Date.parse('2026-10-25T00:30:00Z'),
      shifted: false,
    });
    expect(resolveDateTime('2026-03-29T02:30', 'Europe/Rome')).toEqual({
      epochMs: Date.parse('2026-03-29T01:30:00Z'),
      shifted: true,
    });
  });

  it('refuses dates that are not in the calendar', () => {
    expect(resolveDateTime('2026-02-29', 'UTC')).toBeUndefined();
    expect(resolveDateTime('2026-04-15T24:00', 'UTC')).toBeUndefined();
    expect(resolveDateTime('15/04/2026', 'UTC')).toBeUndefined();
  });
});

describe('durations', () => {
  it('reads and writes compound durations', () => {
    expect(parseDuration('1w2d3h4m5s')).toBe(((9 * 24 + 3) * 60 + 4) * 60_000 + 5000);
    expect(parseDuration('14d')).toBe(14 * 86_400_000);
    expect(parseDuration('0h')).toBeUndefined();
    expect(parseDuration('2d1w')).toBeUndefined();
    expect(formatDuration(parseDuration('1d12h') ?? 0)).toBe('1d12h');
  });
});
