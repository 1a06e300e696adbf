import type { Params } from '../params.js';
import { badRequest, failure, success } from '../responses.js';
import type { TelegramApiResult } from '../types.js';
import type { MethodContext } from './common.js';

const webhookActive =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const terminated =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
/** setWebhook.secret_token: 1–256 of `A-Za-z0-9_-`. @see PLATFORMS.md §2.6 */
const secretTokenPattern = /^[A-Za-z0-9_-]{1,256}$/;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function allowedUpdatesOf(params: Params): string[] | undefined {
  const value = params.json('allowed_updates');
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** getMe: the bot's own user. */
export function getMe(context: MethodContext): TelegramApiResult {
  return success(context.world.bot.user);
}

/**
 * getUpdates: confirms below `offset`, answers up to `limit` (1–100) updates, and when there are
 * none holds the call up to `timeout` seconds; refused while a webhook is set.
 * @see PLATFORMS.md §2.6
 */
export async function getUpdates(context: MethodContext, params: Params): Promise<TelegramApiResult> {
  const { updates } = context.world;
  if (context.webhook.current !== undefined) return failure(409, webhookActive);
  updates.confirm(params.number('offset'));
  updates.setAllowed(allowedUpdatesOf(params));
  const limit = Math.min(100, Math.max(1, Math.trunc(params.number('limit') ?? 100)));
  const timeoutSeconds = Math.max(0, params.number('timeout') ?? 0);
  let batch = updates.read(limit);
  if (batch.length === 0 && timeoutSeconds > 0) {
    const outcome = await updates.hold(timeoutSeconds * 1000);
    if (outcome === 'terminated')
      return failure(409, context.webhook.current === undefined ? terminated : webhookActive);
    batch = updates.read(limit);
  } else updates.release('terminated');
  return success(batch);
}

/**
 * setWebhook: an HTTPS URL (plain HTTP is accepted for loopback hosts only), an optional secret
 * token, `max_connections` 1–100; an empty URL removes the webhook.
 * @see PLATFORMS.md §2.6
 */
export function setWebhook(context: MethodContext, params: Params): TelegramApiResult {
  const url = params.string('url') ?? '';
  if (url === '') return deleteWebhook(context, params);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname)))
    return badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const secretToken = params.string('secret_token');
  if (secretToken !== undefined && !secretTokenPattern.test(secretToken))
    return badRequest('secret token contains unallowed characters');
  const maxConnections = params.number('max_connections') ?? 40;
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100)
    return badRequest('bad webhook: max_connections must be between 1 and 100');
  if (params.boolean('drop_pending_updates')) context.world.updates.dropAll();
  context.world.updates.setAllowed(allowedUpdatesOf(params));
  const unchanged = context.webhook.current?.url === url;
  context.webhook.set({ url, secretToken, maxConnections });
  context.world.updates.release('terminated');
  return success(true, unchanged ? 'Webhook is already set' : 'Webhook was set');
}

/** deleteWebhook: back to getUpdates, optionally dropping pending updates. */
export function deleteWebhook(context: MethodContext, params: Params): TelegramApiResult {
  const wasSet = context.webhook.current !== undefined;
  context.webhook.clear();
  if (params.boolean('drop_pending_updates')) context.world.updates.dropAll();
  return success(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
}

/** getWebhookInfo: the URL, pending updates and the last delivery error. */
export function getWebhookInfo(context: MethodContext): TelegramApiResult {
  const { webhook, world } = context;
  const current = webhook.current;
  const allowed = world.updates.allowedUpdates();
  return success({
    url: current?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: world.updates.size,
    ...(current === undefined ? {} : { max_connections: current.maxConnections }),
    ...(allowed === undefined ? {} : { allowed_updates: allowed }),
    ...(webhook.lastErrorDate === undefined
      ? {}
      : { last_error_date: webhook.lastErrorDate, last_error_message: webhook.lastErrorMessage }),
  });
}
