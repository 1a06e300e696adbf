import type { FidelityNote, Media } from '@ferry/core';

/** A local file to upload as an attachment with the message. */
export interface AttachmentFile {
  readonly path: string;
  readonly name: string;
}

/** What one media item adds to a message body. */
export interface MediaParts {
  readonly embeds: Readonly<Record<string, unknown>>[];
  readonly attachments: Readonly<Record<string, unknown>>[];
  readonly files: AttachmentFile[];
  /** Text to append to the content (a name when nothing else can show the item). */
  readonly text?: string;
}

/**
 * One media item as Discord shows it: a linked image as an embed image, other linked files as an
 * embed titled with the file name (Discord previews the link), a local file as an attachment;
 * platform file ids mean nothing on Discord, so only the name is shown.
 * @see PLATFORMS.md §4.1 (embeds; 25 MiB request size)
 */
export function mediaParts(media: Media, path: string, notes: FidelityNote[]): MediaParts {
  const source = media.source;
  if ('url' in source) {
    if (media.kind === 'image')
      return { embeds: [{ image: { url: source.url } }], attachments: [], files: [] };
    notes.push({
      severity: 'info',
      path,
      reason: `Discord shows this ${media.kind} as a linked embed, previewed from its URL.`,
    });
    return {
      embeds: [
        { title: truncate(media.filename ?? fileNameOf(source.url, media.kind), 256), url: source.url },
      ],
      attachments: [],
      files: [],
    };
  }
  if ('path' in source) {
    const name = media.filename ?? fileNameOf(source.path, media.kind);
    return {
      embeds: media.kind === 'image' ? [{ image: { url: `attachment://${name}` } }] : [],
      attachments: [{ id: 0, filename: name }],
      files: [{ path: source.path, name }],
    };
  }
  notes.push({
    severity: 'lost',
    path,
    reason: `A platform file id cannot be sent to Discord: only the ${media.kind}'s name is shown.`,
  });
  return {
    embeds: [],
    attachments: [],
    files: [],
    text: `[${media.kind}: ${media.filename ?? source.fileId}]`,
  };
}

function fileNameOf(location: string, kind: string): string {
  const last = location.split(/[?#]/)[0]?.split(/[\\/]/).pop();
  return last !== undefined && last !== '' ? last : kind;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
