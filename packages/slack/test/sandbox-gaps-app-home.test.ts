import type { InboundEvent } from '@ferry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { linkHomeView } from '../src/index.js';
import { type SlackRig, startRig } from './sandbox.js';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function linkClaims(events: readonly InboundEvent[]) {
  return events.filter(
    (event): event is Extract<InboundEvent, { type: 'link-claim' }> => event.type === 'link-claim',
  );
}

describe('the App Home link button through the emulator’s real views.publish', () => {
  it('publishes the Home tab, whose button opens the code modal, and the claim arrives', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    expect((await ada.openAppHome()).status).toBe(200);
    await rig.channel.idle();
    const home = ada.homeView();
    if (home === undefined) throw new Error('the channel published no Home tab');
    expect(home.view['type']).toBe('home');
    expect(home.view['blocks']).toEqual(
      (linkHomeView()['blocks'] as Record<string, unknown>[]).map((block) => expect.objectContaining(block)),
    );
    // Published, so nothing falls back to the DM.
    expect(ada.inbox()).toEqual([]);
    await ada.clickViewButton(home.id, 'ferry:link-open');
    const [modalId] = rig.slack.openViews(ada.id);
    if (modalId === undefined) throw new Error('no modal opened');
    expect(rig.slack.view(modalId)?.view['callback_id']).toBe('ferry:link');
    await ada.submitView(modalId, { 'ferry:link-code': 'CODE-HOME' });
    expect(linkClaims(rig.events)).toEqual([
      expect.objectContaining({ token: 'CODE-HOME', via: 'modal', sender: { id: ada.id } }),
    ]);
    expect(rig.slack.openViews(ada.id)).toEqual([]);
  });

  it('re-publishes on every visit and still never posts in the DM', async () => {
    rig = await startRig();
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.openAppHome();
    await rig.channel.idle();
    const firstId = ada.homeView()?.id;
    const firstHash = ada.homeView()?.hash;
    await ada.openAppHome();
    await rig.channel.idle();
    expect(firstId).toBeDefined();
    expect(ada.homeView()?.id).toBe(firstId);
    expect(ada.homeView()?.hash).not.toBe(firstHash);
    expect(ada.inbox()).toEqual([]);
  });

  it('falls back to one DM prompt when the workspace has the Home tab turned off', async () => {
    rig = await startRig({ workspace: { homeTabEnabled: false } });
    const ada = rig.slack.users.create({ name: 'ada' });
    await ada.openAppHome();
    await rig.channel.idle();
    await ada.openAppHome();
    await rig.channel.idle();
    expect(ada.homeView()).toBeUndefined();
    expect(ada.inbox()).toHaveLength(1);
  });
});
