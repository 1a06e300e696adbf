import type { Channel, ChannelName, Contact } from '@ferry/core';
import type { LinkIssuer, LinkService, NormalizedPlan } from '@ferry/engine';
import type { SqliteStore } from '@ferry/store';
import { CliError, EXIT_CODES } from '../errors.js';
import { type ChannelHooks, type ChannelSettings, createChannel } from './channels.js';
import { type CredentialStore, openCredentialStore } from './credentials.js';
import { routeOf } from './routing.js';
import { channelSettings } from './settings.js';
import { type ChannelId, TARGETS } from './targets.js';
import { openWorkspaceStore, requirePlan, type Workspace } from './workspace.js';

/** Everything a live command works with: the checked plan, the store, credentials, channels and links. */
export interface Runtime {
  readonly workspace: Workspace;
  readonly plan: NormalizedPlan;
  readonly store: SqliteStore;
  readonly credentials: CredentialStore;
  readonly settings: ChannelSettings;
  /** Target channels with credentials (the plan's targets only). */
  readonly targets: Partial<Record<ChannelName, Channel>>;
  /** Issues and claims personal links; absent without a link-signing secret. */
  readonly links?: LinkService;
  close(): Promise<void>;
}

/** How to open a runtime. */
export interface RuntimeOptions {
  readonly now: number;
  readonly env: NodeJS.ProcessEnv;
  /** Fail with a credentials error when the link-signing secret is missing. */
  readonly requireLinks?: boolean;
  /** The public base URL of `ferry serve` (OAuth redirects). */
  readonly publicUrl?: string;
  readonly hooks?: ChannelHooks;
  /** Rehearsals only: send Slack welcomes faster than Slack's published 100 a minute. */
  readonly fastSlack?: boolean;
}

/** The error for a missing link-signing secret, with the command that fixes it. */
export function missingLinkSecret(): CliError {
  return new CliError('No link-signing secret is configured, so personal links cannot be issued.', {
    hint: 'Run `ferry credentials set linking --stdin` with a line `secret=<32+ random characters>`, or set FERRY_LINK_SECRET.',
    exitCode: EXIT_CODES.auth,
    code: 'auth_failed',
  });
}

/** Opens the store, checks the plan against the imported templates, and creates the configured channels. */
export async function openRuntime(workspace: Workspace, options: RuntimeOptions): Promise<Runtime> {
  const store = await openWorkspaceStore(workspace);
  try {
    const templates = await store.catalog.listTemplates();
    const { plan } = await requirePlan(workspace, {
      now: options.now,
      ...(templates.length > 0 ? { templates } : {}),
    });
    const credentials = await openCredentialStore({ env: options.env });
    const configured = channelSettings(credentials, plan, options.publicUrl);
    const settings: ChannelSettings =
      options.fastSlack === true && configured.slack !== undefined
        ? {
            ...configured,
            slack: { ...configured.slack, pacing: { global: { perSecond: 50 }, perKey: { perSecond: 1 } } },
          }
        : configured;
    const targets: Partial<Record<ChannelName, Channel>> = {};
    for (const target of TARGETS) {
      if (plan.targets[target] !== undefined && settings[target] !== undefined) {
        targets[target] = await createChannel(target, settings, options.hooks);
      }
    }
    const secret = credentials.resolve('linking')['secret']?.value;
    if (secret === undefined && options.requireLinks === true) throw missingLinkSecret();
    let links: LinkService | undefined;
    if (secret !== undefined) {
      const { LinkService } = await import('@ferry/engine');
      links = new LinkService({ store, secret, channels: targets, ttlMs: plan.linking.tokenLifetimeMs });
    }
    return {
      workspace,
      plan,
      store,
      credentials,
      settings,
      targets,
      ...(links === undefined ? {} : { links }),
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Creates one more channel (WhatsApp, usually) with the runtime's settings. WhatsApp remembers its
 * custom Flow tokens in the workspace store, so `ferry serve` names the form of a Flow that
 * `ferry notify` sent, across processes and restarts.
 */
export function runtimeChannel(
  runtime: Runtime,
  name: ChannelId,
  hooks: ChannelHooks = {},
): Promise<Channel> {
  return createChannel(
    name,
    runtime.settings,
    name === 'whatsapp' ? { whatsAppFlowTokens: runtime.store.flowTokens, ...hooks } : hooks,
  );
}

/**
 * Issues each contact's link for the target its routing rule names (a wave reaches contacts bound
 * for different targets), through the link service; contacts who stay get none.
 */
export function routingIssuer(runtime: Runtime, links: LinkService): LinkIssuer {
  return {
    async issueMany(contactIds) {
      const byTarget = new Map<ChannelName, number[]>();
      for (const contactId of contactIds) {
        const contact = await runtime.store.contacts.get(contactId);
        if (contact === undefined) continue;
        const target = routeOf(runtime.plan, contact);
        if (target === 'stay') continue;
        byTarget.set(target, [...(byTarget.get(target) ?? []), contactId]);
      }
      const issued = new Map<number, { token: string; link: string }>();
      for (const [target, ids] of byTarget) {
        for (const [contactId, link] of await links.issueMany(ids, target)) issued.set(contactId, link);
      }
      return issued;
    },
  };
}

/** The WhatsApp address of a contact bound to move, or undefined for those who stay. */
export function movingRecipient(plan: NormalizedPlan) {
  return async (contact: Contact): Promise<string | undefined> => {
    if (routeOf(plan, contact) === 'stay') return undefined;
    return contact.waId ?? contact.phone?.replace(/\D/g, '') ?? contact.bsuid;
  };
}
