import type { FormAction, FormBlock, FormContent, FormField, FormScreen, NavigationList } from '@ferry/core';
import type { FormSession } from '../types.js';
import { evaluateCondition, resolvePayload, resolveValue } from './expressions.js';

/** One thing a screen shows, in order, after its conditions were evaluated. */
export type ScreenItem =
  | { readonly kind: 'content'; readonly content: FormContent }
  | { readonly kind: 'field'; readonly field: FormField }
  | { readonly kind: 'navigation'; readonly list: NavigationList };

/** Where walking a form stopped: at a question, or at its end (with the result). */
export type WalkStop =
  | {
      readonly kind: 'question';
      readonly session: FormSession;
      readonly preamble: readonly FormContent[];
      readonly item: Extract<ScreenItem, { kind: 'field' | 'navigation' }>;
    }
  | {
      readonly kind: 'end';
      readonly session: FormSession;
      readonly preamble: readonly FormContent[];
      readonly result: Record<string, unknown>;
    };

/** Screens visited in one walk before giving up (a navigate loop without questions). */
const MAX_SCREENS = 100;

/** The items of a screen for the answers so far (`if` / `switch` evaluated). */
export function screenItems(screen: FormScreen, session: FormSession): ScreenItem[] {
  return flatten(screen.blocks, session);
}

function flatten(blocks: readonly FormBlock[], session: FormSession): ScreenItem[] {
  return blocks.flatMap((block): ScreenItem[] => {
    switch (block.kind) {
      case 'field':
        return [{ kind: 'field', field: block }];
      case 'navigationList':
        return [{ kind: 'navigation', list: block }];
      case 'if':
        return flatten(
          evaluateCondition(block.condition, session) ? block.then : (block.else ?? []),
          session,
        );
      case 'switch': {
        const value = String(resolveValue(block.value, session) ?? '');
        return flatten(block.cases[value] ?? block.cases.default ?? [], session);
      }
      default:
        return [{ kind: 'content', content: block }];
    }
  });
}

/**
 * Walks from the session's position to the next question, following `navigate` submits (their
 * payload becomes screen data), or to the end, where the `complete` payload is resolved into the
 * Flow-shaped result `{ flow_token, ...payload }`.
 */
export function walk(start: FormSession): WalkStop {
  let session = start;
  const preamble: FormContent[] = [];
  for (let visited = 0; visited < MAX_SCREENS; visited++) {
    const screen = session.form.screens.find((candidate) => candidate.id === session.screen);
    if (screen === undefined) break;
    const items = screenItems(screen, session);
    for (let position = session.position; position < items.length; position++) {
      const item = items[position];
      if (item === undefined) continue;
      if (item.kind === 'content') preamble.push(item.content);
      else return { kind: 'question', session: { ...session, position }, preamble, item };
    }
    const action: FormAction | undefined = screen.submit?.action;
    if (action?.type === 'navigate') {
      session = follow(session, action);
      continue;
    }
    return finish(session, action, preamble);
  }
  return finish(session, undefined, preamble);
}

/** The session after a `navigate` action: on the target screen's first item, with its payload as data. */
export function follow(session: FormSession, action: Extract<FormAction, { type: 'navigate' }>): FormSession {
  return {
    ...session,
    screen: action.screen,
    position: 0,
    data: { ...session.data, ...resolvePayload(action.payload, session) },
  };
}

/** The end of the form: the result of a `complete` (or `dataExchange`) action. */
export function finish(
  session: FormSession,
  action: FormAction | undefined,
  preamble: readonly FormContent[],
): Extract<WalkStop, { kind: 'end' }> {
  const payload =
    action !== undefined && (action.type === 'complete' || action.type === 'dataExchange')
      ? resolvePayload(action.payload, session)
      : {};
  return { kind: 'end', session, preamble, result: { flow_token: session.flowToken, ...payload } };
}
