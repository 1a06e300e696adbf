/**
 * Startup time of the built CLI: `ferry --help` and `ferry --version`, 20 runs each, mean and p95.
 * Commands, SDKs and Ink load lazily, so both should answer in well under 300 ms. Needs a build
 * (`npm run bench` at the root builds first; alone: `npx tsc -p apps/cli/tsconfig.build.json`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../dist/bin.js');
const RUNS = 20;
const BUDGET_MS = 300;

if (!existsSync(BIN)) {
  console.error(`${BIN} is missing: build the CLI first (npx tsc -p apps/cli/tsconfig.build.json).`);
  process.exit(1);
}

function time(args: readonly string[]): number[] {
  const samples: number[] = [];
  spawnSync(process.execPath, [BIN, ...args]); // warm the file cache once
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0)
      throw new Error(`ferry ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return samples.sort((left, right) => left - right);
}

const node = (() => {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((left, right) => left - right);
})();

const mean = (samples: readonly number[]) =>
  samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
const p95 = (samples: readonly number[]) =>
  samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)] ?? 0;

console.log(`| command | runs | mean ms | p95 ms | within ${BUDGET_MS} ms |`);
console.log('|---|---|---|---|---|');
console.log(`| node -e 0 (baseline) | ${RUNS} | ${mean(node).toFixed(1)} | ${p95(node).toFixed(1)} | |`);
for (const args of [['--help'], ['--version']]) {
  const samples = time(args);
  console.log(
    `| ferry ${args.join(' ')} | ${RUNS} | ${mean(samples).toFixed(1)} | ${p95(samples).toFixed(1)} | ${p95(samples) < BUDGET_MS ? 'yes' : 'NO'} |`,
  );
}
