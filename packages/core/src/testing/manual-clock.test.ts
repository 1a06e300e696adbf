import { describe, expect, it } from 'vitest';
import { ManualClock } from './index.js';

describe('ManualClock', () => {
  it('starts where told and moves only when advanced', async () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    await clock.advance(250);
    expect(clock.now()).toBe(1_250);
    await clock.advanceTo(2_000);
    expect(clock.now()).toBe(2_000);
    await expect(clock.advanceTo(1_999)).rejects.toThrow(RangeError);
  });

  it('resolves sleeps only when time reaches them, in due order', async () => {
    const clock = new ManualClock();
    const woke: string[] = [];
    void clock.sleep(300).then(() => woke.push(`c@${clock.now()}`));
    void clock.sleep(100).then(() => woke.push(`a@${clock.now()}`));
    void clock.sleep(100).then(() => woke.push(`b@${clock.now()}`));
    expect(clock.pendingTimers).toBe(3);
    expect(clock.nextTimerAt).toBe(100);

    await clock.advance(99);
    expect(woke).toEqual([]);
    await clock.advance(1);
    expect(woke).toEqual(['a@100', 'b@100']);
    await clock.advance(1_000);
    expect(woke).toEqual(['a@100', 'b@100', 'c@300']);
    expect(clock.now()).toBe(1_100);
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires timers registered by woken code within the same advance', async () => {
    const clock = new ManualClock();
    const ticks: number[] = [];
    const loop = async () => {
      for (let i = 0; i < 5; i++) {
        await clock.sleep(10);
        ticks.push(clock.now());
      }
    };
    const done = loop();
    await clock.advance(35);
    expect(ticks).toEqual([10, 20, 30]);
    await clock.runAll();
    await done;
    expect(ticks).toEqual([10, 20, 30, 40, 50]);
  });

  it('runNext jumps to the next timer only', async () => {
    const clock = new ManualClock(0);
    const woke: number[] = [];
    void clock.sleep(40).then(() => woke.push(clock.now()));
    void clock.sleep(70).then(() => woke.push(clock.now()));
    expect(await clock.runNext()).toBe(true);
    expect(woke).toEqual([40]);
    expect(clock.now()).toBe(40);
    expect(await clock.runNext()).toBe(true);
    expect(await clock.runNext()).toBe(false);
    expect(woke).toEqual([40, 70]);
  });

  it('treats a zero or negative sleep as already due', async () => {
    const clock = new ManualClock();
    await clock.sleep(0);
    await clock.sleep(-5);
    expect(clock.pendingTimers).toBe(0);
  });

  it('honours abort signals before and during a sleep', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    expect(clock.pendingTimers).toBe(1);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
    await expect(clock.sleep(10, controller.signal)).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
  });

  it('runAll refuses to spin forever', async () => {
    const clock = new ManualClock();
    const forever = async () => {
      for (;;) await clock.sleep(1);
    };
    void forever();
    await expect(clock.runAll({ maxTimers: 50 })).rejects.toThrow(/more than 50/);
  });
});
