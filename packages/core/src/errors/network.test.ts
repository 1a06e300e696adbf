import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkErrorCode, wasNeverSent } from './network.js';

describe('wasNeverSent', () => {
  it('is true only for failures before a connection existed, found along the cause chain', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(networkErrorCode(refused)).toBe('ECONNREFUSED');
    expect(wasNeverSent(refused)).toBe(true);
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(wasNeverSent(reset)).toBe(false);
    expect(wasNeverSent(new Error('no code at all'))).toBe(false);
  });
});
