import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FerryStore } from '@ferry/core';
import { openSqliteStore } from '@ferry/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportOptions, importFile, importFiles } from './index.js';

// Meta's published examples (shared/fixtures/whatsapp), copied into a temp workspace.
const FIXTURES = new URL('../../../../../shared/fixtures/whatsapp/', import.meta.url);
const AT = Date.UTC(2025, 5, 1);

let directory: string;
let store: FerryStore;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ferry-import-fixtures-'));
  store = openSqliteStore(':memory:');
});

afterEach(async () => {
  await store.close();
  await rm(directory, { recursive: true, force: true });
});

async function fixture(name: string): Promise<string> {
  return readFile(new URL(name, FIXTURES), 'utf8');
}

/** One JSON body per line, as a webhook or send logger writes them. */
async function logOf(name: string, ...bodies: unknown[]): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, `${bodies.map((body) => JSON.stringify(body)).join('\n')}\n`);
  return path;
}

function options(extra: Partial<ImportOptions> = {}): ImportOptions {
  return { workspace: directory, clock: { now: () => AT }, defaultTime: AT, ...extra };
}

describe('importing Meta fixtures', () => {
  it('puts the template export into the catalog, and a re-import changes nothing', async () => {
    const path = join(directory, 'templates.json');
    await writeFile(
      path,
      await fixture('meta-examples/cloud-api__templates__get-all-templates-default-fields.response.json'),
    );
    const first = await importFile(store, path, options());
    expect(first).toMatchObject({ ok: true, kind: 'templates' });
    expect(first.counts.created).toBeGreaterThan(0);
    const hello = await store.catalog.getTemplate('hello_world', 'en_US');
    expect(hello).toMatchObject({ name: 'hello_world', source: 'import:templates.json', importedAt: AT });
    const second = await importFile(store, path, options({ clock: { now: () => AT + 1000 } }));
    expect(second.counts).toMatchObject({ created: 0, merged: 0, unchanged: first.counts.imported });
    expect((await store.catalog.getTemplate('hello_world', 'en_US'))?.importedAt).toBe(AT);
  });

  it('puts each Flow JSON into the catalog under its file name', async () => {
    const paths: string[] = [];
    for (const name of ['survey.json', 'contact-us.json']) {
      const path = join(directory, name);
      await writeFile(path, await fixture(`meta-flows/${name}`));
      paths.push(path);
    }
    const reports = await importFiles(store, paths, options({ kind: 'flow' }));
    expect(reports.map((report) => [report.ok, report.counts.created])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    expect((await store.catalog.listFlows()).map((flow) => flow.name).sort()).toEqual([
      'contact-us',
      'survey',
    ]);
  });

  it('turns a webhook log into a contact, history and an opt-out with the message id as evidence', async () => {
    const text = JSON.parse(
      await fixture('meta-examples/cloud-api__webhook-subscriptions__received-text-message.request.json'),
    ) as { entry: { changes: { value: { messages: { id: string; text: { body: string } }[] } }[] }[] };
    const stop = structuredClone(text);
    const stopMessage = stop.entry[0]!.changes[0]!.value.messages[0]!;
    stopMessage.id = 'wamid.STOP-1';
    stopMessage.text.body = 'STOP';
    (stopMessage as unknown as { timestamp: string }).timestamp = '1603059300';
    const button = JSON.parse(
      await fixture(
        'meta-examples/cloud-api__webhook-subscriptions__received-callback-from-a-quick-reply-button-click.request.json',
      ),
    );
    const status = JSON.parse(
      await fixture(
        'meta-examples/cloud-api__webhook-subscriptions__message-status-update-notifications.request.json',
      ),
    );
    const path = await logOf('webhook.log', text, button, stop, status);

    const report = await importFile(store, path, options({ kind: 'webhook-log' }));
    expect(report).toMatchObject({
      ok: true,
      counts: { created: 1, historyAppended: 3, consentsAppended: 1 },
    });
    const kerry = await store.contacts.findByWaId('16315551234');
    expect(kerry).toMatchObject({
      phone: '+16315551234',
      profileName: 'Kerry Fisher',
      lastSeenAt: 1_603_087_229_000,
    });
    const history = await store.history.recent(kerry!.id, 10);
    expect(history.map((entry) => [entry.direction, entry.text])).toEqual([
      ['inbound', 'Hello this is an answer'],
      ['inbound', 'STOP'],
      ['inbound', 'No'],
    ]);
    expect(await store.consents.statusOf(kerry!.id)).toMatchObject({
      state: 'opted-out',
      decidedBy: { evidence: 'wamid.STOP-1', source: 'import:webhook.log' },
    });

    const again = await importFile(store, path, options({ kind: 'webhook-log' }));
    expect(again.counts).toMatchObject({ created: 0, historyAppended: 0, consentsAppended: 0 });
  });

  it('records a delivered status on the campaign journal entry that sent the message', async () => {
    const status = JSON.parse(
      await fixture(
        'meta-examples/cloud-api__webhook-subscriptions__message-status-update-notifications.request.json',
      ),
    ) as {
      entry: { changes: { value: { statuses: { id: string; status: string; timestamp: string }[] } }[] }[];
    };
    const delivered = status.entry[0]!.changes[0]!.value.statuses[0]!;
    delivered.status = 'delivered';
    const upserted = await store.contacts.upsert({ waId: '16315551234', firstSeenAt: AT });
    if (upserted.outcome === 'conflict') throw new Error('unexpected conflict');
    await store.campaigns.create(
      { id: 'notice-1', name: 'We moved', channel: 'telegram', audience: {}, message: { text: 'hi' } },
      AT,
    );
    await store.journal.enqueue('notice-1', [upserted.contact.id], AT);
    await store.journal.applyTransitions([
      {
        campaignId: 'notice-1',
        contactId: upserted.contact.id,
        to: 'sent',
        platformMessageId: delivered.id,
        at: AT,
      },
    ]);
    const unknown = structuredClone(status);
    unknown.entry[0]!.changes[0]!.value.statuses[0]!.id = 'wamid.not-ours';

    const report = await importFile(store, await logOf('statuses.log', status, unknown), options());

    expect(report).toMatchObject({
      ok: true,
      kind: 'webhook-log',
      counts: { read: 2, deliveriesRecorded: 1 },
    });
    const entry = await store.journal.get('notice-1', upserted.contact.id);
    expect(entry?.deliveredAt).toBe(Number(delivered.timestamp) * 1000);
  });

  it('turns a sent log into outbound history and rejects a request without a real recipient', async () => {
    const body = JSON.parse(
      await fixture('meta-examples/cloud-api__messages__send-text-message.request.json'),
    );
    const path = await logOf('sent.log', { ...body, to: '16315551234' }, body);
    const report = await importFile(store, path, options({ kind: 'sent-log' }));
    expect(report).toMatchObject({ ok: true, counts: { imported: 1, rejected: 1, historyAppended: 1 } });
    expect(report.issues.filter((issue) => issue.severity === 'error')).toEqual([
      expect.objectContaining({ field: 'to', reason: expect.stringContaining('Recipient-Phone-Number') }),
    ]);
    const contact = await store.contacts.findByPhone('+16315551234');
    expect(await store.history.recent(contact!.id, 5)).toEqual([
      expect.objectContaining({
        direction: 'outbound',
        text: 'text-message-content',
        messageId: 'sent-log:sent.log#1',
      }),
    ]);
    const again = await importFile(store, path, options({ kind: 'sent-log' }));
    expect(again.counts.historyAppended).toBe(0);
  });

  it('detects the kind of each fixture from its content', async () => {
    const templates = join(directory, 'export-1.json');
    await writeFile(
      templates,
      await fixture('meta-examples/cloud-api__templates__get-all-templates-default-fields.response.json'),
    );
    const flow = join(directory, 'export-2.json');
    await writeFile(flow, await fixture('meta-flows/survey.json'));
    const reports = await importFiles(store, [templates, flow], options());
    expect(reports.map((report) => report.kind)).toEqual(['templates', 'flow']);
  });

  it('refuses a Flow JSON given as a template export, writing nothing', async () => {
    const path = join(directory, 'survey.json');
    await writeFile(path, await fixture('meta-flows/survey.json'));
    const report = await importFile(store, path, options({ kind: 'templates' }));
    expect(report).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await store.catalog.listTemplates()).toEqual([]);
    expect(await store.catalog.listFlows()).toEqual([]);
  });

  it('refuses a file that is not valid JSON with its line', async () => {
    const path = join(directory, 'broken.json');
    await writeFile(path, '{\n  "data": [\n    { "name": "x", }\n  ]\n}\n');
    const report = await importFile(store, path, options({ kind: 'templates' }));
    expect(report).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { line: 3 } } });
  });
});
