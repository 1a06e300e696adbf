import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../src/slack/index.js';
import { platformError, silentLogger, startSlack, stopStartedSlacks } from './slack-helpers.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const home = (blocks: unknown[]) => ({ type: 'home' as const, blocks });

afterEach(stopStartedSlacks);

describe('SlackEmulator views.publish (App Home tab)', () => {
  it('publishes a Home tab that the user sees, keeps its id across publishes and checks hash', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    expect(ada.homeView()).toBeUndefined();
    const first = await client.views.publish({ user_id: ada.id, view: home([section('Welcome')]) as never });
    expect(first.view?.type).toBe('home');
    expect(ada.homeView()?.view['blocks']).toEqual([expect.objectContaining(section('Welcome'))]);
    const second = await client.views.publish({
      user_id: ada.id,
      view: home([section('Updated')]) as never,
      hash: first.view?.hash ?? '',
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(slack.homeView(ada.id)?.view['blocks']).toEqual([expect.objectContaining(section('Updated'))]);
    const stale = await platformError(
      client.views.publish({ user_id: ada.id, view: home([]) as never, hash: first.view?.hash ?? '' }),
    );
    expect(stale.error).toBe('hash_conflict');
  });

  it('validates like a modal: type home, at most 100 blocks, a known user', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const hundred = Array.from({ length: 100 }, (_, index) => section(`row ${index}`));
    await client.views.publish({ user_id: ada.id, view: home(hundred) as never });
    const tooMany = await platformError(
      client.views.publish({ user_id: ada.id, view: home([...hundred, section('one more')]) as never }),
    );
    expect(tooMany.error).toBe('invalid_arguments');
    expect(tooMany.response_metadata?.messages?.join('\n')).toContain('[json-pointer:/view/blocks]');
    const modal = await platformError(
      client.views.publish({ user_id: ada.id, view: { type: 'modal', title: plain('x'), blocks: [] } }),
    );
    expect(modal.response_metadata?.messages?.join('\n')).toContain('[json-pointer:/view/type]');
    const longText = await platformError(
      client.views.publish({ user_id: ada.id, view: home([section('x'.repeat(3001))]) as never }),
    );
    expect(longText.response_metadata?.messages?.join('\n')).toContain('/view/blocks/0/text/text');
    const nobody = await platformError(
      client.views.publish({ user_id: 'U0NOBODY', view: home([]) as never }),
    );
    expect(nobody.error).toBe('user_not_found');
    expect(slack.homeView(ada.id)?.view['blocks']).toHaveLength(100);
  });

  it('answers not_enabled when the workspace has the Home tab turned off', async () => {
    const { slack, client } = await startSlack({ workspace: { homeTabEnabled: false } });
    const ada = slack.users.create({ name: 'ada' });
    expect(
      (await platformError(client.views.publish({ user_id: ada.id, view: home([]) as never }))).error,
    ).toBe('not_enabled');
    expect(ada.homeView()).toBeUndefined();
  });

  it('with bolt: app_home_opened -> views.publish, the Home button opens a modal from its trigger', async () => {
    const slack = new SlackEmulator();
    await slack.start();
    const { botToken, signingSecret, slackApiUrl } = slack.credentials();
    const app = new App({
      token: botToken,
      signingSecret,
      // The answer waits for the listeners, so the publish is done when openAppHome returns.
      processBeforeResponse: true,
      clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger,
    });
    const seenViews: unknown[] = [];
    app.event('app_home_opened', async ({ event, client }) => {
      seenViews.push((event.view as { id?: string } | undefined)?.id);
      await client.views.publish({
        user_id: event.user,
        view: home([
          section('Hi'),
          { type: 'actions', elements: [{ type: 'button', text: plain('Open'), action_id: 'open' }] },
        ]) as never,
      });
    });
    app.action('open', async ({ ack, body, client }) => {
      await ack();
      const triggerId = 'trigger_id' in body ? body.trigger_id : '';
      await client.views.open({
        trigger_id: triggerId,
        view: { type: 'modal', title: plain('Opened'), blocks: [section('inside')] },
      });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    try {
      slack.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
      const ada = slack.users.create({ name: 'ada' });
      expect((await ada.openAppHome()).status).toBe(200);
      const published = ada.homeView();
      if (published === undefined) throw new Error('no Home tab published');
      expect((await ada.openAppHome()).status).toBe(200);
      expect(seenViews).toEqual([undefined, published.id]);
      expect((await ada.clickViewButton(published.id, 'open')).status).toBe(200);
      const [modalId] = slack.openViews(ada.id);
      expect(slack.view(modalId ?? '')?.view['title']).toEqual(plain('Opened'));
      await expect(ada.clickViewButton(published.id, 'missing')).rejects.toThrow('no button');
    } finally {
      await app.stop();
      await slack.stop();
    }
  });
});

describe('SlackEmulator reactions.add', () => {
  it('adds a reaction once and lists it on the message', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const posted = await client.chat.postMessage({ channel: ada.id, text: 'hi' });
    const channel = posted.channel ?? '';
    const ts = posted.ts ?? '';
    expect((await client.reactions.add({ channel, timestamp: ts, name: 'thumbsup' })).ok).toBe(true);
    expect((await client.reactions.add({ channel, timestamp: ts, name: ':tada:' })).ok).toBe(true);
    const again = await platformError(client.reactions.add({ channel, timestamp: ts, name: 'thumbsup' }));
    expect(again.error).toBe('already_reacted');
    expect(slack.channels.history(channel)[0]?.reactions).toEqual([
      { name: 'thumbsup', users: ['U0FERRYBOT'] },
      { name: 'tada', users: ['U0FERRYBOT'] },
    ]);
    expect(slack.ledger.entries().filter((entry) => entry.method === 'reactions.add')).toHaveLength(2);
  });

  it('answers invalid_name, message_not_found, channel_not_found and missing_scope', async () => {
    const { slack, client } = await startSlack();
    const ada = slack.users.create({ name: 'ada' });
    const posted = await client.chat.postMessage({ channel: ada.id, text: 'hi' });
    const channel = posted.channel ?? '';
    const ts = posted.ts ?? '';
    for (const name of ['👍', 'not an emoji', 'Thumbsup', 'made_up_emoji'])
      expect((await platformError(client.reactions.add({ channel, timestamp: ts, name }))).error).toBe(
        'invalid_name',
      );
    expect(
      (await platformError(client.reactions.add({ channel, timestamp: '1.000001', name: 'heart' }))).error,
    ).toBe('message_not_found');
    expect(
      (await platformError(client.reactions.add({ channel: 'C0NOWHERE', timestamp: ts, name: 'heart' })))
        .error,
    ).toBe('channel_not_found');
    const narrow = await startSlack({ workspace: { scopes: ['chat:write', 'im:write'] } });
    const denied = await platformError(
      narrow.client.reactions.add({ channel, timestamp: ts, name: 'heart' }),
    );
    expect(denied).toMatchObject({ error: 'missing_scope', needed: 'reactions:write' });
  });
});
