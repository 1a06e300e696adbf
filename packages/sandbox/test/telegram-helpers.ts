import { Api, GrammyError } from 'grammy';
import { TelegramEmulator, type TelegramEmulatorOptions } from '../src/telegram/index.js';

export { manualClock } from './helpers.js';

/** A started emulator and a real grammY `Api` client pointed at it. */
export async function startTelegram(options: TelegramEmulatorOptions = {}) {
  const emulator = new TelegramEmulator(options);
  await emulator.start();
  const { token, apiRoot } = emulator.credentials();
  return { emulator, api: new Api(token, { apiRoot }) };
}

/** The GrammyError a call fails with; fails the test when the call succeeds or fails otherwise. */
export async function grammyErrorOf(call: Promise<unknown>): Promise<GrammyError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail with a GrammyError.');
}

/** A queue of events a bot handler emits, awaited one at a time by the test. */
export function eventQueue<T>() {
  const items: T[] = [];
  const waiters: ((item: T) => void)[] = [];
  return {
    push(item: T) {
      const waiter = waiters.shift();
      if (waiter) waiter(item);
      else items.push(item);
    },
    next(): Promise<T> {
      const item = items.shift();
      if (item !== undefined) return Promise.resolve(item);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
