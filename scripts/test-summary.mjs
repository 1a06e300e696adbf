#!/usr/bin/env node
// Totals the JSON reports every package's vitest run writes to `.test-results/` and prints one plain
// closing line, `Tests: N passed, N failed` (plus skipped when any), after `npm run test:all`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(new URL('..', import.meta.url).pathname, '.test-results');
let passed = 0;
let failed = 0;
let skipped = 0;
const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`\n${files.length} test reports`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
