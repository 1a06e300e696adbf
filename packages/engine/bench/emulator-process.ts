// A sandbox emulator in its own process for the pacing and race benchmarks, so the emulator and the
// client under test never share an event loop (a real platform does not run inside the sender).
// The parent forks this file, gets credentials and recipient ids back, runs its client, then asks
// for what the emulator saw: the time and status of every request, the ledger and its CPU time.
//
// Parent side: `startEmulatorProcess(spec)`; child side: this file run with `fork`.

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Emulator, EmulatorRequest, EmulatorResponse, StatsSnapshot } from '@ferry/sandbox';
import { bulkDmDiscordLimits, DiscordEmulator, TelegramEmulator, WhatsAppEmulator } from '@ferry/sandbox';

/** Which emulator to start and how many recipients to create in it. */
export type EmulatorSpec =
  | { readonly platform: 'telegram'; readonly recipients: number }
  | { readonly platform: 'discord'; readonly recipients: number }
  | { readonly platform: 'whatsapp'; readonly recipients: number; readonly throughputPerSecond: number };

/** What the emulator saw, sent back to the parent at the end of a run. */
export interface EmulatorReport {
  /** Emulator-clock time (epoch ms) each request was answered, in order. */
  readonly times: readonly number[];
  /** HTTP status of each answer, aligned with `times`. */
  readonly statuses: readonly number[];
  /** Time of every ledger entry (an accepted message). */
  readonly ledgerTimes: readonly number[];
  /** Recipient of every ledger entry, aligned with `ledgerTimes`. */
  readonly ledgerRecipients: readonly string[];
  readonly stats: StatsSnapshot;
  /** CPU time of the emulator process over its life (ms). */
  readonly cpuMs: number;
}

/** A running emulator process. */
export interface EmulatorProcess {
  /** Platform credentials (token, base URL…) as `credentials()` gives them. */
  readonly credentials: Record<string, string>;
  readonly recipients: readonly string[];
  report(): Promise<EmulatorReport>;
  stop(): Promise<void>;
}

type ChildMessage =
  | { type: 'ready'; credentials: Record<string, string>; recipients: string[] }
  | { type: 'report'; report: EmulatorReport };

const WE_MOVED = {
  name: 'we_moved',
  language: 'en_US',
  category: 'MARKETING',
  components: [{ type: 'BODY', text: 'We moved to Telegram.' }],
} as const;

/** Forks an emulator process and waits until it listens. */
export async function startEmulatorProcess(spec: EmulatorSpec): Promise<EmulatorProcess> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(spec)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child);
  if (ready.type !== 'ready') throw new Error('The emulator process did not start.');
  return {
    credentials: ready.credentials,
    recipients: ready.recipients,
    async report() {
      const answer = nextMessage(child);
      child.send({ type: 'report' });
      const message = await answer;
      if (message.type !== 'report') throw new Error('The emulator process sent no report.');
      return message.report;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

function nextMessage(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The emulator process exited (${code}).`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as ChildMessage);
    });
  });
}

interface AnswerLog {
  readonly times: number[];
  readonly statuses: number[];
}

/** Logs every answer (time, status) of an emulator: the traffic as the platform would see it. */
function logAnswers(emulator: Emulator, clock: () => number): AnswerLog {
  const log: AnswerLog = { times: [], statuses: [] };
  // Element access reaches the protected router; this is instrumentation of a benchmark only.
  const route = emulator['route'].bind(emulator);
  emulator['route'] = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const response = await route(request);
    log.times.push(clock());
    log.statuses.push(response.status);
    return response;
  };
  return log;
}

async function runChild(spec: EmulatorSpec): Promise<void> {
  let emulator: Emulator;
  let credentials: Record<string, string>;
  let recipients: string[];
  if (spec.platform === 'telegram') {
    const telegram = new TelegramEmulator();
    await telegram.start();
    credentials = { ...telegram.credentials() };
    recipients = Array.from({ length: spec.recipients }, (_, index) =>
      String(telegram.users.create({ firstName: `U${index}`, started: true }).id),
    );
    emulator = telegram;
  } else if (spec.platform === 'discord') {
    // DM opens (5/s anti-spam in Discord) raised so the 50 requests/s global limit is what paces.
    const discord = new DiscordEmulator({ gateway: false, limits: bulkDmDiscordLimits });
    await discord.start();
    credentials = { ...discord.credentials() };
    recipients = Array.from(
      { length: spec.recipients },
      (_, index) => discord.users.create({ username: `u${index}` }).id,
    );
    emulator = discord;
  } else {
    const whatsapp = new WhatsAppEmulator({
      limits: { tier: 'unlimited', throughputPerSecond: spec.throughputPerSecond },
    });
    await whatsapp.start();
    whatsapp.templates.register(WE_MOVED);
    credentials = { ...whatsapp.credentials() };
    recipients = Array.from(
      { length: spec.recipients },
      (_, index) => whatsapp.users.create({ phone: `+1${String(3_000_000_000 + index)}` }).waId,
    );
    emulator = whatsapp;
  }
  const log = logAnswers(emulator, Date.now);
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'report') {
      const cpu = process.cpuUsage();
      const entries = emulator.ledger.entries();
      send({
        type: 'report',
        report: {
          times: log.times,
          statuses: log.statuses,
          ledgerTimes: entries.map((entry) => entry.at),
          ledgerRecipients: entries.map((entry) => entry.recipient),
          stats: emulator.stats.snapshot(),
          cpuMs: (cpu.user + cpu.system) / 1000,
        },
      });
    } else if (message.type === 'stop') {
      void emulator.stop().then(() => process.exit(0));
    }
  });
  // The parent gone (finished or crashed): stop instead of holding its terminal open.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', credentials, recipients });
}

if (
  process.send !== undefined &&
  process.argv[2] !== undefined &&
  import.meta.url.endsWith(process.argv[1] ?? '')
) {
  await runChild(JSON.parse(process.argv[2]) as EmulatorSpec);
}
