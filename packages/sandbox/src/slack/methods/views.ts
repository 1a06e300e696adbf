import type { EmulatorResponse } from '../../shared/index.js';
import { fail, failWithMessages, ok, type SlackMethodContext, viewJson } from '../api.js';
import { validateHomeView, validateModalView } from '../block-kit.js';
import { isRecord, jsonField, stringField } from '../json.js';
import type { SlackState } from '../state.js';
import type { SlackViewRecord } from '../types.js';

/** Most views a modal stack holds (the root plus two pushed). */
export const maxViewStack = 3;

/** Stores a modal for `userId`: a new stack (`open`) or on top of the current one (`push`). */
export function placeView(
  state: SlackState,
  userId: string,
  view: Record<string, unknown>,
  mode: 'open' | 'push',
): SlackViewRecord {
  const id = state.nextId('V');
  const stack = mode === 'open' ? [] : (state.viewStacks.get(userId) ?? []);
  if (mode === 'open') for (const openId of state.viewStacks.get(userId) ?? []) closeView(state, openId);
  const previousId = stack.at(-1);
  const previous = previousId === undefined ? undefined : state.views.get(previousId);
  const record: SlackViewRecord = {
    id,
    userId,
    view: { ...view, blocks: state.normalizeBlocks(Array.isArray(view['blocks']) ? view['blocks'] : []) },
    hash: state.nextId('h').toLowerCase(),
    rootViewId: previous?.rootViewId ?? id,
    previousViewId: previousId,
    open: true,
  };
  state.views.set(id, record);
  state.viewStacks.set(userId, [...stack, id]);
  return record;
}

/** Replaces a modal's definition (new hash). */
export function replaceView(state: SlackState, record: SlackViewRecord, view: Record<string, unknown>): void {
  record.view = {
    ...view,
    blocks: state.normalizeBlocks(Array.isArray(view['blocks']) ? view['blocks'] : []),
  };
  record.hash = state.nextId('h').toLowerCase();
}

/** Closes one view and drops it from its user's stack. */
export function closeView(state: SlackState, viewId: string): void {
  const record = state.views.get(viewId);
  if (!record) return;
  record.open = false;
  const stack = state.viewStacks.get(record.userId) ?? [];
  state.viewStacks.set(
    record.userId,
    stack.filter((id) => id !== viewId),
  );
}

function parseView(
  args: Record<string, unknown>,
): { view: Record<string, unknown> } | { response: EmulatorResponse } {
  const view = jsonField(args, 'view');
  if (view === undefined) return { response: fail('invalid_arguments') };
  const errors = validateModalView(view);
  if (errors.length > 0 || !isRecord(view))
    return { response: failWithMessages('invalid_arguments', errors) };
  return { view };
}

function exchangeTrigger(context: SlackMethodContext): { userId: string } | { response: EmulatorResponse } {
  const triggerId = stringField(context.args, 'trigger_id');
  if (triggerId === undefined || triggerId === '') return { response: fail('invalid_arguments') };
  const exchanged = context.state.useTrigger(triggerId);
  return 'error' in exchanged ? { response: fail(exchanged.error) } : exchanged;
}

/** `views.open`: needs a fresh, unused `trigger_id` (3 s) and a valid modal. */
export function openView(context: SlackMethodContext): EmulatorResponse {
  const parsed = parseView(context.args);
  if ('response' in parsed) return parsed.response;
  const trigger = exchangeTrigger(context);
  if ('response' in trigger) return trigger.response;
  const record = placeView(context.state, trigger.userId, parsed.view, 'open');
  return ok({ view: viewJson(record, context.workspace) });
}

/** `views.push`: a new view on top of the user's open modal (at most {@link maxViewStack}). */
export function pushView(context: SlackMethodContext): EmulatorResponse {
  const parsed = parseView(context.args);
  if ('response' in parsed) return parsed.response;
  const trigger = exchangeTrigger(context);
  if ('response' in trigger) return trigger.response;
  const stack = context.state.viewStacks.get(trigger.userId) ?? [];
  if (stack.length === 0) return fail('not_found');
  if (stack.length >= maxViewStack) return fail('push_limit_reached');
  const record = placeView(context.state, trigger.userId, parsed.view, 'push');
  return ok({ view: viewJson(record, context.workspace) });
}

/** `views.update`: replaces an open view by `view_id` or `external_id`, honouring `hash`. */
export function updateView(context: SlackMethodContext): EmulatorResponse {
  const { args, state } = context;
  const viewId = stringField(args, 'view_id');
  const externalId = stringField(args, 'external_id');
  if (viewId === undefined && externalId === undefined) return fail('invalid_arguments');
  const parsed = parseView(args);
  if ('response' in parsed) return parsed.response;
  const record =
    viewId === undefined
      ? [...state.views.values()].find((candidate) => candidate.view['external_id'] === externalId)
      : state.views.get(viewId);
  if (!record?.open) return fail('not_found');
  const hash = stringField(args, 'hash');
  if (hash !== undefined && hash !== record.hash) return fail('hash_conflict');
  replaceView(state, record, parsed.view);
  return ok({ view: viewJson(record, context.workspace) });
}

/**
 * `views.publish`: sets a user's App Home tab (`type: "home"`, up to 100 blocks); the same view id is
 * kept across publishes, each with a new `hash`. Errors: `invalid_arguments` (with json-pointer
 * messages), `user_not_found`, `hash_conflict`, `not_enabled` (the workspace's `homeTabEnabled` is off).
 * @see https://api.slack.com/methods/views.publish
 */
export function publishView(context: SlackMethodContext): EmulatorResponse {
  const { args, state } = context;
  if (!context.workspace.homeTabEnabled) return fail('not_enabled');
  const userId = stringField(args, 'user_id');
  if (userId === undefined || userId === '') return fail('invalid_arguments');
  const view = jsonField(args, 'view');
  if (view === undefined) return fail('invalid_arguments');
  const errors = validateHomeView(view);
  if (errors.length > 0 || !isRecord(view)) return failWithMessages('invalid_arguments', errors);
  const user = state.users.get(userId);
  if (!user || user.isBot || user.deleted) return fail('user_not_found');
  const existingId = state.homeViews.get(userId);
  const existing = existingId === undefined ? undefined : state.views.get(existingId);
  const hash = stringField(args, 'hash');
  if (existing) {
    if (hash !== undefined && hash !== existing.hash) return fail('hash_conflict');
    replaceView(state, existing, view);
    return ok({ view: viewJson(existing, context.workspace) });
  }
  const id = state.nextId('V');
  const record: SlackViewRecord = {
    id,
    userId,
    view: { ...view, blocks: state.normalizeBlocks(Array.isArray(view['blocks']) ? view['blocks'] : []) },
    hash: state.nextId('h').toLowerCase(),
    rootViewId: id,
    previousViewId: undefined,
    open: true,
  };
  state.views.set(id, record);
  state.homeViews.set(userId, id);
  return ok({ view: viewJson(record, context.workspace) });
}
