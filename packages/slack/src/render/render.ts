import {
  type FidelityNote,
  fit,
  type Message,
  type NativeRequest,
  type Rendered,
  type ShortIdTable,
} from '@ferry/core';
import { messageBlocks } from './blocks.js';
import { SLACK_CHANNEL_CAPABILITIES } from './capabilities.js';

/** `render` plus the fitted messages, so `send` can keep the forms their buttons open. */
export interface SlackRendered extends Rendered {
  /** The fitted neutral messages, one per payload (in order). */
  readonly fitted: readonly Message[];
}

/**
 * The `chat.postMessage` (and `reactions.add`) bodies for a neutral message, without `channel`
 * (added at send time), and every fidelity note: core's `fit` first, then Block Kit.
 * @see PLATFORMS.md §3.2 "Block Kit limits"
 */
export function renderSlackMessage(message: Message, ids: ShortIdTable): SlackRendered {
  const fitted = fit(message, SLACK_CHANNEL_CAPABILITIES, { ids });
  const notes: FidelityNote[] = [...fitted.notes];
  const payloads: NativeRequest[] = [];
  const kept: Message[] = [];
  for (const part of fitted.messages) {
    if (part.reaction !== undefined) {
      const name = reactionName(part.reaction.emoji);
      if (name === undefined) {
        notes.push({
          severity: 'lost',
          path: 'reaction',
          reason: 'Slack reacts by emoji name (`thumbsup`), not by the character: the reaction is dropped.',
        });
        continue;
      }
      payloads.push({ method: 'reactions.add', body: { name, timestamp: part.reaction.messageId } });
      kept.push(part);
      continue;
    }
    const { blocks, text } = messageBlocks(part, notes);
    if (blocks.length === 0 && part.form === undefined) continue;
    payloads.push({ method: 'chat.postMessage', body: { text, blocks } });
    kept.push(part);
  }
  return { payloads, notes, fitted: kept };
}

/** `:thumbsup:` or `thumbsup` → `thumbsup`; an emoji character has no name we can know offline. */
function reactionName(emoji: string): string | undefined {
  const match = /^:?([a-z0-9_+'-]+):?$/.exec(emoji);
  return match?.[1];
}
