import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type FerryStore, InputError, isFerryError, systemClock } from '@ferry/core';
import { importContacts } from './contacts.js';
import { emptyCounts, type MutableCounts } from './counts.js';
import { detectImportKind, readHead } from './detect.js';
import { type DocumentImportContext, importFlow, importTemplates } from './documents.js';
import { IssueSink } from './issue-sink.js';
import { importSentLog, importWebhookLog, type LogImportContext } from './logs.js';
import { RejectsWriter, rejectsPathFor } from './rejects.js';
import type { ImportFileReport, ImportKind, ImportOptions } from './types.js';

const DEFAULT_MAX_ISSUES = 1000;

/**
 * Imports one WhatsApp export into the store in ONE transaction: the file's usable rows commit
 * together or, when the store fails mid-file, not at all. Rejected rows do not fail the file: they
 * are reported (file, line, field, reason) and written to the rejects file. A broken file (empty,
 * wrong kind, no phone column) writes nothing and comes back as `ok: false` with an `invalid_input`
 * error; this function does not throw for a user's mistake. Re-importing the same file changes nothing.
 */
export async function importFile(
  store: FerryStore,
  path: string,
  options: ImportOptions = {},
): Promise<ImportFileReport> {
  const file = basename(path);
  const clock = options.clock ?? systemClock;
  const command = options.command ?? 'import';
  const counts = emptyCounts();
  const rejects = new RejectsWriter(rejectsPathFor(file, options));
  const sink = new IssueSink(options.maxIssues ?? DEFAULT_MAX_ISSUES, rejects, counts);
  let kind: ImportKind | 'unknown' = options.kind ?? 'unknown';
  try {
    const modifiedAt = await modificationTime(path);
    kind = options.kind ?? detectImportKind(file, await readHead(path));
    const detected = kind;
    await store.transaction(async () => {
      await importByKind(store, detected, {
        path,
        file,
        options,
        counts,
        defaultTime: options.defaultTime ?? modifiedAt,
        sink,
        now: clock.now(),
      });
      await store.audit.append({
        command,
        args: { file: path, kind: detected, ...auditedOptions(options) },
        counts: { ...counts },
        at: clock.now(),
      });
    });
    const rejectsFile = await rejects.finish();
    return {
      file: path,
      kind,
      ok: true,
      counts,
      issues: sink.issues,
      issuesOmitted: sink.omitted,
      ...(rejectsFile === undefined ? {} : { rejectsFile }),
    };
  } catch (error) {
    await rejects.discard().catch(() => undefined);
    await recordFailure(store, command, path, kind, clock.now()).catch(() => undefined);
    return {
      file: path,
      kind,
      ok: false,
      counts: emptyCounts(),
      issues: sink.issues,
      issuesOmitted: sink.omitted,
      error: describeFailure(error, path),
    };
  }
}

/** Imports files one after another (one transaction each); a failed file does not stop the others. */
export async function importFiles(
  store: FerryStore,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<readonly ImportFileReport[]> {
  const reports: ImportFileReport[] = [];
  for (const path of paths) reports.push(await importFile(store, path, options));
  return reports;
}

/** What one kind's importer gets. */
interface KindContext {
  readonly path: string;
  readonly file: string;
  readonly options: ImportOptions;
  readonly counts: MutableCounts;
  readonly defaultTime: number;
  readonly sink: IssueSink;
  readonly now: number;
}

async function importByKind(store: FerryStore, kind: ImportKind, context: KindContext): Promise<void> {
  switch (kind) {
    case 'contacts-csv':
    case 'contacts-jsonl':
      return importContacts(store, { ...context, format: kind === 'contacts-csv' ? 'csv' : 'jsonl' });
    case 'templates':
      return importTemplates(store, documentContext(context));
    case 'flow':
      return importFlow(store, documentContext(context));
    case 'webhook-log':
      return importWebhookLog(store, logContext(context));
    case 'sent-log':
      return importSentLog(store, logContext(context));
  }
}

function documentContext(context: KindContext): DocumentImportContext {
  return {
    path: context.path,
    file: context.file,
    counts: context.counts,
    sink: context.sink,
    now: context.now,
  };
}

function logContext(context: KindContext): LogImportContext {
  return {
    ...documentContext(context),
    defaultTime: context.defaultTime,
    defaultCountry: context.options.defaultCountry,
  };
}

async function modificationTime(path: string): Promise<number> {
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(path);
  } catch {
    throw new InputError(`${path} does not exist or cannot be read.`, { details: { file: path } });
  }
  if (!stats.isFile()) throw new InputError(`${path} is not a file.`, { details: { file: path } });
  return Math.trunc(stats.mtimeMs);
}

function auditedOptions(options: ImportOptions): Record<string, string | boolean> {
  return {
    ...(options.kind === undefined ? {} : { requestedKind: options.kind }),
    ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
    ...(options.assumeOptIn === undefined ? {} : { assumeOptIn: options.assumeOptIn }),
  };
}

async function recordFailure(
  store: FerryStore,
  command: string,
  path: string,
  kind: ImportKind | 'unknown',
  at: number,
): Promise<void> {
  await store.audit.append({ command, args: { file: path, kind }, counts: {}, outcome: 'failed', at });
}

/** A failure as the report shows it: the error's code, message, hint and details, never a stack. */
function describeFailure(error: unknown, path: string): NonNullable<ImportFileReport['error']> {
  if (isFerryError(error)) {
    const json = error.toJSON();
    return {
      code: json.code,
      message: json.message,
      ...(json.hint === undefined ? {} : { hint: json.hint }),
      details: { file: path, ...json.details },
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `Storing ${basename(path)} failed (${reason}); nothing from this file was written.`,
    details: { file: path },
  };
}
