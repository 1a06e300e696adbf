import { readFile } from 'node:fs/promises';
import { schemaIssues } from './issues.js';
import { normalizePlan } from './normalize.js';
import { checkPlanRules } from './rules.js';
import { planSchema } from './schema.js';
import { findSecrets } from './secrets.js';
import { formatPath, type PlanPath, parsePlanText } from './source.js';
import type { TemplateSummary } from './template-check.js';
import type { PlanIssue, PlanLoadResult } from './types.js';

/** Options for reading a plan. */
export interface LoadPlanOptions {
  /** The file the text came from: named in issues, decides JSON vs YAML, anchors relative source paths. */
  readonly file?: string;
  /** The current time in ms since the epoch (defaults to `Date.now()`); "in the past" is judged against it. */
  readonly now?: number;
  /** The imported templates (e.g. `await store.catalog.listTemplates()`); when given, waves must name one. */
  readonly templates?: readonly TemplateSummary[];
}

function byPosition(left: PlanIssue, right: PlanIssue): number {
  return (
    (left.line ?? Number.MAX_SAFE_INTEGER) - (right.line ?? Number.MAX_SAFE_INTEGER) ||
    (left.column ?? 0) - (right.column ?? 0)
  );
}

/**
 * Reads a plan from text (YAML, or JSON): schema, then normalisation, then cross-field rules. Every
 * problem comes back as a value with its field path and position; the plan only when there is no error.
 */
export function loadPlan(text: string, options: LoadPlanOptions = {}): PlanLoadResult {
  const parsed = parsePlanText(
    text.replace(/^\uFEFF/, ''),
    options.file === undefined ? {} : { file: options.file },
  );
  const fileField = options.file === undefined ? {} : { file: options.file };
  const issueAt = (path: PlanPath, message: string): PlanIssue => ({
    path: formatPath(path),
    message,
    ...fileField,
    ...(parsed.locate(path) ?? {}),
  });
  const warnings: PlanIssue[] = [...parsed.warnings];
  if (parsed.errors.length > 0) return { errors: parsed.errors, warnings };
  if (parsed.value === null || parsed.value === undefined) {
    return {
      errors: [issueAt([], 'the plan file is empty; `ferry init` writes a commented one to start from')],
      warnings,
    };
  }

  const secrets = findSecrets(parsed.value);
  const errors: PlanIssue[] = secrets.map((secret) => issueAt(secret.path, secret.message));
  const checked = planSchema.safeParse(parsed.value);
  if (!checked.success) {
    for (const issue of schemaIssues(
      checked.error.issues,
      parsed.value,
      secrets.map((secret) => secret.path),
    )) {
      errors.push(issueAt(issue.path, issue.message));
    }
  }
  if (errors.length > 0 || !checked.success) return { errors: errors.sort(byPosition), warnings };

  const normalized = normalizePlan(checked.data, options.file === undefined ? {} : { file: options.file });
  const ruleIssues = checkPlanRules(normalized.plan, checked.data, normalized.waveSourceIndex, {
    now: options.now ?? Date.now(),
    ...(options.templates === undefined ? {} : { templates: options.templates }),
  });
  for (const issue of [...normalized.issues, ...ruleIssues]) {
    (issue.severity === 'error' ? errors : warnings).push(issueAt(issue.path, issue.message));
  }
  errors.sort(byPosition);
  warnings.sort(byPosition);
  return errors.length > 0 ? { errors, warnings } : { plan: normalized.plan, errors, warnings };
}

/** Reads and loads a plan file; a file that cannot be read is an error value, not an exception. */
export async function readPlanFile(
  path: string,
  options: Omit<LoadPlanOptions, 'file'> = {},
): Promise<PlanLoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file (`ferry init` writes one)' : `cannot read it (${code ?? 'error'})`;
    return { errors: [{ path: '', message: reason, file: path }], warnings: [] };
  }
  return loadPlan(text, { ...options, file: path });
}
