import type { ImportFileReport, ImportKind } from '@ferry/engine';
import type { CountryCode } from '@ferry/whatsapp';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import { readWorkspacePlan, type Workspace, withStore } from './workspace.js';

/** What to import and how. */
export interface ImportRequest {
  /** Files to import; empty means the plan's `sources`. */
  readonly files: readonly string[];
  readonly kind?: ImportKind;
  readonly defaultCountry?: string;
  readonly assumeOptIn?: boolean;
  readonly now: number;
}

/**
 * Imports files into the workspace store, one transaction per file; with no files, the plan's
 * sources (each with its declared kind and country). Never throws for a bad file: see the reports.
 */
export async function importIntoWorkspace(
  workspace: Workspace,
  request: ImportRequest,
): Promise<readonly ImportFileReport[]> {
  const { importFile } = await import('@ferry/engine');
  const jobs: { path: string; kind?: ImportKind; defaultCountry?: string }[] = [];
  if (request.files.length > 0) {
    for (const file of request.files) jobs.push({ path: file });
  } else {
    const { plan, errors } = await readWorkspacePlan(workspace, { now: request.now });
    if (plan === undefined) {
      throw new CliError('The plan has errors, so its sources cannot be read.', {
        hint: `Run \`ferry plan\` to see them (first: ${errors[0]?.path ?? ''} ${errors[0]?.message ?? ''}), or name the files to import.`,
        exitCode: EXIT_CODES.input,
        code: 'invalid_input',
      });
    }
    if (plan.sources.length === 0) {
      throw new CliError('Nothing to import: no files given and the plan lists no sources.', {
        hint: 'Run `ferry import <files…>` or add `sources` to the plan.',
        exitCode: EXIT_CODES.usage,
        code: 'usage',
      });
    }
    for (const source of plan.sources) {
      jobs.push({
        path: source.resolvedPath,
        ...(source.kind === undefined ? {} : { kind: source.kind as ImportKind }),
        ...(source.defaultCountry === undefined ? {} : { defaultCountry: source.defaultCountry }),
      });
    }
  }
  return withStore(workspace, async (store) => {
    const reports: ImportFileReport[] = [];
    for (const job of jobs) {
      const kind = job.kind ?? request.kind;
      const country = job.defaultCountry ?? request.defaultCountry;
      reports.push(
        await importFile(store, job.path, {
          workspace: workspace.dir,
          rejectsDir: workspace.rejectsDir,
          ...(kind === undefined ? {} : { kind }),
          ...(country === undefined ? {} : { defaultCountry: country.toUpperCase() as CountryCode }),
          ...(request.assumeOptIn === true ? { assumeOptIn: true } : {}),
        }),
      );
    }
    return reports;
  });
}

/** 0 when every file imported cleanly, 3 when none did, 5 when some files failed or rows were rejected. */
export function importExitCode(reports: readonly ImportFileReport[]): ExitCode {
  const failed = reports.filter((report) => !report.ok).length;
  if (reports.length > 0 && failed === reports.length) return EXIT_CODES.input;
  const rejected = reports.some((report) => report.counts.rejected > 0);
  return failed > 0 || rejected ? EXIT_CODES.partial : EXIT_CODES.ok;
}
