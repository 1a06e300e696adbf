// Entry of a reading worker. `file` mode: runs `readContacts` on a file and posts its batches, never
// more than `ahead` batches in front of the main thread. `parts` mode: reads each part of a split
// CSV file it is sent and posts its batches, then `end`, tagged with the part's index.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeContactBatch } from './batch-codec.js';
import { createPhoneNormaliser, readContacts } from './index.js';
import { readContactsPart } from './part.js';
import {
  type PartMessage,
  type ReaderWorkerData,
  type ReaderWorkerMessage,
  serialiseError,
} from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread only');
const data = workerData as ReaderWorkerData;

function post(message: ReaderWorkerMessage): void {
  port?.postMessage(message);
}

if (data.mode === 'parts') {
  const normalisePhone = createPhoneNormaliser();
  let queue = Promise.resolve();
  port.on('message', (part: PartMessage) => {
    queue = queue.then(async () => {
      try {
        const first = part.index === 0;
        const read = readContactsPart(
          { header: data.header, bytes: part.bytes, firstLine: part.firstLine, first, newline: data.newline },
          data.options,
          normalisePhone,
        );
        for await (const batch of read)
          post({ type: 'batch', encoded: encodeContactBatch(batch), part: part.index });
        post({ type: 'end', part: part.index });
      } catch (error) {
        post({ type: 'error', error: serialiseError(error), part: part.index });
      }
    });
  });
} else {
  let credits = data.ahead;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits += 1;
    wake?.();
  });
  try {
    for await (const batch of readContacts(data.path, data.options)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      credits -= 1;
      post({ type: 'batch', encoded: encodeContactBatch(batch) });
    }
    post({ type: 'end' });
  } catch (error) {
    post({ type: 'error', error: serialiseError(error) });
  }
  port.close();
}
