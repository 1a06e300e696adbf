import type { IssueCollector } from '../issues.js';
import { arrayOf, isObject, numberOf, stringOf, textOf } from '../values.js';
import { millisecondsOf } from './inbound.js';
import type { StatusError, StatusFact } from './types.js';

const STATUSES = new Set<StatusFact['status']>(['sent', 'delivered', 'read', 'failed']);

function isStatus(value: string): value is StatusFact['status'] {
  return (STATUSES as Set<string>).has(value);
}

function errorOf(value: unknown): StatusError | undefined {
  if (!isObject(value)) return undefined;
  const code = numberOf(value['code']);
  const title = stringOf(value['title']);
  const message = stringOf(value['message']);
  const errorData = value['error_data'];
  const details = isObject(errorData) ? stringOf(errorData['details']) : stringOf(value['details']);
  return {
    ...(code === undefined ? {} : { code }),
    ...(title === undefined ? {} : { title }),
    ...(message === undefined ? {} : { message }),
    ...(details === undefined ? {} : { details }),
  };
}

/**
 * Reads one `statuses[]` item; statuses outside sent/delivered/read/failed (payment statuses) are
 * reported and skipped.
 * @see PLATFORMS.md §1.1 "statuses[]"
 */
export function readStatus(
  value: unknown,
  context: { readonly issues: IssueCollector; readonly line: number; readonly field: string },
): StatusFact | undefined {
  if (!isObject(value)) {
    context.issues.error('a status must be an object', context);
    return undefined;
  }
  const messageId = textOf(value['id']);
  const recipientId = textOf(value['recipient_id']) ?? textOf(value['recipient']);
  const status = stringOf(value['status']) ?? '';
  const at = millisecondsOf(value['timestamp']);
  if (!isStatus(status)) {
    context.issues.warning(
      `status "${status}" is not a message delivery status Ferry tracks; it was skipped`,
      {
        ...context,
        field: `${context.field}.status`,
      },
    );
    return undefined;
  }
  if (messageId === undefined || recipientId === undefined) {
    context.issues.error('a status needs id and recipient_id; it was skipped', context);
    return undefined;
  }
  if (at === undefined) {
    context.issues.error(
      `timestamp ${JSON.stringify(value['timestamp'])} is not a unix time in seconds; the status was skipped`,
      { ...context, field: `${context.field}.timestamp` },
    );
    return undefined;
  }
  const errors = arrayOf(value['errors'])
    .map(errorOf)
    .filter((error): error is StatusError => error !== undefined);
  const callbackData = stringOf(value['biz_opaque_callback_data']);
  return {
    type: 'status',
    messageId,
    recipientId,
    status,
    at,
    ...(errors.length === 0 ? {} : { errors }),
    ...(callbackData === undefined ? {} : { callbackData }),
  };
}
