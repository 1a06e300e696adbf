import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../src/discord/index.js';

const emulator = new DiscordEmulator({
  gateway: false,
  limits: { routeBuckets: { 'POST /channels/:id/messages': { limit: 1000, windowMs: 1000 } } },
});
let rest: REST;
let channelId: string;

beforeAll(async () => {
  await emulator.start();
  const { api, botToken } = emulator.credentials();
  rest = new REST({ api, retries: 0 }).setToken(botToken);
  const user = emulator.users.create({ username: 'Ada' });
  channelId = (
    (await rest.post(Routes.userChannels(), { body: { recipient_id: user.id } })) as { id: string }
  ).id;
});

afterAll(() => emulator.stop());

const button = (customId: string, extra: Record<string, unknown> = {}) => ({
  type: 2,
  style: 1,
  label: 'Go',
  custom_id: customId,
  ...extra,
});
const row = (...components: unknown[]) => ({ type: 1, components });
const select = (extra: Record<string, unknown> = {}) => ({
  type: 3,
  custom_id: 'pick',
  options: [{ label: 'One', value: '1' }],
  ...extra,
});

/** Sends a message body and returns the error tree of the 50035 answer. */
async function formErrors(body: Record<string, unknown>): Promise<unknown> {
  const error = await rest.post(Routes.channelMessages(channelId), { body }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiscordAPIError)) throw new Error('the message was accepted');
  expect(error.status).toBe(400);
  expect(error.code).toBe(50035);
  expect((error.rawError as { message: string }).message).toBe('Invalid Form Body');
  return (error.rawError as { errors: unknown }).errors;
}

