import type { App } from '@slack/bolt';
import type { WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../src/slack/index.js';
import { boltHttpApp, platformError, serveBoltApp } from './slack-helpers.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'step',
  title: plain('Step'),
  submit: plain('Next'),
  close: plain('Cancel'),
  blocks: [
    {
      type: 'input',
      block_id: 'name_block',
      label: plain('Name'),
      element: { type: 'plain_text_input', action_id: 'name' },
    },
  ],
  ...overrides,
});

describe('SlackEmulator modals (views.open / push / update, response_action) with bolt', () => {
  let slack: SlackEmulator;
  let app: App;
  const triggers: string[] = [];

  beforeEach(async () => {
    triggers.length = 0;
    slack = new SlackEmulator();
    await slack.start();
    app = boltHttpApp(slack);
    app.command('/ferry', async ({ ack, command }) => {
      triggers.push(command.trigger_id);
      await ack();
    });
    app.view('step', async ({ ack, view }) => {
      const name = view.state.values['name_block']?.['name']?.value ?? '';
      if (name === 'update')
        await ack({ response_action: 'update', view: modal({ title: plain('Updated') }) });
      else if (name === 'push')
        await ack({ response_action: 'push', view: modal({ title: plain('Pushed') }) });
      else await ack();
    });
    await serveBoltApp(slack, app);
  });

  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  /** Runs `/ferry` as ada (created on first use) and returns the trigger_id the app received. */
  async function freshTrigger() {
    const user = slack.users.list()[0] ?? slack.users.create({ name: 'ada' });
    await user.slashCommand('/ferry', 'open');
    return { user, trigger: triggers.at(-1) ?? '' };
  }

  async function openError(view: Record<string, unknown>): Promise<string> {
    const { trigger } = await freshTrigger();
    return app.client.views.open({ trigger_id: trigger, view: view as never }).then(
      () => 'ok',
      (error: unknown) => ((error as WebAPIPlatformError).data.response_metadata?.messages ?? []).join('\n'),
    );
  }

  it('enforces the modal limits: title, submit and close <= 24, at most 100 blocks', async () => {
    expect(await openError(modal({ title: plain('t'.repeat(25)) }))).toContain(
      '[json-pointer:/view/title/text]',
    );
    expect(await openError(modal({ submit: plain('s'.repeat(25)) }))).toContain(
      '[json-pointer:/view/submit/text]',
    );
    expect(await openError(modal({ close: plain('c'.repeat(25)) }))).toContain(
      '[json-pointer:/view/close/text]',
    );
    const divider = { type: 'divider' };
    expect(await openError(modal({ blocks: Array.from({ length: 101 }, () => divider) }))).toContain(
      'less than 101 items [json-pointer:/view/blocks]',
    );
    expect(
      await openError(
        modal({ title: plain('t'.repeat(24)), blocks: Array.from({ length: 100 }, () => divider) }),
      ),
    ).toBe('ok');
  });

  it('stacks at most 3 views with views.push and refuses a stale hash on views.update', async () => {
    const first = await freshTrigger();
    const root = await app.client.views.open({ trigger_id: first.trigger, view: modal() });
    for (let index = 0; index < 2; index++) {
      const { trigger } = await freshTrigger();
      await app.client.views.push({ trigger_id: trigger, view: modal({ title: plain(`Push ${index}`) }) });
    }
    const { trigger } = await freshTrigger();
    const fourth = await platformError(app.client.views.push({ trigger_id: trigger, view: modal() }));
    expect(fourth.error).toBe('push_limit_reached');
    expect(slack.openViews(first.user.id)).toHaveLength(3);

    const rootId = root.view?.id ?? '';
    const hash = root.view?.hash ?? '';
    const updated = await app.client.views.update({
      view_id: rootId,
      hash,
      view: modal({ title: plain('New') }),
    });
    expect(updated.view?.title?.text).toBe('New');
    const stale = await platformError(
      app.client.views.update({ view_id: rootId, hash, view: modal({ title: plain('Newer') }) }),
    );
    expect(stale.error).toBe('hash_conflict');
  });

  it('applies response_action update and push from the ack, and closes the view on a plain ack', async () => {
    const { user, trigger } = await freshTrigger();
    const opened = await app.client.views.open({ trigger_id: trigger, view: modal() });
    const viewId = opened.view?.id ?? '';
    await user.submitView(viewId, { name: 'update' });
    expect(slack.view(viewId)?.view['title']).toEqual(plain('Updated'));
    await user.submitView(viewId, { name: 'push' });
    const stack = slack.openViews(user.id);
    expect(stack).toHaveLength(2);
    expect(slack.view(stack[1] ?? '')?.view['title']).toEqual(plain('Pushed'));
    await user.submitView(stack[1] ?? '', { name: 'done' });
    expect(slack.openViews(user.id)).toEqual([viewId]);
    await expect(user.submitView(viewId, { nickname: 'x' })).rejects.toThrow(/no input for: nickname/);
  });
});
