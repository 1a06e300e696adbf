// Contacts import, end to end: a generated CSV of real-world phone formats (9 countries, 15% invalid
// or duplicate rows) imported into a fresh SQLite file. Prints rows/s (wall and per CPU-second, the
// reading worker included), peak RSS at two file sizes, the reader alone, and a naive baseline
// (Papa Parse + upsert of the raw strings, no normalisation, same store) measured in the same run,
// and the same rows as JSON lines (the path a file that cannot be split takes: one streaming worker).
// Run: node --conditions=source --import tsx packages/engine/bench/import.bench.ts [rows]   (default 1,000,000)
// The measured code is bundled with esbuild first (into the temp dir, as shipped: plain JS, no tsx loader
// in the process or its worker); FERRY_BENCH_TSX=1 measures the TypeScript sources through tsx instead.
// Each measurement runs in its own child process so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Mode = 'ferry' | 'read' | 'workers' | 'naive';

interface Measurement {
  readonly mode: Mode;
  readonly rows: number;
  readonly seconds: number;
  /** User + system CPU time of the child: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly mainHeapMb: number;
  readonly counts?: Readonly<Record<string, number>>;
}

const self = fileURLToPath(import.meta.url);

// Mobile numbers that are valid in libphonenumber's full metadata, written the ways exports write
// them: per country, several writings of the same number (a repeat uses another writing).
type Writing = (n: string) => { phone: string; country?: string };
const COUNTRIES: readonly (readonly Writing[])[] = [
  [
    (n) => ({ phone: `+55 11 9${n.slice(0, 4)}-${n.slice(4, 8)}` }),
    (n) => ({ phone: `55119${n.slice(0, 8)}` }),
    (n) => ({ phone: `(011) 9${n.slice(0, 4)}-${n.slice(4, 8)}` }),
  ],
  [
    (n) => ({ phone: `+39 33${n.slice(0, 1)} ${n.slice(1, 4)} ${n.slice(4, 8)}` }),
    (n) => ({ phone: `33${n.slice(0, 1)} ${n.slice(1, 8)}`, country: 'IT' }),
    (n) => ({ phone: `0039 33${n.slice(0, 8)}` }),
  ],
  [
    (n) => ({ phone: `+1 (650) 2${n.slice(2, 4)}-${n.slice(4, 8)}` }),
    (n) => ({ phone: `1-650-2${n.slice(2, 4)}-${n.slice(4, 8)}` }),
    (n) => ({ phone: `(650) 2${n.slice(2, 4)} ${n.slice(4, 8)}`, country: 'US' }),
  ],
  [
    (n) => ({ phone: `+44 7400 ${n.slice(2, 8)}` }),
    (n) => ({ phone: `07400 ${n.slice(2, 8)}`, country: 'GB' }),
    (n) => ({ phone: `447400${n.slice(2, 8)}` }),
  ],
  [
    (n) => ({ phone: `+91 98${n.slice(0, 3)} ${n.slice(3, 8)}` }),
    (n) => ({ phone: `+91-98${n.slice(0, 8)}` }),
    (n) => ({ phone: `098${n.slice(0, 3)}${n.slice(3, 8)}`, country: 'IN' }),
  ],
  [
    (n) => ({ phone: `+52 1 55 ${n.slice(0, 4)} ${n.slice(4, 8)}` }),
    (n) => ({ phone: `+52 55 ${n.slice(0, 4)} ${n.slice(4, 8)}` }),
    (n) => ({ phone: `55 ${n.slice(0, 4)} ${n.slice(4, 8)}`, country: 'MX' }),
  ],
  [
    (n) => ({ phone: `+34 6${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 8)}` }),
    (n) => ({ phone: `00346${n.slice(0, 8)}` }),
    (n) => ({ phone: `6${n.slice(0, 2)}.${n.slice(2, 5)}.${n.slice(5, 8)}`, country: 'ES' }),
  ],
  [
    (n) => ({ phone: `+49 151 ${n.slice(0, 8)}` }),
    (n) => ({ phone: `0151 ${n.slice(0, 8)}`, country: 'DE' }),
    (n) => ({ phone: `+49 (0)151 ${n.slice(0, 4)} ${n.slice(4, 8)}` }),
  ],
  [
    (n) => ({ phone: `+54 9 11 4${n.slice(1, 4)}-${n.slice(4, 8)}` }),
    (n) => ({ phone: `549114${n.slice(1, 8)}` }),
    (n) => ({ phone: `011 15-4${n.slice(1, 4)}-${n.slice(4, 8)}`, country: 'AR' }),
  ],
];
const INVALID = ['12345', 'n/a', '', '+55 11 1234', '0000000000000000', 'call me'];
const LANGUAGES = ['pt_BR', 'it', 'en_US', 'en-GB', 'hi', 'es_MX', 'es', 'de', 'es_AR'];

/**
 * Writes the benchmark contacts, as CSV or the same rows as JSON lines (`.jsonl`): ~7.5% invalid
 * phones, ~7.5% repeats of earlier people written another way.
 */
async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const jsonLines = path.endsWith('.jsonl');
  let chunk = jsonLines ? '' : 'phone,name,country,language,tags,opted_in,opt_in_at\n';
  for (let index = 0; index < rows; index += 1) {
    const kind = index % 40;
    // Distinct 8-digit numbers per person; a repeat is an earlier person in another writing.
    const repeat = kind >= 37 && index > 100;
    const person = repeat ? index - 97 : index;
    // 7919 is prime to 90,000,000 and to 10^6: the last 8 (and the last 6) digits differ per person of a country.
    const digits = String(10_000_000 + ((Math.floor(person / COUNTRIES.length) * 7_919) % 90_000_000)).slice(
      -8,
    );
    const writings = COUNTRIES[person % COUNTRIES.length]!;
    const formatIndex = person % COUNTRIES.length;
    let phone: string;
    let country = '';
    if (kind < 3) phone = INVALID[index % INVALID.length]!;
    else {
      const written =
        writings[(Math.floor(person / COUNTRIES.length) + (repeat ? 1 : 0)) % writings.length]!(digits);
      phone = written.phone;
      country = written.country ?? '';
    }
    const day = String(1 + (index % 28)).padStart(2, '0');
    const language = LANGUAGES[formatIndex % LANGUAGES.length]!;
    const optedIn = index % 5 === 0 ? 'no' : 'yes';
    chunk += jsonLines
      ? `${JSON.stringify({ phone, name: `Person ${person}`, country, language, tags: `t${index % 7}|all`, opted_in: optedIn, opt_in_at: `2025-03-${day}` })}\n`
      : `"${phone}",Person ${person},${country},${language},t${index % 7}|all,${optedIn},2025-03-${day}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

/** Peak RSS, and the main thread's peak V8 heap beside it (the rest is workers, SQLite and code). */
function sampler(): () => { rssMb: number; mainHeapMb: number } {
  let peak = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapTotal;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heap = Math.max(heap, usage.heapTotal);
  }, 20);
  return () => {
    clearInterval(timer);
    const rss = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    return { rssMb: rss / 2 ** 20, mainHeapMb: heap / 2 ** 20 };
  };
}

async function runChild(mode: Mode, csvPath: string, rows: number): Promise<Measurement> {
  const database = join(tmpdir(), `ferry-bench-${mode}-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
  const { openSqliteStore } = await import('@ferry/store');
  const peakRss = sampler();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let counts: Readonly<Record<string, number>> | undefined;
  if (mode === 'ferry') {
    const { importFile } = await import('../src/index.js');
    const store = openSqliteStore(database);
    const report = await importFile(store, csvPath, {
      kind: csvPath.endsWith('.jsonl') ? 'contacts-jsonl' : 'contacts-csv',
      defaultCountry: 'BR',
      rejectsDir: join(tmpdir(), 'ferry-bench-rejects'),
      maxIssues: 100,
      // FERRY_BENCH_WORKERS=n reads with n workers instead of one per core.
      ...(process.env.FERRY_BENCH_WORKERS === undefined
        ? {}
        : { readerThreads: Number(process.env.FERRY_BENCH_WORKERS) }),
    });
    if (!report.ok) throw new Error(report.error?.message);
    counts = { ...report.counts };
    await store.close();
  } else if (mode === 'read' || mode === 'workers') {
    const { readContacts, readContactsInWorker } = await import('@ferry/whatsapp');
    const options = { defaultCountry: 'BR', defaultTime: 0 } as const;
    let records = 0;
    let rejected = 0;
    const batches = mode === 'read' ? readContacts(csvPath, options) : readContactsInWorker(csvPath, options);
    for await (const batch of batches) {
      records += batch.records.length;
      rejected += batch.rejectedRows;
    }
    counts = { records, rejected };
  } else {
    const requireFromWhatsapp = createRequire(process.env.FERRY_BENCH_WHATSAPP ?? '');
    // Papa Parse (the reader's parser) is a dependency of @ferry/whatsapp, not of the engine: typed
    // here as much as used.
    const Papa = requireFromWhatsapp('papaparse') as {
      NODE_STREAM_INPUT: symbol;
      parse: (input: symbol, options: { header: true }) => NodeJS.ReadWriteStream;
    };
    const store = openSqliteStore(database);
    let written = 0;
    await store.transaction(async () => {
      let batch: { phone: string; profileName: string; firstSeenAt: number }[] = [];
      const parser = createReadStream(csvPath).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true }));
      for await (const row of parser as AsyncIterable<Record<string, string>>) {
        if (row.phone === undefined || row.phone === '') continue;
        batch.push({ phone: row.phone, profileName: row.name ?? '', firstSeenAt: 0 });
        if (batch.length === 5000) {
          written += (await store.contacts.upsertMany(batch)).length;
          batch = [];
        }
      }
      written += (await store.contacts.upsertMany(batch)).length;
    });
    counts = { written };
    await store.close();
  }
  const memory = peakRss();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
  return {
    mode,
    rows,
    seconds,
    cpuSeconds,
    peakRssMb: memory.rssMb,
    mainHeapMb: memory.mainHeapMb,
    ...(counts === undefined ? {} : { counts }),
  };
}

