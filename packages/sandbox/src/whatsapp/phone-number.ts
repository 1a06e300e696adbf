import type { EmulatorRequest, EmulatorResponse } from '../shared/emulator.js';
import { graphErrorResponse } from './graph-errors.js';
import type { WhatsAppAccount } from './types.js';

/** `/{version}/{id}` with no edge: a Graph node read (the business phone number). */
export const NODE_ROUTE = /^\/(v\d+\.\d+)\/([^/]+)\/?$/;

/** Fields Graph returns when the request names none. */
const DEFAULT_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'] as const;

/**
 * The phone number as users see it, as Graph formats it on the node (`+1 555-078-3881`), unlike
 * the webhooks' `metadata.display_phone_number`, which is digits only.
 */
export function formatDisplayNumber(digits: string): string {
  const bare = digits.replace(/\D/g, '');
  const north = /^1(\d{3})(\d{3})(\d{4})$/.exec(bare);
  return north ? `+1 ${north[1]}-${north[2]}-${north[3]}` : `+${bare}`;
}

function nodeFields(account: WhatsAppAccount): Readonly<Record<string, unknown>> {
  return {
    id: account.phoneNumberId,
    display_phone_number: formatDisplayNumber(account.displayPhoneNumber),
    verified_name: account.verifiedName,
    quality_rating: account.qualityRating,
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    name_status: 'APPROVED',
    throughput: { level: 'STANDARD' },
  };
}

/**
 * `GET /{version}/{phone-number-id}[?fields=a,b]`: the business phone number node (`id` always, plus
 * the fields asked for, else `display_phone_number`, `verified_name`, `quality_rating`). Another id
 * gets code 100 subcode 33, an unknown field code 100, as Graph answers.
 * @see https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/
 */
export function readPhoneNumber(
  account: WhatsAppAccount,
  request: EmulatorRequest,
  id: string,
): EmulatorResponse {
  if (id !== account.phoneNumberId || request.method !== 'GET')
    return graphErrorResponse({
      code: 100,
      subcode: 33,
      details: `Unsupported ${request.method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    });
  const asked = (request.query.get('fields') ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  const fields = asked.length === 0 ? DEFAULT_FIELDS : asked;
  const node = nodeFields(account);
  const unknown = fields.find((field) => !(field in node));
  if (unknown !== undefined)
    return graphErrorResponse({
      code: 100,
      details: `Tried accessing nonexisting field (${unknown}) on node type (WhatsAppBusinessPhoneNumber)`,
    });
  return { status: 200, body: Object.fromEntries(['id', ...fields].map((field) => [field, node[field]])) };
}
