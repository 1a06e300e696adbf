import type { ReadIssue } from './types.js';

/** Where in a file an issue is: a line (and column) and/or a field path. */
export interface IssueLocation {
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
}

/** Collects the issues of one file, in the order they were found. */
export class IssueCollector {
  readonly #file: string;
  readonly #issues: ReadIssue[] = [];

  constructor(file: string) {
    this.#file = file;
  }

  /** Records something that was not imported. */
  error(reason: string, location: IssueLocation = {}): void {
    this.#add('error', reason, location);
  }

  /** Records something imported with a loss, or a limit the source breaks. */
  warning(reason: string, location: IssueLocation = {}): void {
    this.#add('warning', reason, location);
  }

  /** How many issues were recorded so far; pass it to {@link IssueCollector.locateSince}. */
  get count(): number {
    return this.#issues.length;
  }

  /**
   * Gives the issues recorded since `start` that name a field the line and column of that field,
   * found by `locate` (see `createFieldLocator`).
   */
  locateSince(start: number, locate: (field: string) => { line: number; column: number } | undefined): void {
    for (let index = start; index < this.#issues.length; index += 1) {
      const issue = this.#issues[index];
      if (issue?.field === undefined || issue.column !== undefined) continue;
      const found = locate(issue.field);
      if (found !== undefined) this.#issues[index] = { ...issue, line: found.line, column: found.column };
    }
  }

  /** Adds issues another reader produced (for example a Flow inside a template). */
  addAll(issues: readonly ReadIssue[]): void {
    this.#issues.push(...issues);
  }

  /** The issues in file order: by line (stable, so issues of one line keep the order they were found in). */
  get issues(): readonly ReadIssue[] {
    const lineOf = (issue: ReadIssue) => issue.line ?? Number.POSITIVE_INFINITY;
    return [...this.#issues].sort((first, second) => lineOf(first) - lineOf(second));
  }

  #add(severity: ReadIssue['severity'], reason: string, location: IssueLocation): void {
    this.#issues.push({
      file: this.#file,
      ...(location.line === undefined ? {} : { line: location.line }),
      ...(location.column === undefined ? {} : { column: location.column }),
      ...(location.field === undefined ? {} : { field: location.field }),
      reason,
      severity,
    });
  }
}

/** Joins a JSON path and a key or index: `fieldPath('data[0]', 'components', 2)` is `data[0].components[2]`. */
export function fieldPath(base: string, ...parts: readonly (string | number)[]): string {
  let path = base;
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else path = path === '' ? part : `${path}.${part}`;
  }
  return path;
}
