import { describe, expect, it } from 'vitest';
import { KeyLanes } from './lanes.js';

describe('KeyLanes', () => {
  it('lets `depth` calls per key through and queues the rest in order, other keys unaffected', async () => {
    const lanes = new KeyLanes(2);
    const order: string[] = [];
    const enter = (key: string, name: string) =>
      lanes.enter(key).then((leave) => {
        order.push(name);
        return leave;
      });
    const first = await enter('dm-open', 'a');
    const second = await enter('dm-open', 'b');
    const third = enter('dm-open', 'c');
    const fourth = enter('dm-open', 'd');
    const elsewhere = await enter('channel-1', 'x');
    await Promise.resolve();
    expect(order).toEqual(['a', 'b', 'x']);
    first();
    first(); // leaving twice frees one place only
    const leaveThird = await third;
    expect(order).toEqual(['a', 'b', 'x', 'c']);
    second();
    (await fourth)();
    leaveThird();
    elsewhere();
    expect(order).toEqual(['a', 'b', 'x', 'c', 'd']);
    expect(lanes.size).toBe(0);
  });

  it('an aborted waiter gives up its place and the next one gets it', async () => {
    const lanes = new KeyLanes(1);
    const leave = await lanes.enter('k');
    const controller = new AbortController();
    const aborted = lanes.enter('k', controller.signal);
    const next = lanes.enter('k');
    controller.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
    leave();
    (await next)();
    expect(lanes.size).toBe(0);
    await expect(lanes.enter('k', controller.signal)).rejects.toThrow('stopped');
  });
});
