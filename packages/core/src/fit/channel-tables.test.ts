import { describe, expect, it } from 'vitest';
import type { ChannelCapabilities } from '../capabilities/index.js';
import { DISCORD_CAPABILITIES, SLACK_CAPABILITIES } from '../capabilities/index.js';
import { toPlainText, toRichText } from '../markup/index.js';
import type { Message } from '../model/index.js';
import { fit as fitFor } from './index.js';

// The tables the Slack and Discord packages rendered with before core carried their header and
// footer: core's table widened by the package. Core's own table must now fit exactly like them.
const SLACK_CHANNEL_TABLE: ChannelCapabilities = {
  ...SLACK_CAPABILITIES,
  footer: { max: 2000, unit: 'utf16' },
};
const DISCORD_CHANNEL_TABLE: ChannelCapabilities = {
  ...DISCORD_CAPABILITIES,
  header: { max: 256, unit: 'utf16' },
  footer: { max: 2048, unit: 'utf16' },
};

const message: Message = {
  header: { type: 'text', text: 'We moved' },
  text: 'Our new address is *12 Harbour Street*.',
  footer: 'Reply STOP to opt out',
};
const plain = (text: Message['text']) => (text === undefined ? '' : toPlainText(toRichText(text)));

describe("fit with core's Slack and Discord tables", () => {
  it("fits a Slack message like the Slack package's table, with the footer kept out of the text", () => {
    const fromCore = fitFor(message, SLACK_CAPABILITIES);
    expect(fromCore).toEqual(fitFor(message, SLACK_CHANNEL_TABLE));
    expect(fromCore.messages).toHaveLength(1);
    expect(fromCore.messages[0]?.header).toEqual({ type: 'text', text: 'We moved' });
    expect(fromCore.messages[0]?.footer).toBe('Reply STOP to opt out');
    expect(plain(fromCore.messages[0]?.text)).toBe('Our new address is 12 Harbour Street.');
    expect(fromCore.notes).toEqual([]);
  });

  it("fits a Discord message like the Discord package's table, with header and footer kept for the embed", () => {
    const fromCore = fitFor(message, DISCORD_CAPABILITIES);
    expect(fromCore).toEqual(fitFor(message, DISCORD_CHANNEL_TABLE));
    expect(fromCore.messages).toHaveLength(1);
    expect(fromCore.messages[0]?.header).toEqual({ type: 'text', text: 'We moved' });
    expect(fromCore.messages[0]?.footer).toBe('Reply STOP to opt out');
    expect(plain(fromCore.messages[0]?.text)).toBe('Our new address is 12 Harbour Street.');
    expect(fromCore.notes).toEqual([]);
  });
});
