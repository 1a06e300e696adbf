// Entry of the reading worker: runs `readContacts` on a file and posts its batches, never more
// than `ahead` batches in front of the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { readContacts } from './index.js';
import { type ReaderWorkerData, type ReaderWorkerMessage, serialiseError } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread only');
const { path, options, ahead } = workerData as ReaderWorkerData;

let credits = ahead;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits += 1;
  wake?.();
});

function post(message: ReaderWorkerMessage): void {
  port?.postMessage(message);
}

try {
  for await (const batch of readContacts(path, options)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    credits -= 1;
    post({ type: 'batch', batch });
  }
  post({ type: 'end' });
} catch (error) {
  post({ type: 'error', error: serialiseError(error) });
}
port.close();
