#!/usr/bin/env node
// Runs every benchmark (`packages/*/bench/*.bench.ts`, `bench/*.bench.ts`) one after another with tsx
// and lets each print its own figures. `npm run bench -- fit` runs only the files whose path contains "fit".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const dirs = [join(root, 'bench')];
for (const group of ['packages', 'apps']) {
  const base = join(root, group);
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base)) dirs.push(join(base, name, 'bench'));
}
const files = dirs
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => join(dir, f)),
  )
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown cpu';
console.log(
  `# Ferry benchmarks — node ${process.version}, ${cpus().length} x ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.slice(root.length)}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed++;
}
if (files.length === 0) console.log('No benchmark matched.');
process.exit(failed === 0 ? 0 : 1);
