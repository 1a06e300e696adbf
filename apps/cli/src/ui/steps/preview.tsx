/** @jsxRuntime automatic @jsxImportSource react */
import type { FidelityNote } from '@ferry/core';
import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { truncate, wrapText } from '../format.js';
import { Tone } from '../inputs/tone.js';
import type { PreviewEntry } from '../services.js';
import type { StepProps } from './types.js';

const TEXT_LINES = 7;
const NOTE_LINES = 4;
const COLUMNS = 3;

function noteTone(note: FidelityNote) {
  return note.severity === 'lost' ? 'danger' : note.severity === 'degraded' ? 'warning' : 'muted';
}

function Column(props: {
  readonly title: string;
  readonly text: string;
  readonly notes?: readonly FidelityNote[];
  readonly width: number;
}) {
  const inner = props.width - 2;
  const lines = wrapText(props.text, inner);
  const notes = props.notes ?? [];
  return (
    <Box flexDirection="column" width={props.width} marginRight={1}>
      <Tone token="accent" bold>
        {truncate(props.title, inner)}
      </Tone>
      {lines.slice(0, TEXT_LINES).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, in order
        <Text key={index}>{line}</Text>
      ))}
      {lines.length > TEXT_LINES ? (
        <Tone token="muted">{`… ${lines.length - TEXT_LINES} more lines`}</Tone>
      ) : null}
      {props.notes === undefined ? null : notes.length === 0 ? (
        <Tone token="success">✓ no loss</Tone>
      ) : (
        notes.slice(0, NOTE_LINES).map((note, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: notes of one rendering, in order
          <Tone key={index} token={noteTone(note)}>
            {truncate(
              `${note.severity === 'lost' ? '✗' : note.severity === 'degraded' ? '!' : 'i'} ${note.reason}`,
              inner,
            )}
          </Tone>
        ))
      )}
      {notes.length > NOTE_LINES ? (
        <Tone token="muted">{`… ${notes.length - NOTE_LINES} more notes`}</Tone>
      ) : null}
    </Box>
  );
}

/** Step 4: each template and flow side by side: the WhatsApp original and each target's rendering with its fidelity notes. */
export function PreviewStep(props: StepProps) {
  const { workspace, services } = props;
  const [entries, setEntries] = useState<readonly PreviewEntry[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [item, setItem] = useState(0);
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    services
      .preview(workspace.dir, workspace.targets)
      .then(setEntries, (failure: unknown) =>
        setError(failure instanceof Error ? failure.message : String(failure)),
      );
  }, [services, workspace.dir, workspace.targets]);

  const entry = entries?.[item];
  const renderings = entry?.renderings ?? [];
  const visibleTargets = COLUMNS - 1;
  useInput((_input, key) => {
    if (entries === undefined) return;
    if (key.upArrow) {
      setItem(Math.max(0, item - 1));
      setOffset(0);
    } else if (key.downArrow) {
      setItem(Math.min(entries.length - 1, item + 1));
      setOffset(0);
    } else if (key.rightArrow)
      setOffset(Math.min(Math.max(0, renderings.length - visibleTargets), offset + 1));
    else if (key.leftArrow) setOffset(Math.max(0, offset - 1));
    else if (key.return) props.onDone();
  });

  if (error !== undefined)
    return (
      <Tone token="danger" wrap="wrap">
        {error}
      </Tone>
    );
  if (entries === undefined) return <Tone token="muted">Rendering every template and flow…</Tone>;
  if (entry === undefined)
    return (
      <Box flexDirection="column">
        <Tone token="warning">Nothing to preview: import templates or flows first.</Tone>
        <Tone token="muted">Esc goes back to Import; Enter or s moves on.</Tone>
      </Box>
    );
  const columnWidth = Math.floor(props.width / COLUMNS) - 1;
  const shown = renderings.slice(offset, offset + visibleTargets);
  const lost = entries.filter((candidate) =>
    candidate.renderings.some((rendering) => rendering.notes.some((note) => note.severity === 'lost')),
  ).length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{`Preview ${item + 1}/${entries.length}: ${entry.item}`}</Text>
        <Tone token="muted">{`${entry.language === undefined ? '' : ` (${entry.language})`} ${entry.kind}`}</Tone>
        {renderings.length > visibleTargets ? (
          <Tone token="muted">{`  targets ${offset + 1}-${offset + shown.length} of ${renderings.length} ←→`}</Tone>
        ) : null}
      </Text>
      <Box marginTop={1}>
        <Column title="WhatsApp (original)" text={entry.original} width={columnWidth} />
        {shown.map((rendering) => (
          <Column
            key={rendering.target}
            title={`${rendering.target} · ${rendering.methods.join(', ') || 'nothing'}`}
            text={rendering.text}
            notes={rendering.notes}
            width={columnWidth}
          />
        ))}
      </Box>
      <Tone
        token={lost > 0 ? 'warning' : 'muted'}
      >{`${entries.length} items, ${lost} losing content somewhere. Enter continues.`}</Tone>
    </Box>
  );
}
