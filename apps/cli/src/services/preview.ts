import type { Channel, FerryStore, FidelityNote, Form, Message, NativeRequest } from '@ferry/core';
import { createChannel, PREVIEW_SETTINGS } from './channels.js';
import type { ChannelId } from './targets.js';

/** One catalog item rendered for one target: the exact requests and what changed on the way. */
export interface PreviewLine {
  /** Template or flow name. */
  readonly item: string;
  readonly kind: 'template' | 'flow';
  /** The template's language; absent for flows. */
  readonly language?: string;
  readonly target: ChannelId;
  readonly requests: readonly NativeRequest[];
  readonly notes: readonly FidelityNote[];
}

/** A catalog item as a neutral message. */
export interface PreviewItem {
  readonly item: string;
  readonly kind: 'template' | 'flow';
  readonly language?: string;
  readonly message: Message;
}

function recordOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The templates (their neutral message) and flows (a message carrying the form) of the catalog, in name order. */
export async function previewItems(store: FerryStore): Promise<PreviewItem[]> {
  const items: PreviewItem[] = [];
  for (const template of await store.catalog.listTemplates()) {
    const message = recordOf(recordOf(template.neutral)?.['message']);
    if (message === undefined) continue;
    items.push({
      item: template.name,
      kind: 'template',
      language: template.language,
      message: message as Message,
    });
  }
  for (const flow of await store.catalog.listFlows()) {
    const form = recordOf(recordOf(flow.neutral)?.['form']) as Form | undefined;
    if (form === undefined) continue;
    items.push({ item: flow.name, kind: 'flow', message: { text: form.title ?? flow.name, form } });
  }
  return items.sort(
    (left, right) =>
      left.item.localeCompare(right.item) || (left.language ?? '').localeCompare(right.language ?? ''),
  );
}

/** Renders every item for every target with placeholder credentials: pure, no network. */
export async function renderPreview(
  items: readonly PreviewItem[],
  targets: readonly ChannelId[],
): Promise<PreviewLine[]> {
  const channels = new Map<ChannelId, Channel>();
  for (const target of targets) channels.set(target, await createChannel(target, PREVIEW_SETTINGS));
  const lines: PreviewLine[] = [];
  for (const item of items) {
    for (const target of targets) {
      const channel = channels.get(target);
      if (channel === undefined) continue;
      let requests: readonly NativeRequest[];
      let notes: readonly FidelityNote[];
      try {
        ({ payloads: requests, notes } = channel.render(item.message));
      } catch (error) {
        // A renderer that cannot express the item at all is a loss to report, not a crash of the preview.
        requests = [];
        notes = [
          {
            severity: 'lost',
            path: '',
            reason: `cannot be rendered: ${error instanceof Error ? error.message : String(error)}`,
          },
        ];
      }
      lines.push({
        item: item.item,
        kind: item.kind,
        ...(item.language === undefined ? {} : { language: item.language }),
        target,
        requests,
        notes,
      });
    }
  }
  return lines;
}
