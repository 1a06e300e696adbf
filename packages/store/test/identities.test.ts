import { describe, expect, it } from 'vitest';
import { openTestStore, phoneContact } from './helpers.js';

describe('identities', () => {
  it('links once per platform account and once per contact and channel', async () => {
    const store = openTestStore(':memory:');
    const [a, b] = await store.contacts.upsertMany([phoneContact(1), phoneContact(2)]);
    if (a?.outcome !== 'created' || b?.outcome !== 'created') throw new Error('setup');
    const identity = {
      contactId: a.contact.id,
      channel: 'telegram',
      platformUserId: '777',
      method: 'token',
      linkedAt: 50,
      evidence: 'tok_1',
    } as const;
    expect(await store.identities.link(identity)).toEqual({ outcome: 'linked', identity });
    expect((await store.identities.link({ ...identity, linkedAt: 60 })).outcome).toBe('already-linked');
    expect(await store.identities.link({ ...identity, contactId: b.contact.id })).toMatchObject({
      outcome: 'conflict',
      reason: 'platform-user-linked-elsewhere',
      existing: { contactId: a.contact.id },
    });
    expect(await store.identities.link({ ...identity, platformUserId: '888' })).toMatchObject({
      outcome: 'conflict',
      reason: 'contact-linked-to-other-user',
      existing: { platformUserId: '777' },
    });
    const slack = {
      contactId: a.contact.id,
      channel: 'slack',
      platformUserId: 'U1',
      method: 'email',
      linkedAt: 70,
    } as const;
    expect((await store.identities.link(slack)).outcome).toBe('linked');
    expect(await store.identities.findByPlatformUser('telegram', '777')).toEqual(identity);
    expect(await store.identities.findByPlatformUser('discord', '777')).toBeUndefined();
    expect(await store.identities.listByContact(a.contact.id)).toEqual([slack, identity]);
  });
});
