import type { App } from '@slack/bolt';
import { WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../src/slack/index.js';
import { deferred, manualClock } from './helpers.js';
import { boltHttpApp, platformError, serveBoltApp } from './slack-helpers.js';

const signupView = {
  type: 'modal' as const,
  callback_id: 'signup',
  title: { type: 'plain_text' as const, text: 'Sign up' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'email_block',
      label: { type: 'plain_text' as const, text: 'Email' },
      element: { type: 'plain_text_input' as const, action_id: 'email' },
    },
    {
      type: 'input' as const,
      block_id: 'plan_block',
      label: { type: 'plain_text' as const, text: 'Plan' },
      element: {
        type: 'static_select' as const,
        action_id: 'plan',
        options: [
          { text: { type: 'plain_text' as const, text: 'Free' }, value: 'free' },
          { text: { type: 'plain_text' as const, text: 'Pro' }, value: 'pro' },
        ],
      },
    },
  ],
};

describe('SlackEmulator delivering to a real bolt App on its HTTP receiver', () => {
  let slack: SlackEmulator;
  let app: App;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    // Bolt checks request timestamps against Date.now(), so the clock starts at real time.
    clock = manualClock(Date.now());
    slack = new SlackEmulator({ clock });
    await slack.start();
    app = boltHttpApp(slack);
  });

  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  const startApp = () => serveBoltApp(slack, app);

  it('delivers a signed DM event that bolt accepts, and the reply lands in the DM', async () => {
    const replied = deferred<string>();
    app.message(async ({ message, say }) => {
      const text = 'text' in message ? String(message.text) : '';
      const channelType = 'channel_type' in message ? message.channel_type : undefined;
      await say(`echo: ${text} (${channelType})`);
      replied.resolve(text);
    });
    await startApp();
    expect(await slack.verifyRequestUrl()).toBe(true);
    const ada = slack.users.create({ name: 'ada', email: 'ada@example.com' });
    const delivery = await ada.sendDm('hello bot');
    expect(delivery.status).toBe(200);
    expect(await replied.promise).toBe('hello bot');
    expect(ada.inbox().map((message) => message.text)).toEqual(['echo: hello bot (im)']);
    expect(slack.ledger.forRecipient(ada.dmChannelId())).toHaveLength(1);
  });

  it('refuses a forged signature and a stale timestamp: bolt answers 401 and no listener runs', async () => {
    let handled = 0;
    app.message(async () => {
      handled++;
    });
    await startApp();
    const ada = slack.users.create({ name: 'ada' });
    const forged = await ada.sendDm('forged', { signingSecret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const staleSeconds = Math.floor(clock.now() / 1000) - 6 * 60;
    const stale = await ada.sendDm('replayed', { timestampSeconds: staleSeconds });
    expect(stale.status).toBe(401);
    const forgedClick = await ada.slashCommand('/ferry', 'link ABC', { signingSecret: 'nope' });
    expect(forgedClick.status).toBe(401);
    expect(handled).toBe(0);
  });

  it('clicks a button: block_actions reaches bolt, which opens a modal with the trigger and answers via response_url', async () => {
    const opened = deferred<string>();
    app.action('start_signup', async ({ ack, body, client, respond }) => {
      await ack();
      const triggerId = 'trigger_id' in body ? body.trigger_id : '';
      const result = await client.views.open({ trigger_id: triggerId, view: signupView });
      await respond({ replace_original: true, text: 'Signup opened' });
      opened.resolve(result.view?.id ?? '');
    });
    const submitted = deferred<Record<string, unknown>>();
    app.view('signup', async ({ ack, view }) => {
      const email = view.state.values['email_block']?.['email']?.value ?? '';
      if (!email.includes('@')) {
        await ack({ response_action: 'errors', errors: { email_block: 'Enter an email address' } });
        return;
      }
      await ack();
      submitted.resolve({ email, plan: view.state.values['plan_block']?.['plan']?.selected_option?.value });
    });
    await startApp();
    const ada = slack.users.create({ name: 'ada' });
    const posted = await app.client.chat.postMessage({
      channel: ada.id,
      text: 'Sign up?',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'start_signup', text: { type: 'plain_text', text: 'Sign up' } },
          ],
        },
      ],
    });
    const click = await ada.clickButton(posted.ts ?? '', 'start_signup');
    expect(click.status).toBe(200);
    const viewId = await opened.promise;
    expect(slack.openViews(ada.id)).toEqual([viewId]);
    expect(ada.inbox().map((message) => message.text)).toEqual(['Signup opened']);

    const refused = await ada.submitView(viewId, { email: 'not-an-email', plan: 'pro' });
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { email_block: 'Enter an email address' },
    });
    expect(slack.openViews(ada.id)).toEqual([viewId]);

    const accepted = await ada.submitView(viewId, { email: 'ada@example.com', plan: 'pro' });
    expect(accepted.status).toBe(200);
    expect(await submitted.promise).toEqual({ email: 'ada@example.com', plan: 'pro' });
    expect(slack.openViews(ada.id)).toEqual([]);
    await expect(ada.clickButton(posted.ts ?? '', 'no_such_action')).rejects.toThrow(/no button/);
  });

  it('selects an option: the block_actions payload carries the selected option of that select', async () => {
    const picked = deferred<string | undefined>();
    app.action('plan', async ({ ack, action }) => {
      await ack();
      picked.resolve('selected_option' in action ? action.selected_option?.value : undefined);
    });
    await startApp();
    const ada = slack.users.create({ name: 'ada' });
    const posted = await app.client.chat.postMessage({
      channel: ada.id,
      text: 'Pick a plan',
      blocks: [{ type: 'actions', elements: [signupView.blocks[1]?.element] }] as never,
    });
    expect((await ada.selectOption(posted.ts ?? '', 'plan', 'free')).status).toBe(200);
    expect(await picked.promise).toBe('free');
    await expect(ada.selectOption(posted.ts ?? '', 'plan', 'gold')).rejects.toThrow(/no option/);
  });

  it('runs a slash command; its trigger_id opens a modal only once and only within 3 s', async () => {
    const triggers: string[] = [];
    const commands: string[] = [];
    app.command('/ferry', async ({ ack, command }) => {
      triggers.push(command.trigger_id);
      commands.push(`${command.command} ${command.text} ${command.channel_id}`);
      await ack('Linking…');
    });
    await startApp();
    const ada = slack.users.create({ name: 'ada' });
    const delivery = await ada.slashCommand('/ferry', 'link ABC');
    expect(delivery.status).toBe(200);
    expect(delivery.body).toContain('Linking…');
    expect(commands).toEqual([`/ferry link ABC ${ada.dmChannelId()}`]);

    const openWith = (trigger_id: string, view: typeof signupView = signupView) =>
      app.client.views.open({ trigger_id, view }).then(
        (result) => result.view?.id ?? '',
        (error: unknown) => (error instanceof WebAPIPlatformError ? error.data.error : String(error)),
      );
    const [first] = triggers;
    expect(await openWith(first ?? '')).toMatch(/^V/);
    expect(await openWith(first ?? '')).toBe('exchanged_trigger_id');

    await ada.slashCommand('/ferry', 'again');
    clock.advance(3001);
    expect(await openWith(triggers[1] ?? '')).toBe('expired_trigger_id');
    expect(await openWith('1.2.bogus')).toBe('invalid_trigger_id');

    await ada.slashCommand('/ferry', 'limits');
    const longTitle = { ...signupView, title: { type: 'plain_text' as const, text: 'x'.repeat(25) } };
    const tooLong = await platformError(
      app.client.views.open({ trigger_id: triggers[2] ?? '', view: longTitle }),
    );
    expect(tooLong).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(JSON.stringify(tooLong)).toContain('less than 25 characters [json-pointer:/view/title/text]');
  });

  it('delivers app_home_opened when the user opens the Home tab', async () => {
    const opened = deferred<string>();
    app.event('app_home_opened', async ({ event }) => {
      opened.resolve(`${event.user} ${event.tab}`);
    });
    await startApp();
    const ada = slack.users.create({ name: 'ada' });
    expect((await ada.openAppHome()).status).toBe(200);
    expect(await opened.promise).toBe(`${ada.id} home`);
  });
});
