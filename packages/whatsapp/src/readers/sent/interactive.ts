import type { Button, Header, MediaKind, Menu, MenuSection, Message } from '@ferry/core';
import { UNSUPPORTED_WHATSAPP_MESSAGE_TYPES } from '@ferry/core';
import { arrayOf, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { MEDIA_KINDS, mediaOf, type PartContext } from './content.js';

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

function headerOf(value: unknown, context: PartContext): Header | undefined {
  if (!isObject(value)) return undefined;
  const type = stringOf(value['type']) ?? '';
  if (type === 'text') {
    const text = stringOf(value['text']);
    return text === undefined ? undefined : { type: 'text', text };
  }
  if (MEDIA_KINDS.has(type)) {
    const media = mediaOf(type as MediaKind, value[type], {
      ...context,
      field: `${context.field}.header.${type}`,
    });
    return media === undefined ? undefined : { type: 'media', media };
  }
  context.issues.warning(`header type "${type}" is not known to Ferry; the header was dropped`, {
    ...context,
    field: `${context.field}.header`,
  });
  return undefined;
}

function replyButtonsOf(action: JsonObject, context: PartContext): Button[] {
  return arrayOf(action['buttons']).flatMap((button, index) => {
    const reply = isObject(button) ? button['reply'] : undefined;
    const id = isObject(reply) ? textOf(reply['id']) : undefined;
    const title = isObject(reply) ? stringOf(reply['title']) : undefined;
    if (id === undefined || title === undefined) {
      context.issues.error('a reply button needs reply.id and reply.title', {
        ...context,
        field: `${context.field}.action.buttons[${index}]`,
      });
      return [];
    }
    return [{ kind: 'reply', id, title } as const];
  });
}

function menuOf(action: JsonObject, context: PartContext): Menu | undefined {
  const label = stringOf(action['button']) ?? 'Menu';
  const sections: MenuSection[] = arrayOf(action['sections']).flatMap((section, sectionIndex) => {
    if (!isObject(section)) return [];
    const title = stringOf(section['title']);
    const rows = arrayOf(section['rows']).flatMap((row, rowIndex) => {
      const id = isObject(row) ? textOf(row['id']) : undefined;
      const rowTitle = isObject(row) ? stringOf(row['title']) : undefined;
      if (!isObject(row) || id === undefined || rowTitle === undefined) {
        context.issues.error('a list row needs an id and a title', {
          ...context,
          field: `${context.field}.action.sections[${sectionIndex}].rows[${rowIndex}]`,
        });
        return [];
      }
      const description = stringOf(row['description']);
      return [{ id, title: rowTitle, ...(description === undefined ? {} : { description }) }];
    });
    return [{ ...(title === undefined ? {} : { title }), rows }];
  });
  if (sections.length === 0) {
    context.issues.error('a list message needs sections with rows', {
      ...context,
      field: `${context.field}.action`,
    });
    return undefined;
  }
  return { label, sections };
}

function flowButtonOf(
  action: JsonObject,
  context: PartContext,
  message: Mutable<Message>,
): Button | undefined {
  const parameters = isObject(action['parameters']) ? action['parameters'] : {};
  const formId = textOf(parameters['flow_id']) ?? stringOf(parameters['flow_name']);
  if (formId === undefined) {
    context.issues.error('a flow message needs flow_id or flow_name', {
      ...context,
      field: `${context.field}.action`,
    });
    return undefined;
  }
  const flowAction = stringOf(parameters['flow_action']) ?? 'navigate';
  if (flowAction === 'data_exchange') {
    context.issues.warning(
      "this flow starts with data_exchange: running it needs the operator's data endpoint",
      {
        ...context,
        field: `${context.field}.action.parameters.flow_action`,
      },
    );
  }
  const payload = isObject(parameters['flow_action_payload']) ? parameters['flow_action_payload'] : {};
  const token = textOf(parameters['flow_token']);
  const screen = stringOf(payload['screen']);
  message.meta = {
    flow: formId,
    flowAction,
    ...(token === undefined ? {} : { flowToken: token }),
    ...(screen === undefined ? {} : { flowScreen: screen }),
  };
  return { kind: 'form', title: stringOf(parameters['flow_cta']) ?? 'Open', formId };
}

/**
 * Reads an `interactive` object: reply buttons, list, CTA URL and Flow messages, with header, body and
 * footer. Commerce types are reported with the reason and give undefined.
 * @see PLATFORMS.md §1.2 "Interactive"
 */
export function readInteractive(value: unknown, context: PartContext): Message | undefined {
  if (!isObject(value)) {
    context.issues.error('the interactive object is missing', context);
    return undefined;
  }
  const type = stringOf(value['type']) ?? '';
  const unsupported = UNSUPPORTED_WHATSAPP_MESSAGE_TYPES[type];
  if (unsupported !== undefined) {
    context.issues.warning(`interactive ${type} message skipped: ${unsupported}`, context);
    return undefined;
  }
  const message: Mutable<Message> = {};
  const header = headerOf(value['header'], context);
  if (header !== undefined) message.header = header;
  const body = isObject(value['body']) ? stringOf(value['body']['text']) : undefined;
  if (body !== undefined) message.text = body;
  const footer = isObject(value['footer']) ? stringOf(value['footer']['text']) : undefined;
  if (footer !== undefined) message.footer = footer;
  const action = isObject(value['action']) ? value['action'] : {};

  if (type === 'button') {
    message.buttons = replyButtonsOf(action, context);
  } else if (type === 'list') {
    const menu = menuOf(action, context);
    if (menu === undefined) return undefined;
    message.menu = menu;
  } else if (type === 'cta_url') {
    const parameters = isObject(action['parameters']) ? action['parameters'] : {};
    const url = stringOf(parameters['url']);
    if (url === undefined) {
      context.issues.error('a cta_url message needs action.parameters.url', {
        ...context,
        field: `${context.field}.action`,
      });
      return undefined;
    }
    message.buttons = [{ kind: 'url', title: stringOf(parameters['display_text']) ?? url, url }];
  } else if (type === 'flow') {
    const button = flowButtonOf(action, context, message);
    if (button === undefined) return undefined;
    message.buttons = [button];
  } else {
    context.issues.warning(
      `interactive type "${type || '(none)'}" is not known to Ferry; the message was skipped`,
      context,
    );
    return undefined;
  }
  return message as Message;
}
