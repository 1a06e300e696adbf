import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './helpers.js';
import { createWorld, type World } from './world.js';

let world: World;

beforeAll(async () => {
  world = await createWorld(600);
}, 60_000);
afterAll(async () => {
  await world.sandbox.stop();
  await rm(world.workspace, { recursive: true, force: true });
});

function sentTo(): string[] {
  return world.sandbox.whatsapp.messages().map((message) => message.to);
}

describe('ferry notify', () => {
  it('counts the audience in a dry run and sends nothing', async () => {
    const result = await runCli(['notify', 'first', '--dry-run', '--json', '-w', world.workspace], world.env);
    expect(result.code).toBe(0);
    const finished = result.lines.find((line) => line['type'] === 'finished') as {
      report: { end: string; rendered: number };
    };
    expect(finished.report.end).toBe('dry-run');
    expect(finished.report.rendered).toBeGreaterThan(400);
    expect(sentTo()).toEqual([]);
  });

  it('refuses a wave the plan does not have, and a missing link secret', async () => {
    const unknown = await runCli(['notify', 'nope', '-w', world.workspace], world.env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/Waves in the plan: first/);
    const noSecret = await runCli(['notify', 'first', '-w', world.workspace], {
      ...world.env,
      FERRY_LINK_SECRET: '',
    });
    expect(noSecret.code).toBe(4);
    expect(noSecret.stderr).toMatch(/ferry credentials set linking/);
  });

  it('survives being killed mid-run: resume notifies everyone else exactly once', async () => {
    const running = startCli(['notify', 'first', '--json', '-w', world.workspace], world.env);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (sentTo().length >= 100) {
          clearInterval(timer);
          running.child.kill('SIGKILL');
          resolve();
        }
      }, 10);
      running.done.then(() => {
        clearInterval(timer);
        reject(new Error('notify finished before it could be killed'));
      }, reject);
    });
    await running.done;
    const beforeResume = sentTo().length;
    expect(beforeResume).toBeLessThan(450);

    const refused = await runCli(['notify', 'first', '-w', world.workspace], world.env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/--resume/);

    const resumed = await runCli(['notify', 'first', '--resume', '--json', '-w', world.workspace], world.env);
    expect([0, 5]).toContain(resumed.code);
    const started = resumed.lines.find((line) => line['type'] === 'started');
    expect(started).toMatchObject({ resumed: true });
    const finished = resumed.lines.find((line) => line['type'] === 'finished') as {
      report: { end: string; journal: Record<string, number> };
    };
    expect(finished.report.end).toBe('completed');

    const recipients = sentTo();
    // Nobody got the notice twice: at most the sends in flight at the kill are left ambiguous, never resent.
    expect(new Set(recipients).size).toBe(recipients.length);
    const journal = finished.report.journal;
    expect(recipients.length + (journal['ambiguous'] ?? 0)).toBeGreaterThanOrEqual(journal['sent'] ?? 0);
    expect(journal['pending'] ?? 0).toBe(0);
    expect(journal['in-flight'] ?? 0).toBe(0);

    // Every message carried a personal link token in its URL button.
    const payload = world.sandbox.whatsapp.messages()[0]?.payload as {
      template: { components: { type: string; parameters: { text: string }[] }[] };
    };
    const button = payload.template.components.find((component) => component.type === 'button');
    expect(button?.parameters[0]?.text.length).toBeGreaterThan(20);

    const again = await runCli(['notify', 'first', '--json', '-w', world.workspace], world.env);
    expect(again.code).toBe(0);
    expect(sentTo().length).toBe(recipients.length);
  }, 90_000);
});
