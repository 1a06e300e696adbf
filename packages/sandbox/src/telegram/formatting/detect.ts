import type { TelegramMessageEntity } from '../types.js';

const detectors: readonly { readonly type: string; readonly pattern: RegExp }[] = [
  {
    type: 'bot_command',
    pattern: /(?<=^|[\s(])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?=$|[\s.,!?)])/g,
  },
  { type: 'url', pattern: /(?<=^|[\s(])https?:\/\/[^\s<>"]+[^\s<>".,!?)]/g },
  { type: 'mention', pattern: /(?<=^|[\s(])@[A-Za-z0-9_]{5,32}(?=$|[^A-Za-z0-9_])/g },
  { type: 'hashtag', pattern: /(?<=^|[\s(])#[\p{L}\p{N}_]+/gu },
];

const opaque = new Set(['code', 'pre', 'text_link', 'text_mention', 'url', 'custom_emoji']);

/**
 * Adds the entities Telegram detects on its own in any text (commands, URLs, mentions, hashtags),
 * leaving alone spans already covered by code, pre or links.
 */
export function withDetectedEntities(
  text: string,
  entities: readonly TelegramMessageEntity[],
): TelegramMessageEntity[] {
  const result = [...entities];
  for (const { type, pattern } of detectors) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      const overlaps = result.some(
        (entity) =>
          opaque.has(entity.type) &&
          entity.offset < offset + length &&
          offset < entity.offset + entity.length,
      );
      if (!overlaps) result.push({ type, offset, length });
    }
  }
  return result.sort((a, b) => a.offset - b.offset || b.length - a.length);
}