interface Runner {
  readonly script: string;
  readonly nodeFlags: readonly string[];
}

const repository = join(dirname(self), '..', '..', '..');

/** Bundles this file and the reading worker into the temp dir (plain JS), or runs the sources through tsx. */
async function runner(): Promise<Runner> {
  if (process.env.FERRY_BENCH_TSX !== undefined) {
    return { script: self, nodeFlags: ['--conditions=source', '--import', 'tsx'] };
  }
  const requireFromTsx = createRequire(createRequire(self).resolve('tsx/package.json'));
  // esbuild comes with tsx; typed here as much as used.
  const esbuild = (await import(requireFromTsx.resolve('esbuild'))) as {
    build(options: object): Promise<unknown>;
  };
  const sqlite = createRequire(join(repository, 'packages/store/package.json')).resolve('better-sqlite3');
  const outdir = join(tmpdir(), 'ferry-bench-bundle');
  await esbuild.build({
    entryPoints: {
      'import.bench': self,
      // parallel.ts starts ./worker.js next to itself: in the bundle, next to import.bench.js.
      worker: join(repository, 'packages/whatsapp/src/readers/contacts/worker.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'native-sqlite',
        setup(build: { onResolve(options: { filter: RegExp }, resolve: () => object): void }) {
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
  return { script: join(outdir, 'import.bench.js'), nodeFlags: [] };
}

function measure(run: Runner, mode: Mode, csvPath: string, rows: number): Measurement {
  const child = spawnSync(
    process.execPath,
    [...run.nodeFlags, run.script, '--child', mode, csvPath, String(rows)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, FERRY_BENCH_WHATSAPP: join(repository, 'packages/whatsapp/package.json') },
    },
  );
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`${mode} run failed:\n${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(last) as Measurement;
}

function line(label: string, measurement: Measurement): string {
  const rate = Math.round(measurement.rows / measurement.seconds).toLocaleString('en-US');
  const perCpu = Math.round(measurement.rows / measurement.cpuSeconds).toLocaleString('en-US');
  return `${label.padEnd(36)} ${measurement.seconds.toFixed(1).padStart(6)} s ${rate.padStart(8)} rows/s  (${perCpu.padStart(8)} rows per CPU-s)  peak RSS ${measurement.peakRssMb.toFixed(0).padStart(4)} MB (main heap ${measurement.mainHeapMb.toFixed(0)})`;
}

async function main(): Promise<void> {
  const large = Number(process.argv[2] ?? 1_000_000);
  const small = Math.round(large / 4);
  const files = {
    small: join(tmpdir(), `ferry-bench-${small}.csv`),
    large: join(tmpdir(), `ferry-bench-${large}.csv`),
    // The same rows as JSON lines: the path that streams through one worker instead of in parts.
    jsonLines: join(tmpdir(), `ferry-bench-${large}.jsonl`),
  };
  // FERRY_BENCH_KEEP keeps the generated files between runs (and reuses them).
  const keep = process.env.FERRY_BENCH_KEEP !== undefined;
  for (const [path, rows] of [
    [files.small, small],
    [files.large, large],
    [files.jsonLines, large],
  ] as const)
    if (!(keep && existsSync(path))) await generate(path, rows);
  const run = await runner();
  console.log(
    `contacts CSV: ${large.toLocaleString('en-US')} rows (and ${small.toLocaleString('en-US')}), 27 writings, 9 countries, 15% invalid or duplicate; ${run.nodeFlags.length === 0 ? 'bundled JS' : 'sources through tsx'}`,
  );
  const only = process.env.FERRY_BENCH_ONLY;
  if (only !== undefined) {
    // One measurement, for profiling a change: FERRY_BENCH_ONLY=ferry|read|workers|naive|jsonl.
    const measured =
      only === 'jsonl'
        ? measure(run, 'ferry', files.jsonLines, large)
        : measure(run, only as Mode, files.large, large);
    console.log(line(`${only} (${large})`, measured));
    return;
  }
  const readOnly = measure(run, 'read', files.small, small);
  const readWorkers = measure(run, 'workers', files.large, large);
  const ferrySmall = measure(run, 'ferry', files.small, small);
  const ferryLarge = measure(run, 'ferry', files.large, large);
  const naive = measure(run, 'naive', files.large, large);
  const ferryJsonLines = measure(run, 'ferry', files.jsonLines, large);
  console.log(line(`read + normalise, one thread (${small})`, readOnly));
  console.log(line(`read + normalise, workers (${large})`, readWorkers));
  console.log(line(`ferry import (${small})`, ferrySmall));
  console.log(line(`ferry import (${large})`, ferryLarge));
  console.log(line(`naive Papa Parse + upsert (${large})`, naive));
  console.log(line(`ferry import, JSON lines (${large})`, ferryJsonLines));
  console.log(
    `ratio ferry / naive (${large}): ${(naive.seconds / ferryLarge.seconds).toFixed(2)} (wall), ${(naive.cpuSeconds / ferryLarge.cpuSeconds).toFixed(2)} (CPU)`,
  );
  console.log(
    `peak RSS growth ${small} -> ${large} rows: ${(ferryLarge.peakRssMb - ferrySmall.peakRssMb).toFixed(0)} MB`,
  );
  console.log(
    `load average at the end: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(`counts (${large}): ${JSON.stringify(ferryLarge.counts)}`);
  console.log(`reader (${small}): ${JSON.stringify(readOnly.counts)}`);
  if (process.env.FERRY_BENCH_KEEP === undefined)
    for (const path of Object.values(files)) rmSync(path, { force: true });
}

if (process.argv[2] === '--child') {
  const [mode, csvPath, rows] = process.argv.slice(3) as [Mode, string, string];
  console.log(JSON.stringify(await runChild(mode, csvPath, Number(rows))));
} else {
  await main();
}
