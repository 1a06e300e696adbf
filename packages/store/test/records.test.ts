import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../src/index.js';
import { openTestStore, phoneContact, tempDirectory } from './helpers.js';

async function contactId(store: SqliteStore, n = 1): Promise<number> {
  const result = await store.contacts.upsert(phoneContact(n));
  if (result.outcome === 'conflict') throw new Error('conflict');
  return result.contact.id;
}

describe('catalog', () => {
  it('keeps templates and flows with their original JSON, replacing by key', async () => {
    const store = openTestStore(':memory:');
    const original = {
      name: 'moved',
      language: 'en_US',
      components: [{ type: 'BODY', text: 'We moved *here*' }],
    };
    const template = {
      name: 'moved',
      language: 'en_US',
      category: 'UTILITY',
      status: 'APPROVED',
      neutral: { body: 'We moved here' },
      original,
      source: 'templates.json',
      importedAt: 5,
    };
    await store.catalog.putTemplate(template);
    const { status: _status, ...unreviewed } = template;
    await store.catalog.putTemplate({ ...unreviewed, language: 'pt_BR' });
    expect((await store.catalog.getTemplate('moved', 'pt_BR'))?.status).toBeUndefined();
    expect(await store.catalog.getTemplate('moved', 'en_US')).toEqual(template);
    await store.catalog.putTemplate({ ...template, status: 'PAUSED', importedAt: 6 });
    expect((await store.catalog.getTemplate('moved', 'en_US'))?.status).toBe('PAUSED');
    expect((await store.catalog.listTemplates()).map((t) => t.language)).toEqual(['en_US', 'pt_BR']);
    expect(await store.catalog.getTemplate('moved', 'es_MX')).toBeUndefined();

    const flow = {
      name: 'signup',
      flowId: '123',
      neutral: { screens: 2 },
      original: { version: '6.0' },
      source: 'flow.json',
      importedAt: 7,
    };
    await store.catalog.putFlow(flow);
    expect(await store.catalog.getFlow('signup')).toEqual(flow);
    expect(await store.catalog.listFlows()).toEqual([flow]);
  });
});

describe('history', () => {
  it('stores a message id once and returns the latest entries oldest first', async () => {
    const store = openTestStore(':memory:');
    const id = await contactId(store);
    const entries = Array.from({ length: 6 }, (_, n) => ({
      contactId: id,
      channel: 'whatsapp' as const,
      direction: n % 2 === 0 ? ('inbound' as const) : ('outbound' as const),
      messageId: `wamid.${n}`,
      text: `message ${n}`,
      at: 100 + n,
    }));
    expect(await store.history.append(entries)).toBe(6);
    expect(
      await store.history.append([
        ...entries,
        { contactId: id, channel: 'whatsapp', direction: 'inbound', payload: { type: 'image' }, at: 200 },
      ]),
    ).toBe(1);
    const recent = await store.history.recent(id, 3);
    expect(recent.map((entry) => entry.text ?? entry.payload)).toEqual([
      'message 4',
      'message 5',
      { type: 'image' },
    ]);
  });
});

describe('flow sessions', () => {
  it('saves, replaces and finds the active session', async () => {
    const store = openTestStore(':memory:');
    const id = await contactId(store);
    const session = {
      id: 's1',
      contactId: id,
      channel: 'telegram' as const,
      flowName: 'signup',
      screen: 'NAME',
      state: { answers: {} },
      status: 'active' as const,
      startedAt: 1,
      updatedAt: 1,
    };
    await store.flowSessions.put(session);
    expect(await store.flowSessions.findActive(id, 'telegram')).toEqual(session);
    const done = {
      ...session,
      screen: 'DONE',
      state: { answers: { name: 'Ana' } },
      status: 'completed' as const,
      updatedAt: 2,
    };
    await store.flowSessions.put(done);
    expect(await store.flowSessions.get('s1')).toEqual(done);
    expect(await store.flowSessions.findActive(id, 'telegram')).toBeUndefined();
  });
});

describe('campaigns', () => {
  it('creates once, updates the status and lists', async () => {
    const store = openTestStore(':memory:');
    const input = {
      id: 'wave-1',
      name: 'Wave 1',
      channel: 'whatsapp' as const,
      audience: { countries: ['BR'], notLinkedTo: ['telegram' as const] },
      message: { template: 'moved', language: 'pt_BR' },
    };
    const created = await store.campaigns.create(input, 10);
    expect(created).toEqual({ ...input, status: 'draft', createdAt: 10, updatedAt: 10 });
    await expect(store.campaigns.create(input, 11)).rejects.toThrow(/already exists/);
    expect((await store.campaigns.setStatus('wave-1', 'running', 12))?.status).toBe('running');
    expect(await store.campaigns.setStatus('nope', 'running', 12)).toBeUndefined();
    expect((await store.campaigns.list()).map((campaign) => campaign.updatedAt)).toEqual([12]);
  });
});

describe('audit log', () => {
  it('appends, lists newest first by command, and refuses UPDATE/DELETE', async () => {
    const path = join(tempDirectory(), 'ferry.db');
    const store = openTestStore(path);
    await store.audit.append({
      command: 'import contacts',
      args: { file: 'a.csv' },
      counts: { created: 3 },
      at: 1,
    });
    await store.audit.append({
      command: 'campaign launch',
      args: { id: 'wave-1' },
      counts: {},
      outcome: 'failed',
      at: 2,
    });
    await store.audit.append({
      command: 'import contacts',
      args: { file: 'b.csv' },
      counts: { updated: 1 },
      at: 3,
    });
    const imports = await store.audit.list({ command: 'import contacts' });
    expect(imports.map((entry) => entry.args)).toEqual([{ file: 'b.csv' }, { file: 'a.csv' }]);
    expect((await store.audit.list({ limit: 2 })).map((entry) => entry.outcome)).toEqual(['ok', 'failed']);
    const raw = new Database(path);
    expect(() => raw.exec("UPDATE audit_log SET command = 'x'")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    raw.close();
    expect(await store.audit.list()).toHaveLength(3);
  });
});
