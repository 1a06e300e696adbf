import type { Button, ChannelCapabilities, FidelityNote, Menu } from '@ferry/core';
import { buttonRows } from '@ferry/core';
import { ButtonStyle, ComponentType } from 'discord.js';
import { CustomIds, formKeyOf } from '../format/custom-ids.js';

/** A legacy message component as sent in `components` (an action row and what it holds). */
export type ComponentJson = Readonly<Record<string, unknown>>;

/**
 * Action rows for a fitted message's buttons and menu: the menu as a string select in the first
 * row, then buttons five to a row. `fit` already keeps them within 5 rows of 5.
 * @see PLATFORMS.md §4.2 (5 action rows; ≤5 buttons or 1 select per row; 25 options)
 */
export function actionRows(
  buttons: readonly Button[],
  menu: Menu | undefined,
  capabilities: ChannelCapabilities,
  notes: FidelityNote[],
): ComponentJson[] {
  const rows: ComponentJson[] = [];
  if (menu !== undefined) rows.push({ type: ComponentType.ActionRow, components: [stringSelect(menu)] });
  const components = buttons.flatMap((button, index) => {
    const component = buttonComponent(button);
    if (component === undefined) {
      notes.push({
        severity: 'lost',
        path: `buttons[${index}]`,
        reason: `Discord has no ${button.kind} button: "${button.title}" is dropped.`,
      });
      return [];
    }
    return [component];
  });
  let start = 0;
  for (const size of buttonRows(components.length, capabilities)) {
    rows.push({ type: ComponentType.ActionRow, components: components.slice(start, start + size) });
    start += size;
  }
  return rows;
}

function buttonComponent(button: Button): ComponentJson | undefined {
  switch (button.kind) {
    case 'reply':
      return {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: button.title,
        custom_id: button.id,
      };
    case 'url':
      return { type: ComponentType.Button, style: ButtonStyle.Link, label: button.title, url: button.url };
    case 'form':
      return {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: button.title,
        custom_id: CustomIds.formButton(formKeyOf(button.formId), 0),
      };
    default:
      return undefined;
  }
}

/** One section of a menu (fit leaves one per message) as a string select; rows become options. */
function stringSelect(menu: Menu): ComponentJson {
  const options = menu.sections.flatMap((section) =>
    section.rows.map((row) => ({
      label: row.title,
      value: row.id,
      ...(row.description === undefined ? {} : { description: row.description }),
    })),
  );
  return {
    type: ComponentType.StringSelect,
    custom_id: CustomIds.menu,
    placeholder: menu.label,
    min_values: 1,
    max_values: 1,
    options,
  };
}
