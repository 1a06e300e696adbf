import type { Channel } from '@ferry/core';
import type {
  CampaignEvent,
  CampaignReport,
  NormalizedWave,
  TemplateSpec,
  TemplateTextParameter,
} from '@ferry/engine';
import { CliError, EXIT_CODES, type ExitCode } from '../errors.js';
import { createChannel, PREVIEW_SETTINGS } from './channels.js';
import {
  missingLinkSecret,
  movingRecipient,
  type Runtime,
  routingIssuer,
  runtimeChannel,
} from './runtime.js';
import { waveAudienceQuery } from './schedule.js';
import { whatsAppPacingOf } from './settings.js';

/** What to notify and how. */
export interface NotifyRequest {
  /** The wave id from the plan (it is also the campaign id). */
  readonly wave: string;
  readonly dryRun?: boolean;
  /** Continue a run that was interrupted; without it an interrupted campaign is refused. */
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: CampaignEvent) => void;
  /** The WhatsApp channel to send with (tests, rehearsal); default: created from the credentials. */
  readonly channel?: Channel;
}

function recordOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The template send for a wave: the personal link in its URL button or body parameter, the name elsewhere. */
export async function templateSpecOf(runtime: Runtime, wave: NormalizedWave): Promise<TemplateSpec> {
  const stored = await runtime.store.catalog.getTemplate(wave.template.name, wave.template.language);
  const parameters = recordOf(stored?.neutral)?.['parameters'];
  const body: TemplateTextParameter[] = [];
  const named = recordOf(stored?.neutral)?.['parameterFormat'] === 'named';
  const link = wave.template.linkParameter;
  for (const parameter of Array.isArray(parameters) ? parameters : []) {
    const record = recordOf(parameter);
    if (record?.['component'] !== 'body') continue;
    const name = String(record['name'] ?? '');
    const text = link.component === 'body' && link.parameter === name ? '{{link}}' : '{{name}}';
    body.push({ text, ...(named ? { name } : {}) });
  }
  return {
    name: wave.template.name,
    language: wave.template.language,
    ...(body.length > 0 ? { body } : {}),
    ...(link.component === 'button' ? { urlButton: { index: link.index, suffix: 'token' as const } } : {}),
  };
}

/**
 * Sends one wave's notice over WhatsApp: the audience from the plan, each contact's personal link for
 * the target routing gives them, paced and journaled; a killed run resumes without duplicates.
 */
export async function notifyWave(runtime: Runtime, request: NotifyRequest): Promise<CampaignReport> {
  const wave = runtime.plan.waves.find((candidate) => candidate.id === request.wave);
  if (wave === undefined) {
    throw new CliError(`The plan has no wave "${request.wave}".`, {
      hint: `Waves in the plan: ${runtime.plan.waves.map((candidate) => candidate.id).join(', ') || 'none'}.`,
      exitCode: EXIT_CODES.input,
      code: 'not_found',
    });
  }
  const existing = await runtime.store.campaigns.get(wave.id);
  if (
    existing !== undefined &&
    (existing.status === 'running' || existing.status === 'paused') &&
    request.resume !== true &&
    request.dryRun !== true
  ) {
    throw new CliError(`The campaign "${wave.id}" was interrupted before it finished.`, {
      hint: `Run \`ferry notify ${wave.id} --resume\` to continue: nobody already notified is notified again.`,
      exitCode: EXIT_CODES.input,
      code: 'conflict',
    });
  }
  if (runtime.links === undefined && request.dryRun !== true) throw missingLinkSecret();
  const channel =
    request.channel ??
    (runtime.settings.whatsapp === undefined && request.dryRun === true
      ? await createChannel('whatsapp', PREVIEW_SETTINGS)
      : await runtimeChannel(runtime, 'whatsapp'));
  const [{ CampaignRun }, { PACING_PRESETS }] = await Promise.all([
    import('@ferry/engine'),
    import('@ferry/core'),
  ]);
  const window = wave.sendWindow;
  const run = new CampaignRun({
    store: runtime.store,
    channel,
    campaign: {
      id: wave.id,
      name: `${runtime.plan.name}: ${wave.id}`,
      audience: waveAudienceQuery(runtime.plan, wave),
      message: { kind: 'template', template: await templateSpecOf(runtime, wave) },
    },
    recipientOf: movingRecipient(runtime.plan),
    pacing: PACING_PRESETS[whatsAppPacingOf(runtime.plan)],
    ...(request.dryRun === true ? { dryRun: true } : {}),
    ...(runtime.links === undefined
      ? {}
      : {
          links: {
            issuer: routingIssuer(runtime, runtime.links),
            target: runtime.plan.routing.defaultTarget,
          },
        }),
    ...(window?.recipientLocalTime === true
      ? {
          sendWindow: {
            startHour: window.fromMinute / 60,
            endHour: window.toMinute / 60,
            fallbackZone: runtime.plan.timezone,
          },
        }
      : {}),
    ...(runtime.plan.whatsapp.messagingLimit === null ? {} : { limit: runtime.plan.whatsapp.messagingLimit }),
    ...(request.onEvent === undefined ? {} : { onEvent: request.onEvent }),
  });
  const stop = () => run.stop();
  request.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await run.run();
  } finally {
    request.signal?.removeEventListener('abort', stop);
  }
}

/** 0 when every recipient got a definite outcome, 5 when some failed or may not have been sent. */
export function notifyExitCode(report: CampaignReport): ExitCode {
  if (report.end === 'paused') return EXIT_CODES.interrupted;
  return report.run.failed > 0 || report.run.ambiguous > 0 ? EXIT_CODES.partial : EXIT_CODES.ok;
}
