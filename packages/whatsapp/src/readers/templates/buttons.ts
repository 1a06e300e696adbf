import type { Button, Form } from '@ferry/core';
import { UNSUPPORTED_WHATSAPP_MESSAGE_TYPES } from '@ferry/core';
import { readFlow } from '../flow/read-flow.js';
import { fieldPath, type IssueCollector } from '../issues.js';
import { arrayOf, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { placeholdersOf } from './placeholders.js';
import type { TemplateParameter } from './types.js';

/** Where the buttons being read sit, for issues. */
export interface ButtonsContext {
  readonly file: string;
  readonly templateName: string;
  readonly issues: IssueCollector;
  readonly line: number;
  readonly path: string;
}

/** The neutral buttons of a template's BUTTONS component, the parameters they need and a Flow they carry. */
export interface TemplateButtons {
  readonly buttons: readonly Button[];
  readonly parameters: readonly TemplateParameter[];
  readonly form?: Form;
}

const UNSUPPORTED_BUTTONS: Readonly<Record<string, string | undefined>> = {
  MPM: UNSUPPORTED_WHATSAPP_MESSAGE_TYPES['product_list'],
  CATALOG: UNSUPPORTED_WHATSAPP_MESSAGE_TYPES['catalog_message'],
  SPM: UNSUPPORTED_WHATSAPP_MESSAGE_TYPES['product'],
  VOICE_CALL: 'WhatsApp voice-call buttons have no equivalent: the targets have no business-calling API.',
};

/**
 * A stable reply id from a button's text (`Stop promotions` gives `stop-promotions`): WhatsApp sends
 * the button's text back as its payload unless the sender set one, so the text is the only stable key.
 */
export function replyIdOf(text: string, taken: ReadonlySet<string>, position: number): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const base = slug === '' ? `button-${position + 1}` : slug;
  let candidate = base;
  for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${base}-${suffix}`;
  return candidate;
}

/** A phone number as WhatsApp stores it (digits) in E.164 with the leading `+`. */
function phoneOf(value: string): string {
  const compact = value.replace(/[\s().-]/g, '');
  return /^\d+$/.test(compact) ? `+${compact}` : compact;
}

function exampleOf(button: JsonObject): string | undefined {
  const example = button['example'];
  if (Array.isArray(example)) return textOf(example[0]);
  return textOf(example);
}

interface Counts {
  quickReply: number;
  url: number;
  phone: number;
}

/** Reads a template's BUTTONS component. Catalog buttons are dropped with a warning that says why. */
export function readTemplateButtons(component: JsonObject, context: ButtonsContext): TemplateButtons {
  const buttons: Button[] = [];
  const parameters: TemplateParameter[] = [];
  const replyIds = new Set<string>();
  const counts: Counts = { quickReply: 0, url: 0, phone: 0 };
  let form: Form | undefined;
  const quickReplyOrder: boolean[] = [];
  const rawButtons = arrayOf(component['buttons']);
  const at = (index: number, ...rest: string[]) => ({
    line: context.line,
    field: fieldPath(context.path, 'buttons', index, ...rest),
  });

  if (rawButtons.length > TEMPLATE_LIMITS.buttons) {
    context.issues.warning(
      `template "${context.templateName}" has ${rawButtons.length} buttons; WhatsApp allows at most ${TEMPLATE_LIMITS.buttons}`,
      { line: context.line, field: fieldPath(context.path, 'buttons') },
    );
  }

  rawButtons.forEach((raw, index) => {
    if (!isObject(raw)) {
      context.issues.error('a button must be an object', at(index));
      return;
    }
    const type = (stringOf(raw['type']) ?? '').toUpperCase();
    const text = stringOf(raw['text']);
    if (text !== undefined && text.length > TEMPLATE_LIMITS.buttonText) {
      context.issues.warning(
        `button text "${text}" is ${text.length} characters; WhatsApp allows ${TEMPLATE_LIMITS.buttonText}`,
        at(index, 'text'),
      );
    }
    quickReplyOrder.push(type === 'QUICK_REPLY');

    switch (type) {
      case 'QUICK_REPLY': {
        counts.quickReply += 1;
        const title = text ?? `Button ${index + 1}`;
        const id = replyIdOf(title, replyIds, index);
        replyIds.add(id);
        buttons.push({ kind: 'reply', id, title });
        return;
      }
      case 'URL': {
        counts.url += 1;
        const url = stringOf(raw['url']);
        if (url === undefined) {
          context.issues.error('a URL button needs a url', at(index, 'url'));
          return;
        }
        for (const name of placeholdersOf(url)) {
          const example = exampleOf(raw);
          parameters.push({
            component: 'button',
            index,
            name,
            format: 'text',
            ...(example === undefined ? {} : { example }),
          });
        }
        buttons.push({ kind: 'url', title: text ?? url, url });
        return;
      }
      case 'PHONE_NUMBER': {
        counts.phone += 1;
        const phone = textOf(raw['phone_number']);
        if (phone === undefined) {
          context.issues.error('a PHONE_NUMBER button needs a phone_number', at(index, 'phone_number'));
          return;
        }
        buttons.push({ kind: 'phone', title: text ?? phone, phone: phoneOf(phone) });
        return;
      }
      case 'COPY_CODE': {
        const example = exampleOf(raw);
        parameters.push({
          component: 'button',
          index,
          name: 'coupon_code',
          format: 'text',
          ...(example === undefined ? {} : { example }),
        });
        buttons.push({ kind: 'copyCode', title: text ?? 'Copy code', code: '{{coupon_code}}' });
        return;
      }
      case 'OTP': {
        const otpType = (stringOf(raw['otp_type']) ?? 'COPY_CODE').toUpperCase();
        if (otpType !== 'COPY_CODE') {
          context.issues.warning(
            `one-time-code button "${otpType}" autofills the code only inside WhatsApp's Android app; it is kept as a copy-code button`,
            at(index, 'otp_type'),
          );
        }
        parameters.push({ component: 'button', index, name: '1', format: 'text' });
        buttons.push({ kind: 'copyCode', title: text ?? 'Copy code', code: '{{1}}' });
        return;
      }
      case 'FLOW': {
        const flowJson = stringOf(raw['flow_json']);
        const formId = textOf(raw['flow_id']) ?? stringOf(raw['flow_name']) ?? `${context.templateName}-flow`;
        if (flowJson !== undefined) {
          const flow = readFlow(flowJson, { file: context.file, name: formId });
          const prefix = fieldPath(context.path, 'buttons', index, 'flow_json');
          context.issues.addAll(
            // The Flow's own lines are inside a string; the issue points at the flow_json field instead.
            flow.issues.map((issue) => ({
              file: issue.file,
              line: context.line,
              field: issue.field === undefined ? prefix : `${prefix}:${issue.field}`,
              reason: issue.reason,
              severity: issue.severity,
            })),
          );
          form = flow.items[0]?.form;
        }
        buttons.push({ kind: 'form', title: text ?? 'Open', formId });
        return;
      }
      default: {
        const reason = UNSUPPORTED_BUTTONS[type];
        context.issues.warning(
          reason === undefined
            ? `button type "${type || '(none)'}" is not known to Ferry; the button was dropped`
            : `${type} button dropped: ${reason}`,
          at(index, 'type'),
        );
      }
    }
  });

  const countLimit = (count: number, limit: number, label: string) => {
    if (count > limit) {
      context.issues.warning(
        `template "${context.templateName}" has ${count} ${label} buttons; WhatsApp allows ${limit}`,
        {
          line: context.line,
          field: fieldPath(context.path, 'buttons'),
        },
      );
    }
  };
  countLimit(counts.quickReply, TEMPLATE_LIMITS.quickReplyButtons, 'QUICK_REPLY');
  countLimit(counts.url, TEMPLATE_LIMITS.urlButtons, 'URL');
  countLimit(counts.phone, TEMPLATE_LIMITS.phoneNumberButtons, 'PHONE_NUMBER');
  // Grouped means the sequence switches between quick replies and the others at most once.
  const switches = quickReplyOrder.filter(
    (isQuickReply, index) => index > 0 && isQuickReply !== quickReplyOrder[index - 1],
  );
  if (switches.length > 1) {
    context.issues.warning(
      'quick-reply buttons are not grouped apart from the other buttons, as WhatsApp requires',
      {
        line: context.line,
        field: fieldPath(context.path, 'buttons'),
      },
    );
  }

  return { buttons, parameters, ...(form === undefined ? {} : { form }) };
}
