import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpTransport } from './http.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  server = undefined;
});

async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server = createServer(handler);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v23.0/1/messages`, connections: () => connections };
}

describe('node:http transport', () => {
  it('sends the body and headers, parses the JSON answer, and keeps one connection for consecutive sends', async () => {
    const { url, connections } = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ echo: JSON.parse(body), auth: request.headers.authorization }));
      });
    });
    const transport = nodeHttpTransport();
    for (let index = 0; index < 5; index++) {
      const answer = await transport({
        method: 'POST',
        url,
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ index, text: 'héllo' }),
      });
      expect(answer).toEqual({ status: 200, json: { echo: { index, text: 'héllo' }, auth: 'Bearer t' } });
    }
    expect(connections()).toBe(1);
  });

  it('gives the status with no JSON for a body that is not JSON', async () => {
    const { url } = await serve((_request, response) => {
      response.statusCode = 502;
      response.end('<html>Bad gateway</html>');
    });
    expect(await nodeHttpTransport()({ method: 'GET', url, headers: {} })).toEqual({
      status: 502,
      json: undefined,
    });
  });

  it('rejects with the abort reason when the send is cancelled before the answer', async () => {
    const { url } = await serve(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const reason = new Error('campaign halted');
    const pending = nodeHttpTransport()({ method: 'GET', url, headers: {}, signal: controller.signal });
    setImmediate(() => controller.abort(reason));
    await expect(pending).rejects.toBe(reason);
  });

  it('keeps the system error code of a refused connection (so the caller knows nothing was sent)', async () => {
    const { url } = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await expect(nodeHttpTransport()({ method: 'GET', url, headers: {} })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
