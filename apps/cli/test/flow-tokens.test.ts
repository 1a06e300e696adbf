import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, InboundEvent } from '@ferry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, runtimeChannel } from '../src/services/runtime.js';
import { workspaceAt } from '../src/services/workspace.js';
import { createWorld, type World } from './world.js';

let world: World;

beforeAll(async () => {
  world = await createWorld(5);
}, 60_000);
afterAll(async () => {
  await world.sandbox.stop();
  await rm(world.workspace, { recursive: true, force: true });
});

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('WhatsApp Flow tokens in the workspace store', () => {
  it('names the form of a Flow that another runtime (ferry notify) sent with a custom token, after it closed', async () => {
    let receiver: Channel | undefined;
    const events: InboundEvent[] = [];
    const server = createServer(async (request, response) => {
      const body = await readBody(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers.set(name, value);
      const answer =
        receiver?.handleWebhook === undefined
          ? new Response('OK')
          : await receiver.handleWebhook(
              new Request(`http://127.0.0.1${request.url ?? '/'}`, { method: 'POST', headers, body }),
              (event) => {
                events.push(event);
              },
            );
      response.writeHead(answer.status);
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      world.sandbox.whatsapp.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const user = world.sandbox.whatsapp.users.create({ phone: '+1 631 555 0199' });
      await user.sendText('hi');

      const workspace = workspaceAt(world.workspace);
      const notifying = await openRuntime(workspace, { now: Date.now(), env: world.env });
      const sender = await runtimeChannel(notifying, 'whatsapp');
      const sent = await sender.send(user.waId, {
        text: 'Tell us how we did',
        buttons: [{ kind: 'form', title: 'Answer', formId: 'contact-us' }],
        meta: { flowId: '1234567890', flowToken: 'survey-2099-05' },
      });
      await notifying.close();
      if (sent.status !== 'sent') throw new Error(`send failed: ${sent.status}`);

      const serving = await openRuntime(workspace, { now: Date.now(), env: world.env });
      try {
        receiver = await runtimeChannel(serving, 'whatsapp');
        await user.submitFlow(sent.id, { rating: '5' });
        expect(events).toEqual([
          expect.objectContaining({
            type: 'form',
            formId: 'contact-us',
            response: { flow_token: 'survey-2099-05', rating: '5' },
          }),
        ]);
      } finally {
        await serving.close();
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);
});
