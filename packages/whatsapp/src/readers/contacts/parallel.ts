import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { ContactBatch, ReadContactsOptions } from './types.js';
import { type ReaderWorkerData, type ReaderWorkerMessage, reviveError } from './worker-protocol.js';

/** How the reading worker runs. */
export interface WorkerReadSettings {
  /** Batches read ahead of the consumer (default 1: the next batch is parsed while this one is written; more only holds more in memory). */
  readonly ahead?: number;
  /** The worker's V8 heap limits (default: 64 MB old generation, 8 MB young), so RSS cannot creep. */
  readonly resourceLimits?: ResourceLimits;
}

const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

// From the TypeScript sources (tests, tsx) the worker is worker.ts: Node 20 gives worker threads
// no loader hooks from --import, so the worker loads it through tsx's API itself.
const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url);

function startWorker(data: ReaderWorkerData, resourceLimits: ResourceLimits): Worker {
  if (!fromSources) return new Worker(workerUrl, { workerData: data, resourceLimits });
  const tsxDirectory = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDirectory, 'dist/esm/api/index.mjs')).href;
  const target = JSON.stringify(workerUrl.href);
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${target}, ${target}))`;
  return new Worker(code, {
    eval: true,
    workerData: data,
    resourceLimits,
    execArgv: withSourceConditions(process.execArgv),
  });
}

/**
 * `readContacts` for a file path, parsed and normalised on a worker thread so a consumer that
 * writes each batch (SQLite) runs in parallel with the parsing; yields the same batches in the
 * same order, and throws the same `InputError`s.
 */
export async function* readContactsInWorker(
  path: string,
  options: ReadContactsOptions,
  settings: WorkerReadSettings = {},
): AsyncGenerator<ContactBatch> {
  const ahead = settings.ahead ?? 1;
  const data: ReaderWorkerData = { path, options, ahead };
  const worker = startWorker(data, settings.resourceLimits ?? DEFAULT_LIMITS);
  const queue: ReaderWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ReaderWorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    while (true) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure !== undefined) throw failure;
        if (exited) throw new Error('the contacts reader worker stopped before the end of the file');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'end') return;
      if (message.type === 'error') throw reviveError(message.error);
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}

function withSourceConditions(execArgv: readonly string[]): string[] {
  const argv = [...execArgv];
  const hasConditions = argv.some((argument) => argument.startsWith('--conditions') || argument === '-C');
  if (!hasConditions) argv.push('--conditions=source');
  return argv;
}
