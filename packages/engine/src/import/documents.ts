import { readFile } from 'node:fs/promises';
import { type FerryStore, InputError, type StoredJson } from '@ferry/core';
import {
  type ImportedFlow,
  type ImportedTemplate,
  type ReadIssue,
  type ReadResult,
  readFlow,
  readTemplates,
} from '@ferry/whatsapp';
import type { MutableCounts } from './counts.js';
import type { IssueSink } from './issue-sink.js';

/** What a JSON-document importer needs besides the store. */
export interface DocumentImportContext {
  readonly path: string;
  readonly file: string;
  readonly counts: MutableCounts;
  readonly sink: IssueSink;
  readonly now: number;
}

/** The file's text; JSON exports are read whole (they are documents, not row streams). */
export function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/**
 * Reports a reader's issues and counts; a result with no item but an error (invalid JSON, empty,
 * the wrong kind) is a broken file: an `InputError` with the first error's line and field.
 */
export async function acceptResult<T>(
  result: ReadResult<T>,
  context: DocumentImportContext,
): Promise<readonly T[]> {
  const errors = result.issues.filter((issue) => issue.severity === 'error');
  if (result.items.length === 0 && errors.length > 0) throw brokenFile(errors[0]!, context.file);
  if (result.items.length === 0) {
    throw new InputError(`${context.file} holds nothing to import.`, { details: { file: context.file } });
  }
  context.counts.read += result.items.length + errors.length;
  context.counts.rejected += errors.length;
  await context.sink.add(result.issues);
  return result.items;
}

function brokenFile(issue: ReadIssue, file: string): InputError {
  return new InputError(`${file}: ${issue.reason}`, {
    details: {
      file,
      ...(issue.line === undefined ? {} : { line: issue.line }),
      ...(issue.column === undefined ? {} : { column: issue.column }),
      ...(issue.field === undefined ? {} : { field: issue.field }),
    },
  });
}

/** Plain JSON for the store (the neutral model is JSON by construction; this drops `undefined`s). */
export function asJson(value: unknown): StoredJson {
  return JSON.parse(JSON.stringify(value)) as StoredJson;
}

function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Imports a template export into the catalog. A template already stored with the same neutral form
 * and original JSON is left alone (`unchanged`), so re-importing keeps its first `importedAt`.
 */
export async function importTemplates(store: FerryStore, context: DocumentImportContext): Promise<void> {
  const result = readTemplates(await readText(context.path), { file: context.file });
  for (const template of await acceptResult(result, context)) {
    const neutral = asJson(neutralTemplate(template));
    const existing = await store.catalog.getTemplate(template.name, template.language);
    context.counts.imported += 1;
    if (
      existing !== undefined &&
      sameJson(existing.neutral, neutral) &&
      sameJson(existing.original, template.original)
    ) {
      context.counts.unchanged += 1;
      continue;
    }
    if (existing === undefined) context.counts.created += 1;
    else context.counts.merged += 1;
    await store.catalog.putTemplate({
      name: template.name,
      language: template.language,
      ...(template.category === undefined ? {} : { category: template.category }),
      ...(template.status === undefined ? {} : { status: template.status }),
      neutral,
      original: template.original,
      source: `import:${context.file}`,
      importedAt: context.now,
    });
  }
}

function neutralTemplate(template: ImportedTemplate): unknown {
  return {
    ...(template.id === undefined ? {} : { id: template.id }),
    parameterFormat: template.parameterFormat,
    parameters: template.parameters,
    message: template.message,
  };
}

/** Imports a Flow JSON file into the catalog under the flow's name (unchanged flows are left alone). */
export async function importFlow(store: FerryStore, context: DocumentImportContext): Promise<void> {
  const result = readFlow(await readText(context.path), { file: context.file });
  for (const flow of await acceptResult(result, context)) {
    const neutral = asJson(neutralFlow(flow));
    const existing = await store.catalog.getFlow(flow.name);
    context.counts.imported += 1;
    if (
      existing !== undefined &&
      sameJson(existing.neutral, neutral) &&
      sameJson(existing.original, flow.original)
    ) {
      context.counts.unchanged += 1;
      continue;
    }
    if (existing === undefined) context.counts.created += 1;
    else context.counts.merged += 1;
    await store.catalog.putFlow({
      name: flow.name,
      neutral,
      original: flow.original,
      source: `import:${context.file}`,
      importedAt: context.now,
    });
  }
}

function neutralFlow(flow: ImportedFlow): unknown {
  return { version: flow.version, needsEndpoint: flow.needsEndpoint, form: flow.form };
}
