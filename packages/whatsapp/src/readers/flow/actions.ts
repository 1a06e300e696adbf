import type { FormAction } from '@ferry/core';
import { fieldPath } from '../issues.js';
import { isObject, type JsonObject, stringOf } from '../values.js';
import type { ScreenContext } from './context.js';

function payloadOf(action: JsonObject): Readonly<Record<string, unknown>> {
  const payload = action['payload'];
  return isObject(payload) ? payload : {};
}

/**
 * Reads a Flow action (`on-click-action`, `on-select-action`…): `navigate`, `complete`, `data_exchange`
 * and `open_url` map to a form action; `${form.x}` and `${data.x}` references stay in the payload as written.
 * `data_exchange` marks the flow as needing the operator's endpoint. Other actions give undefined and a warning.
 * @see PLATFORMS.md §1.4 "Actions"
 */
export function readFlowAction(value: unknown, context: ScreenContext, path: string): FormAction | undefined {
  const { issues } = context.state;
  if (!isObject(value)) {
    issues.warning('an action must be an object with a name; it was dropped', { field: path });
    return undefined;
  }
  const name = stringOf(value['name']);
  switch (name) {
    case 'navigate': {
      const next = value['next'];
      const screen = isObject(next) ? stringOf(next['name']) : undefined;
      if (screen === undefined) {
        issues.warning('a navigate action needs next.name (the screen to open); it was dropped', {
          field: fieldPath(path, 'next'),
        });
        return undefined;
      }
      if (isObject(next) && next['type'] !== undefined && next['type'] !== 'screen') {
        issues.warning(`navigation to a "${String(next['type'])}" is not supported; the action was dropped`, {
          field: fieldPath(path, 'next', 'type'),
        });
        return undefined;
      }
      context.state.navigations.push({ screen, field: fieldPath(path, 'next', 'name') });
      const payload = payloadOf(value);
      return Object.keys(payload).length === 0
        ? { type: 'navigate', screen }
        : { type: 'navigate', screen, payload };
    }
    case 'complete':
      return { type: 'complete', payload: payloadOf(value) };
    case 'data_exchange':
      context.state.needsEndpoint = true;
      issues.warning(
        `screen ${context.screenId} sends data_exchange: running this flow needs the operator's data endpoint`,
        { field: path },
      );
      return { type: 'dataExchange', payload: payloadOf(value) };
    case 'open_url': {
      const url = stringOf(value['url']);
      if (url === undefined) {
        issues.warning('an open_url action needs a url; it was dropped', { field: fieldPath(path, 'url') });
        return undefined;
      }
      return { type: 'openUrl', url };
    }
    case 'update_data':
      issues.warning(
        'update_data changes what the screen shows while the user types; no target form can do that, so it was dropped',
        { field: path },
      );
      return undefined;
    default:
      issues.warning(`action "${name ?? '(none)'}" is not known to Ferry; it was dropped`, {
        field: fieldPath(path, 'name'),
      });
      return undefined;
  }
}
