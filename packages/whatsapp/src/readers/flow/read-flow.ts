import type { Form, FormScreen } from '@ferry/core';
import { fieldPath, IssueCollector } from '../issues.js';
import { parseSingleJsonDocument } from '../json-documents.js';
import { createFieldLocator } from '../json-locations.js';
import { wrongKindReason } from '../kinds.js';
import type { ReaderOptions, ReadResult } from '../types.js';
import { asStoredJson, isObject, type JsonObject, stringOf, textOf } from '../values.js';
import { readChildren } from './components.js';
import type { FlowReadState, ScreenContext } from './context.js';
import type { ImportedFlow } from './types.js';

/** Options of {@link readFlow}: the file, and the operator's name for the flow (default: the file name). */
export interface ReadFlowOptions extends ReaderOptions {
  readonly name?: string;
}

/** The Flow JSON major versions Ferry reads. @see PLATFORMS.md §1.4 "Top level" (Meta samples 3.1; current 7.x) */
export const FLOW_JSON_MAJOR_VERSIONS = { min: 3, max: 7 } as const;

function nameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function checkVersion(version: string | undefined, issues: IssueCollector): string {
  if (version === undefined) {
    issues.warning('the Flow JSON has no version; it was read as the newest version Ferry knows', {
      field: 'version',
    });
    return 'unknown';
  }
  const major = Number.parseInt(version, 10);
  if (!(major >= FLOW_JSON_MAJOR_VERSIONS.min && major <= FLOW_JSON_MAJOR_VERSIONS.max)) {
    issues.warning(
      `Flow JSON version ${version} is outside the versions Ferry reads (${FLOW_JSON_MAJOR_VERSIONS.min} to ${FLOW_JSON_MAJOR_VERSIONS.max}.x); it was read anyway`,
      { field: 'version' },
    );
  }
  return version;
}

function readScreen(screen: JsonObject, state: FlowReadState, path: string): FormScreen | undefined {
  const id = stringOf(screen['id']);
  if (id === undefined) {
    state.issues.error('a screen needs an id', { field: fieldPath(path, 'id') });
    return undefined;
  }
  const data = isObject(screen['data']) ? screen['data'] : undefined;
  const context: ScreenContext = { state, screenId: id, data, initValues: undefined, footer: {} };
  const layout = screen['layout'];
  if (!isObject(layout)) {
    state.issues.error(`screen ${id} has no layout`, { field: fieldPath(path, 'layout') });
    return undefined;
  }
  const blocks = readChildren(layout['children'], context, fieldPath(path, 'layout', 'children'));
  const submit = context.footer.submit;
  const title = stringOf(screen['title']);
  const terminal = screen['terminal'] === true;
  if (terminal && submit === undefined) {
    state.issues.warning(`terminal screen ${id} has no Footer, so nothing completes the flow there`, {
      field: path,
    });
  }
  return {
    id,
    ...(title === undefined ? {} : { title }),
    blocks,
    ...(submit === undefined ? {} : { submit: { label: submit.label, action: submit.action } }),
    ...(terminal ? { terminal } : {}),
    ...(data === undefined ? {} : { data }),
  };
}

/**
 * Reads a WhatsApp Flow JSON (versions 3 to 7.x) into a neutral form: screens, their components,
 * navigation and the `complete` payload with its `${form.x}` references. Components the model cannot
 * hold are dropped with a warning that says why; invalid JSON, an empty file or another kind of file
 * is an error issue.
 * @see PLATFORMS.md §1.4 (Flow JSON)
 */
export function readFlow(text: string, options: ReadFlowOptions): ReadResult<ImportedFlow> {
  const { file } = options;
  const parsed = parseSingleJsonDocument(text, file);
  const issues = new IssueCollector(file);
  issues.addAll(parsed.issues);
  const document = parsed.documents[0];
  if (document === undefined) return { items: [], issues: issues.issues };
  const value = document.value;
  const wrongKind = wrongKindReason(value, 'flow');
  if (wrongKind !== undefined || !isObject(value) || !Array.isArray(value['screens'])) {
    issues.error(wrongKind ?? 'not a Flow JSON: a flow needs a screens array', { line: document.line });
    return { items: [], issues: issues.issues };
  }

  const version = checkVersion(textOf(value['version']), issues);
  const state: FlowReadState = { issues, needsEndpoint: false, navigations: [] };
  if (value['data_api_version'] !== undefined || value['data_channel_uri'] !== undefined) {
    state.needsEndpoint = true;
    issues.warning(
      "the flow declares a data endpoint (data_api_version): its first screen's data comes from the operator's endpoint",
      { field: 'data_api_version' },
    );
  }
  const screens: FormScreen[] = [];
  value['screens'].forEach((screen, index) => {
    const path = fieldPath('screens', index);
    if (!isObject(screen)) {
      issues.error('a screen must be an object', { field: path });
      return;
    }
    const read = readScreen(screen, state, path);
    if (read === undefined) return;
    if (screens.some((existing) => existing.id === read.id)) {
      issues.error(`screen id ${read.id} is used twice; the second screen was dropped`, {
        field: fieldPath(path, 'id'),
      });
      return;
    }
    screens.push(read);
  });
  if (screens.length === 0) {
    issues.error('the flow has no screen that could be read', { field: 'screens' });
    issues.locateSince(0, createFieldLocator(document.text, document));
    return { items: [], issues: issues.issues };
  }
  for (const navigation of state.navigations) {
    if (!screens.some((screen) => screen.id === navigation.screen)) {
      issues.warning(`navigation to screen ${navigation.screen}, which the flow does not define`, {
        field: navigation.field,
      });
    }
  }

  issues.locateSince(0, createFieldLocator(document.text, document));
  const name = options.name ?? nameFromFile(file);
  const first = screens[0];
  const form: Form = {
    id: name,
    ...(first?.title === undefined ? {} : { title: first.title }),
    screens,
    ...(first === undefined ? {} : { start: first.id }),
    ...(state.needsEndpoint ? { needsEndpoint: true } : {}),
    ...(version === 'unknown' ? {} : { sourceVersion: version }),
  };
  return {
    items: [{ name, version, form, needsEndpoint: state.needsEndpoint, original: asStoredJson(value) }],
    issues: issues.issues,
  };
}
