import type { EmulatorRequest, EmulatorResponse } from '../shared/index.js';
import { parseBody } from '../shared/index.js';
import { validateMessageBlocks } from './block-kit.js';
import { booleanField, jsonField, stringField } from './json.js';
import type { SlackState } from './state.js';

/** Where `response_url`s point: `/_slack/response/<channel>/<message ts or ->`. */
export const responseUrlPath = '/_slack/response/';

/**
 * A POST to a `response_url`: posts a new message, or replaces / deletes the original one
 * (`replace_original`, `delete_original`), as Slack does for interactivity and slash commands.
 */
export function handleResponseUrl(state: SlackState, request: EmulatorRequest): EmulatorResponse {
  if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
  const [channelPart, tsPart] = request.path.slice(responseUrlPath.length).split('/');
  const channelId = decodeURIComponent(channelPart ?? '');
  const originalTs = tsPart === undefined || tsPart === '-' ? undefined : decodeURIComponent(tsPart);
  if (!state.channels.has(channelId)) return { status: 404, body: { ok: false, error: 'channel_not_found' } };
  let args: Record<string, unknown>;
  try {
    args = parseBody(request);
  } catch {
    return { status: 400, body: { ok: false, error: 'invalid_json' } };
  }
  const original = originalTs === undefined ? undefined : state.findMessage(channelId, originalTs);
  if (booleanField(args, 'delete_original')) {
    const history = state.messages.get(channelId) ?? [];
    if (original) history.splice(history.indexOf(original), 1);
    return { status: 200, body: { ok: true } };
  }
  const text = stringField(args, 'text') ?? '';
  const rawBlocks = args['blocks'] === undefined ? undefined : jsonField(args, 'blocks');
  const blocks = Array.isArray(rawBlocks) ? rawBlocks : undefined;
  if (text === '' && blocks === undefined) return { status: 400, body: { ok: false, error: 'no_text' } };
  if (blocks !== undefined && validateMessageBlocks(blocks).length > 0)
    return { status: 400, body: { ok: false, error: 'invalid_blocks' } };
  const normalized = blocks === undefined ? undefined : state.normalizeBlocks(blocks);
  if (booleanField(args, 'replace_original') && original) {
    original.text = text;
    original.blocks = normalized;
    original.edited = true;
    return { status: 200, body: { ok: true } };
  }
  state.addMessage({
    channel: channelId,
    ts: state.nextTs(),
    user: state.workspace.botUserId,
    text,
    blocks: normalized,
    threadTs: undefined,
    fromBot: true,
    edited: false,
  });
  return { status: 200, body: { ok: true } };
}