const maxLength = (limit: number) => ({
  _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` }],
});

describe('Discord message validation (400 50035, nested _errors)', () => {
  it('accepts a message exactly at every limit', async () => {
    const embeds = Array.from({ length: 10 }, (_, index) => ({
      title: 't'.repeat(index === 0 ? 256 : 100),
      description: 'd'.repeat(index === 0 ? 4096 : 1),
      fields: index === 0 ? Array.from({ length: 6 }, () => ({ name: 'n', value: 'v' })) : [],
    }));
    const total = embeds.reduce((sum, embed) => sum + embed.title.length + embed.description.length, 0) + 12;
    embeds[9]!.description = 'd'.repeat(1 + 6000 - total);
    const rows = Array.from({ length: 5 }, (_, rowIndex) =>
      row(
        ...Array.from({ length: 5 }, (_, index) =>
          button(`b-${rowIndex}-${index}`.padEnd(100, 'x'), { label: 'l'.repeat(80) }),
        ),
      ),
    );
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: 'c'.repeat(2000), embeds, components: rows, nonce: 'n'.repeat(25) },
    })) as { id: string };
    expect(message.id).toMatch(/^\d+$/);
  });

  it.each([
    ['content over 2000', { content: 'x'.repeat(2001) }, { content: maxLength(2000) }],
    ['nonce over 25', { content: 'x', nonce: 'n'.repeat(26) }, { nonce: maxLength(25) }],
    [
      'more than 10 embeds',
      { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      { embeds: maxLength(10) },
    ],
    [
      'embed title over 256',
      { embeds: [{ title: 't'.repeat(257) }] },
      { embeds: { 0: { title: maxLength(256) } } },
    ],
    [
      'embed description over 4096',
      { embeds: [{ description: 'd'.repeat(4097) }] },
      { embeds: { 0: { description: maxLength(4096) } } },
    ],
    [
      'more than 25 fields',
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      { embeds: { 0: { fields: maxLength(25) } } },
    ],
    [
      'field name over 256 and value over 1024',
      { embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v'.repeat(1025) }] }] },
      { embeds: { 0: { fields: { 0: { name: maxLength(256), value: maxLength(1024) } } } } },
    ],
    [
      'footer over 2048',
      { embeds: [{ footer: { text: 'f'.repeat(2049) } }] },
      { embeds: { 0: { footer: { text: maxLength(2048) } } } },
    ],
    [
      'author name over 256',
      { embeds: [{ author: { name: 'a'.repeat(257) } }] },
      { embeds: { 0: { author: { name: maxLength(256) } } } },
    ],
    [
      'embeds over 6000 in total',
      { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] },
      {
        embeds: {
          _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }],
        },
      },
    ],
    [
      'more than 5 action rows',
      { components: Array.from({ length: 6 }, (_, index) => row(button(`b${index}`))) },
      { components: maxLength(5) },
    ],
    [
      'more than 5 buttons in a row',
      { components: [row(...Array.from({ length: 6 }, (_, index) => button(`b${index}`)))] },
      {
        components: {
          0: {
            components: {
              _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' }],
            },
          },
        },
      },
    ],
    [
      'a select sharing its row',
      { components: [row(select(), button('b'))] },
      {
        components: {
          0: {
            components: {
              _errors: [
                {
                  code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
                  message: 'The specified component exceeds the maximum width',
                },
              ],
            },
          },
        },
      },
    ],
    [
      'custom_id over 100',
      { components: [row(button('c'.repeat(101)))] },
      {
        components: {
          0: {
            components: {
              0: {
                custom_id: {
                  _errors: [
                    { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
                  ],
                },
              },
            },
          },
        },
      },
    ],
    [
      'a duplicated custom_id',
      { components: [row(button('same')), row(button('same'))] },
      {
        components: {
          1: {
            components: {
              0: {
                custom_id: {
                  _errors: [
                    {
                      code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
                      message: 'Component custom id cannot be duplicated',
                    },
                  ],
                },
              },
            },
          },
        },
      },
    ],
    [
      'button label over 80',
      { components: [row(button('b', { label: 'l'.repeat(81) }))] },
      { components: { 0: { components: { 0: { label: maxLength(80) } } } } },
    ],
    [
      'a link button without url',
      { components: [row({ type: 2, style: 5, label: 'Site' })] },
      {
        components: {
          0: {
            components: {
              0: { url: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } },
            },
          },
        },
      },
    ],
    [
      'more than 25 select options',
      {
        components: [
          row(
            select({
              options: Array.from({ length: 26 }, (_, index) => ({ label: `${index}`, value: `${index}` })),
            }),
          ),
        ],
      },
      {
        components: {
          0: {
            components: {
              0: {
                options: {
                  _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 25 in length.' }],
                },
              },
            },
          },
        },
      },
    ],
    [
      'select option description over 100 and placeholder over 150',
      {
        components: [
          row(
            select({
              placeholder: 'p'.repeat(151),
              options: [{ label: 'One', value: '1', description: 'd'.repeat(101) }],
            }),
          ),
        ],
      },
      {
        components: {
          0: {
            components: {
              0: { placeholder: maxLength(150), options: { 0: { description: maxLength(100) } } },
            },
          },
        },
      },
    ],
  ])('rejects %s', async (_name, body, expected) => {
    expect(await formErrors(body)).toEqual(expected);
  });

  it('rejects a link button that also has a custom_id', async () => {
    const errors = (await formErrors({
      components: [row({ type: 2, style: 5, label: 'Site', url: 'https://example.com', custom_id: 'x' })],
    })) as {
      components: Record<
        string,
        { components: Record<string, { custom_id: { _errors: { code: string }[] } }> }
      >;
    };
    expect(errors.components['0']?.components['0']?.custom_id._errors[0]?.code).toBe(
      'BUTTON_COMPONENT_URL_CUSTOM_ID_MUTUALLY_EXCLUSIVE',
    );
  });

  it('answers 50006 for an empty message and puts nothing in the ledger', async () => {
    const before = emulator.ledger.size;
    const error = await rest
      .post(Routes.channelMessages(channelId), { body: { content: '' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).rawError).toEqual({
      message: 'Cannot send an empty message',
      code: 50006,
    });
    expect(emulator.ledger.size).toBe(before);
  });

  it('shows the flattened field path in the discord.js error message', async () => {
    const error = await rest
      .post(Routes.channelMessages(channelId), {
        body: { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] },
      })
      .catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toContain(
      'embeds[0].fields[0].value[BASE_TYPE_MAX_LENGTH]: Must be 1024 or fewer in length.',
    );
  });
});
