import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { SlackEmulator, type SlackEmulatorOptions } from '../src/slack/index.js';
import { manualClock, rejection } from './helpers.js';

/** A logger for WebClient and bolt that keeps the test output quiet. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

const started: SlackEmulator[] = [];

/** A started emulator on a manual clock and a real WebClient (no retries, 429s rejected) pointed at it. */
export async function startSlack(options: SlackEmulatorOptions = {}, clock = manualClock(Date.now())) {
  const slack = new SlackEmulator({ clock, ...options });
  started.push(slack);
  await slack.start();
  const { botToken, slackApiUrl } = slack.credentials();
  const client = new WebClient(botToken, {
    slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
  return { slack, client, clock };
}

/** Stops every emulator `startSlack` started; call it from `afterEach`. */
export async function stopStartedSlacks(): Promise<void> {
  await Promise.all(started.splice(0).map((slack) => slack.stop()));
}

/** The Slack `error` data of a rejected Web API call; fails the test on any other outcome. */
export async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = await rejection(call);
  if (!(error instanceof WebAPIPlatformError))
    throw new Error(`expected a platform error, got ${String(error)}`);
  return error.data;
}

/** A real bolt App on its HTTP receiver, talking to the emulator's Web API (no retries, quiet). */
export function boltHttpApp(slack: SlackEmulator): App {
  const { botToken, signingSecret, slackApiUrl } = slack.credentials();
  return new App({
    token: botToken,
    signingSecret,
    clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
    logger: silentLogger,
  });
}

/** Starts `app` on 127.0.0.1:0 and points the emulator's deliveries at its `/slack/events`. */
export async function serveBoltApp(slack: SlackEmulator, app: App): Promise<void> {
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  slack.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
}
