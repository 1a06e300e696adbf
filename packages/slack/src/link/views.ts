import { type BlockObject, mrkdwnSection, plainText } from '../render/blocks.js';
import { ACTION_IDS, CALLBACK_IDS } from '../render/ids.js';

const INTRO = 'Link this Slack account to your existing conversation: press the button and paste your code.';

/** The button that opens the link-code modal, in an actions block. */
function linkActions(): BlockObject {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plainText('Enter link code'),
        action_id: ACTION_IDS.linkOpen,
        style: 'primary',
      },
    ],
  };
}

/** The App Home tab (`views.publish`) with the button that opens the link-code modal. */
export function linkHomeView(): BlockObject {
  return { type: 'home', blocks: [mrkdwnSection(INTRO), linkActions()] };
}

/** The same button as a DM message, for when the Home tab cannot be published. */
export function linkPromptMessage(): { text: string; blocks: BlockObject[] } {
  return { text: INTRO, blocks: [mrkdwnSection(INTRO), linkActions()] };
}

/** The modal that asks for the link code (`views.open` from the button's trigger). */
export function linkCodeModal(): BlockObject {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.link,
    title: plainText('Link account'),
    submit: plainText('Link'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: ACTION_IDS.linkInput,
        label: plainText('Your link code'),
        element: { type: 'plain_text_input', action_id: ACTION_IDS.linkInput, max_length: 200 },
      },
    ],
  };
}
