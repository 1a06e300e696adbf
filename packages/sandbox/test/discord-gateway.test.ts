import {
  ButtonStyle,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  type Message,
  Partials,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../src/discord/index.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connectedClient() {
  const emulator = new DiscordEmulator();
  await emulator.start();
  cleanups.push(() => emulator.stop());
  const { api, botToken } = emulator.credentials();
  const client = new Client({
    intents: [GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api },
  });
  cleanups.push(() => client.destroy());
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(botToken);
  await ready;
  return { emulator, client };
}

describe('Discord gateway with a real discord.js Client', () => {
  it('follows GET /gateway/bot, identifies, becomes ready and receives DMs as messageCreate', async () => {
    const { emulator, client } = await connectedClient();
    expect(client.user?.id).toBe(emulator.app.botUserId);
    expect(emulator.gatewayConnected).toBe(true);

    const received = new Promise<Message>((resolve) => {
      client.on(Events.MessageCreate, (message) => {
        if (!message.author.bot) resolve(message);
      });
    });
    const ada = emulator.users.create({ username: 'Ada' });
    expect(ada.sendDm('STOP').deliveredViaGateway).toBe(true);
    const message = await received;
    expect(message.content).toBe('STOP');
    expect(message.author.id).toBe(ada.id);

    if (!message.channel.isSendable()) return expect.fail('a DM channel must be sendable');
    await message.channel.send('You will not hear from us again.');
    expect(emulator.ledger.entries()).toEqual([
      expect.objectContaining({ recipient: ada.dmChannelId, method: 'POST /channels/:id/messages' }),
    ]);
    expect(ada.messages().map((stored) => stored.content)).toEqual([
      'STOP',
      'You will not hear from us again.',
    ]);
  });

  it('delivers a button press as INTERACTION_CREATE and records the reply the client sends', async () => {
    const { emulator, client } = await connectedClient();
    const ada = emulator.users.create({ username: 'Ada' });
    const dm = await client.users.createDM(ada.id);
    const sent = await dm.send({
      content: 'Stay in touch?',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Yes', customId: 'consent:yes' },
          ],
        },
      ],
    });
    client.on(Events.InteractionCreate, async (interaction) => {
      if (interaction.isButton()) await interaction.reply({ content: `Got ${interaction.customId}` });
    });

    const delivery = await ada.pressButton(sent.id, 'consent:yes');
    expect(delivery).toMatchObject({
      via: 'gateway',
      response: { type: 4, data: { content: 'Got consent:yes' } },
    });
    expect(delivery.error).toBeUndefined();
    expect(ada.messages().at(-1)?.content).toBe('Got consent:yes');
  });
});
