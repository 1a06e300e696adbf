import type { ReadIssue } from '@ferry/whatsapp';
import type { MutableCounts } from './counts.js';
import type { RejectsWriter } from './rejects.js';

/**
 * Where a file's issues go: every rejected row to the rejects file, the first `limit` issues to
 * the report (a million-row file can reject a hundred thousand rows), warnings to the counts.
 */
export class IssueSink {
  readonly issues: ReadIssue[] = [];
  omitted = 0;

  constructor(
    private readonly limit: number,
    private readonly rejects: RejectsWriter,
    private readonly counts: MutableCounts,
  ) {}

  /** Records issues; `error`s are rows or items that were not imported. */
  async add(issues: readonly ReadIssue[]): Promise<void> {
    if (issues.length === 0) return;
    for (const issue of issues) {
      if (issue.severity === 'warning') this.counts.warnings += 1;
      if (this.issues.length < this.limit) this.issues.push(issue);
      else this.omitted += 1;
    }
    await this.rejects.write(issues);
  }
}
