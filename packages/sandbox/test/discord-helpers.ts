import { DiscordAPIError, REST, type RESTOptions } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { DiscordEmulator, type DiscordEmulatorOptions } from '../src/discord/index.js';
import { rejection } from './helpers.js';

const started: DiscordEmulator[] = [];

/**
 * A started emulator without a gateway and a real `@discordjs/rest` client pointed at it; the
 * client does not retry unless `restOptions` says so.
 */
export async function startDiscord(
  options: DiscordEmulatorOptions = {},
  restOptions: Partial<RESTOptions> = { retries: 0 },
) {
  const emulator = new DiscordEmulator({ gateway: false, ...options });
  started.push(emulator);
  await emulator.start();
  const credentials = emulator.credentials();
  const rest = new REST({ api: credentials.api, version: '10', ...restOptions }).setToken(
    credentials.botToken,
  );
  return { emulator, rest, credentials };
}

/** Stops every emulator `startDiscord` started; call it from `afterEach`. */
export async function stopStartedDiscords(): Promise<void> {
  await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
}

/** The DiscordAPIError a REST call fails with; fails the test on any other outcome. */
export async function apiError(call: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await rejection(call);
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

/** Opens (or finds) the DM channel with a user through `POST /users/@me/channels`. */
export async function openDm(rest: REST, recipientId: string): Promise<string> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: recipientId } })) as {
    id: string;
  };
  return channel.id;
}
