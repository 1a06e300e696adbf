// Load generator for the sandbox benchmark: runs in a worker thread so the emulator under test has
// the main thread to itself. Sends `total` requests over `concurrency` keep-alive connections and
// posts back the elapsed time and the status counts.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { requests, total, concurrency } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = {};
let next = 0;

function once(spec) {
  return new Promise((resolve, reject) => {
    const url = new URL(spec.url);
    const req = request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: spec.method,
        headers: spec.headers,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

async function lane() {
  while (next < total) {
    const spec = requests[next % requests.length];
    next++;
    const status = await once(spec);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
parentPort.postMessage({ elapsedMs: performance.now() - started, statuses });
agent.destroy();
