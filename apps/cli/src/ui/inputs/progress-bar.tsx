/** @jsxRuntime automatic @jsxImportSource react */
import { Text } from 'ink';
import { Tone } from './tone.js';

/** A bar of `width` cells filled to `done / total`, then the percentage. */
export function ProgressBar(props: {
  readonly done: number;
  readonly total: number;
  readonly width?: number;
}) {
  const width = props.width ?? 30;
  const ratio = props.total <= 0 ? 0 : Math.min(1, props.done / props.total);
  const filled = Math.round(ratio * width);
  return (
    <Text>
      <Tone token="success">{'█'.repeat(filled)}</Tone>
      <Tone token="muted">{'░'.repeat(width - filled)}</Tone>
      {` ${String(Math.floor(ratio * 100)).padStart(3)}%`}
    </Text>
  );
}
