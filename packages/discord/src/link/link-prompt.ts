import { ButtonStyle, ComponentType, TextInputStyle } from 'discord.js';
import { CustomIds } from '../format/custom-ids.js';
import type { ModalJson } from '../render/modal.js';
import type { DiscordTexts } from '../types.js';

/** The `/link <code>` slash command, registered with {@link DiscordChannel.registerCommands}. @see PLATFORMS.md §4.5 */
export const LINK_COMMAND = {
  name: 'link',
  description: 'Link your account with the code you were given',
  type: 1,
  options: [{ type: 3, name: 'code', description: 'Your link code', required: true }],
} as const;

/** A Create Message body with the "Link my account" button, which opens the link modal. */
export function linkPromptBody(text: string, texts: DiscordTexts): Record<string, unknown> {
  return {
    content: text,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: texts.linkButton,
            custom_id: CustomIds.linkButton,
          },
        ],
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** The modal asking for the link code. @see PLATFORMS.md §4.2 (modal title ≤45; text input ≤4000) */
export function linkModal(texts: DiscordTexts): ModalJson {
  return {
    custom_id: CustomIds.linkModal,
    title: texts.linkModalTitle.slice(0, 45),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: CustomIds.linkCodeInput,
            label: texts.linkCodeLabel.slice(0, 45),
            style: TextInputStyle.Short,
            required: true,
            min_length: 1,
            max_length: 200,
          },
        ],
      },
    ],
  };
}
