import { seededRandom } from './random.js';

/**
 * What can go wrong on purpose:
 * - `rate-limit`: answer the platform's 429 although the limit was not reached.
 * - `server-error`: answer a 5xx in the platform's shape.
 * - `reset`: destroy the connection before answering (the request was NOT processed).
 * - `drop-response`: process the request (the message is in the ledger) then destroy the
 *   connection, so the client sees a failure for a message that was delivered.
 * - `latency`: delay the answer by a random 0..`latencyJitterMs`.
 */
export type FaultKind = 'rate-limit' | 'server-error' | 'reset' | 'drop-response';

/** Probabilities (0..1) per request of each fault, plus latency jitter, from one seed. */
export interface FaultOptions {
  readonly seed?: number;
  readonly rateLimit?: number;
  readonly serverError?: number;
  readonly reset?: number;
  readonly dropResponse?: number;
  readonly latencyJitterMs?: number;
  /** Retry-after used for injected 429s, in ms (default 1000). */
  readonly retryAfterMs?: number;
  /** Only requests whose method/route passes this test are subject to random faults (default: sends only, decided by the emulator). */
  readonly match?: (method: string) => boolean;
}

/** A fault queued for the next matching request(s), regardless of probabilities. */
export interface ScheduledFault {
  readonly kind: FaultKind;
  /** API method or route to match (exact), or undefined for any request the emulator subjects to faults. */
  readonly method?: string;
  /** How many matching requests it hits (default 1). */
  readonly times?: number;
  /** For `rate-limit`: retry-after in ms. */
  readonly retryAfterMs?: number;
}

/** Decides, repeatably for a seed, which requests get which fault. */
export class FaultInjector {
  private options: FaultOptions;
  private random: () => number;
  private readonly queue: {
    kind: FaultKind;
    method: string | undefined;
    left: number;
    retryAfterMs: number | undefined;
  }[] = [];

  constructor(options: FaultOptions = {}) {
    this.options = options;
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Replaces the random fault plan (and reseeds). */
  configure(options: FaultOptions): void {
    this.options = options;
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Queues a fault for the next matching request(s). */
  schedule(fault: ScheduledFault): void {
    this.queue.push({
      kind: fault.kind,
      method: fault.method,
      left: fault.times ?? 1,
      retryAfterMs: fault.retryAfterMs,
    });
  }

  clear(): void {
    this.queue.length = 0;
    this.options = {};
  }

  /** The fault for this request, if any. `eligible` is the emulator's own view (sends only, by default). */
  decide(method: string, eligible: boolean): { kind: FaultKind; retryAfterMs: number } | null {
    const index = this.queue.findIndex((fault) =>
      fault.method === undefined ? eligible : fault.method === method,
    );
    if (index >= 0) {
      const fault = this.queue[index]!;
      fault.left--;
      if (fault.left <= 0) this.queue.splice(index, 1);
      return { kind: fault.kind, retryAfterMs: fault.retryAfterMs ?? this.options.retryAfterMs ?? 1000 };
    }
    const match = this.options.match;
    if (!(match ? match(method) : eligible)) return null;
    const roll = (probability: number | undefined) =>
      probability !== undefined && probability > 0 && this.random() < probability;
    const retryAfterMs = this.options.retryAfterMs ?? 1000;
    if (roll(this.options.reset)) return { kind: 'reset', retryAfterMs };
    if (roll(this.options.rateLimit)) return { kind: 'rate-limit', retryAfterMs };
    if (roll(this.options.serverError)) return { kind: 'server-error', retryAfterMs };
    if (roll(this.options.dropResponse)) return { kind: 'drop-response', retryAfterMs };
    return null;
  }

  /** Extra latency for this request in ms (0 without jitter). */
  latency(): number {
    const jitter = this.options.latencyJitterMs ?? 0;
    return jitter > 0 ? Math.floor(this.random() * jitter) : 0;
  }
}
