import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  capabilitiesFor,
  DISCORD_CAPABILITIES,
  SLACK_CAPABILITIES,
  TELEGRAM_CAPABILITIES,
  WHATSAPP_CAPABILITIES,
} from './index.js';

describe('capabilities', () => {
  it('returns each channel by name', () => {
    for (const [name, caps] of Object.entries(CAPABILITIES)) {
      expect(capabilitiesFor(caps.channel)).toBe(caps);
      expect(caps.channel).toBe(name);
    }
  });

  it('carries the limits PLATFORMS.md gives', () => {
    expect(TELEGRAM_CAPABILITIES.text).toEqual({ max: 4096, unit: 'utf16' });
    expect(TELEGRAM_CAPABILITIES.textMeasure).toBe('plain');
    expect(TELEGRAM_CAPABILITIES.replyButtons.idMax).toEqual({ max: 64, unit: 'bytes' });
    expect(WHATSAPP_CAPABILITIES.interactiveText.max).toBe(1024);
    expect(WHATSAPP_CAPABILITIES.menu?.maxRowsTotal).toBe(10);
    expect(DISCORD_CAPABILITIES.replyButtons.maxPerRow * DISCORD_CAPABILITIES.replyButtons.maxRows).toBe(25);
    expect(DISCORD_CAPABILITIES.form.maxFieldsPerView).toBe(5);
    expect(SLACK_CAPABILITIES.header).toEqual({ max: 150, unit: 'utf16' });
    expect(SLACK_CAPABILITIES.footer).toEqual({ max: 2000, unit: 'utf16' });
    expect(DISCORD_CAPABILITIES.header).toEqual({ max: 256, unit: 'utf16' });
    expect(DISCORD_CAPABILITIES.footer).toEqual({ max: 2048, unit: 'utf16' });
  });

  it('keeps every row layout consistent with the per-message maximum', () => {
    for (const caps of Object.values(CAPABILITIES)) {
      const { maxPerMessage, maxPerRow, maxRows } = caps.replyButtons;
      expect(maxPerMessage).toBeLessThanOrEqual(maxPerRow * maxRows);
      if (caps.menu !== null) expect(caps.menu.maxRowsPerSection).toBeLessThanOrEqual(caps.menu.maxRowsTotal);
    }
  });
});
