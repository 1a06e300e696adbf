import type { Sandbox } from '@ferry/sandbox';

/** How the simulated users behave. */
export interface SimulationOptions {
  /** The running `ferry serve` (its `/l/<token>` redirect is what a notice's button opens). */
  readonly serveUrl: string;
  /** Share of delivered notices that are read (0–1). */
  readonly readShare: number;
  /** Share of delivered notices whose link is tapped (0–1, at most `readShare`). */
  readonly tapShare: number;
  /** Share of linked users who then write to the assistant on their target (0–1). */
  readonly activeShare: number;
  readonly random: () => number;
  /** Notices already played (by id); each played notice is added, so later waves play only new ones. */
  readonly skip?: Set<string>;
  /** Taps at once (default 8). */
  readonly concurrency?: number;
}

/** What the simulated users did. */
export interface SimulationReport {
  readonly notices: number;
  readonly read: number;
  readonly tapped: number;
  readonly byTarget: Readonly<Record<string, number>>;
  readonly active: number;
  /** Users who wrote after linking, per target. */
  readonly activeByTarget: Readonly<Record<string, number>>;
  /** Taps whose link led nowhere (an unknown or foreign link). */
  readonly dead: number;
}

function tokenOf(payload: Readonly<Record<string, unknown>>): string | undefined {
  const template = payload['template'] as
    | { components?: { type?: string; parameters?: { text?: string }[] }[] }
    | undefined;
  return template?.components?.find((component) => component.type === 'button')?.parameters?.[0]?.text;
}

/**
 * Waits (up to a minute of real time: welcomes are paced, Slack's at 100 a minute) for a simulated
 * user's welcome; false when none came.
 */
async function welcomed(arrived: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (arrived()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return arrived();
}

/**
 * Plays the users of a rehearsal: some read their notice, some tap its link (through `ferry serve`'s
 * redirect) and claim it on Telegram (deep link), Slack (`/ferry link`) or Discord (`/link`), and some
 * then write to the assistant there.
 */
export async function simulateUsers(sandbox: Sandbox, options: SimulationOptions): Promise<SimulationReport> {
  const notices = sandbox.whatsapp
    .messages()
    .filter(
      (message) =>
        message.template !== undefined &&
        message.status !== 'failed' &&
        options.skip?.has(message.id) !== true,
    );
  for (const notice of notices) options.skip?.add(notice.id);
  const byTarget: Record<string, number> = {};
  let read = 0;
  let tapped = 0;
  let active = 0;
  const activeByTarget: Record<string, number> = {};
  const wrote = (target: string): void => {
    active++;
    activeByTarget[target] = (activeByTarget[target] ?? 0) + 1;
  };
  let dead = 0;
  const queue = [...notices];
  const pending: Promise<void>[] = [];
  const worker = async () => {
    for (let notice = queue.shift(); notice !== undefined; notice = queue.shift()) {
      const user = sandbox.whatsapp.users.get(notice.to);
      if (user === undefined || options.random() >= options.readShare) continue;
      await user.read(notice.id);
      read++;
      if (options.random() >= options.tapShare / Math.max(options.readShare, 1e-9)) continue;
      const token = tokenOf(notice.payload);
      if (token === undefined) continue;
      const response = await fetch(`${options.serveUrl}/l/${encodeURIComponent(token)}`, {
        redirect: 'manual',
      });
      const location = response.headers.get('location');
      await response.arrayBuffer();
      if (location === null) {
        dead++;
        continue;
      }
      tapped++;
      const writes = options.random() < options.activeShare;
      const name = `User ${notice.to.slice(-4)}`;
      if (location.startsWith('https://t.me/')) {
        byTarget['telegram'] = (byTarget['telegram'] ?? 0) + 1;
        const telegramUser = sandbox.telegram.users.create({ firstName: name });
        telegramUser.openLink(location);
        if (writes) {
          telegramUser.sendText('Hi! Picking up where we left off.');
          wrote('telegram');
        }
      } else if (location.includes('slack.com/')) {
        byTarget['slack'] = (byTarget['slack'] ?? 0) + 1;
        const slackUser = sandbox.slack.users.create({ name });
        // A slash command's delivery waits on Slack's response window; the users do not wait for each other.
        pending.push(
          slackUser.slashCommand('/ferry', `link ${token}`).then(
            async () => {
              // Like a person, write once the welcome has arrived (the link is then recorded).
              if (writes && (await welcomed(() => slackUser.inbox().length > 0))) {
                await slackUser.sendDm('Hi! Picking up where we left off.');
                wrote('slack');
              }
            },
            () => {
              dead++;
            },
          ),
        );
      } else {
        byTarget['discord'] = (byTarget['discord'] ?? 0) + 1;
        const discordUser = sandbox.discord.users.create({
          username: name.replace(/\s/g, '_').toLowerCase(),
        });
        await discordUser.runCommand('link', { code: token });
        // A DM reaches `ferry serve` over the Discord gateway. The DM holds the command's
        // acknowledgement first; the user writes once the welcome follows it.
        if (writes)
          pending.push(
            welcomed(() => discordUser.messages().length > 1).then((arrived) => {
              if (!arrived) return;
              discordUser.sendDm('Hi! Picking up where we left off.');
              wrote('discord');
            }),
          );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, () => worker()));
  await Promise.all(pending);
  return { notices: notices.length, read, tapped, byTarget, active, activeByTarget, dead };
}
