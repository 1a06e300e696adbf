import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadIssue } from '../types.js';

/** Meta's published WhatsApp examples, shared by the whole project. */
export const FIXTURES = join(import.meta.dirname, '../../../../../../shared/fixtures/whatsapp');

/** Names of the files in a fixture folder that match a pattern, sorted. */
export function fixtureNames(folder: 'meta-examples' | 'meta-flows', pattern: RegExp): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((name) => pattern.test(name))
    .sort();
}

/** A fixture's text. */
export function fixtureText(folder: 'meta-examples' | 'meta-flows', name: string): string {
  return readFileSync(join(FIXTURES, folder, name), 'utf8');
}

/** A fixture compacted to one line, as a log would hold it. */
export function fixtureLine(name: string): string {
  return JSON.stringify(JSON.parse(fixtureText('meta-examples', name)));
}

/** The error issues only. */
export function errorsOf(issues: readonly ReadIssue[]): ReadIssue[] {
  return issues.filter((issue) => issue.severity === 'error');
}

/** The warning issues only. */
export function warningsOf(issues: readonly ReadIssue[]): ReadIssue[] {
  return issues.filter((issue) => issue.severity === 'warning');
}
