/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text } from 'ink';
import { count, duration, truncate } from '../format.js';
import { ProgressBar } from '../inputs/progress-bar.js';
import { Tone } from '../inputs/tone.js';
import type { RunProgress } from '../services.js';

const SHOWN_REASONS = 4;

/** A run's progress: the bar, rate and ETA, and failures by reason. */
export function RunPanel(props: { readonly progress: RunProgress | undefined; readonly width: number }) {
  const { progress } = props;
  if (progress === undefined) return <Tone token="muted">Starting…</Tone>;
  const { counts } = progress;
  const finished = counts.sent + counts.failed + counts.blocked + counts.skipped + counts.ambiguous;
  const total = finished + (progress.remaining ?? 0) + progress.inFlight;
  const reasons = Object.entries(progress.failedByReason).sort((left, right) => right[1] - left[1]);
  return (
    <Box flexDirection="column">
      <Text>
        <ProgressBar done={finished} total={total} width={Math.max(10, props.width - 40)} />
        {`  ${count(finished)}/${count(total)}`}
      </Text>
      <Text>
        {`${progress.ratePerSecond.toFixed(1)}/s · ETA ${progress.etaMs === undefined ? '—' : duration(progress.etaMs)} · `}
        <Tone token="success">{`${count(counts.sent)} sent`}</Tone>
        {' · '}
        <Tone token={counts.failed > 0 ? 'danger' : 'muted'}>{`${count(counts.failed)} failed`}</Tone>
        {` · ${count(counts.ambiguous)} unsure · ${count(counts.deferred)} deferred`}
      </Text>
      {reasons.slice(0, SHOWN_REASONS).map(([reason, number]) => (
        <Tone key={reason} token="danger">
          {truncate(`  ${String(number).padStart(6)} ${reason}`, props.width)}
        </Tone>
      ))}
    </Box>
  );
}
