/** @jsxRuntime automatic @jsxImportSource react */
import type { FunnelReport } from '@ferry/engine';
import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { count, truncate } from '../format.js';
import { Tone } from '../inputs/tone.js';
import type { StepProps } from './types.js';

const SHOWN_SERIES = 2;

/** Bars for each stage of the first `series` series of a funnel (one per wave and target). */
export function FunnelChart(props: {
  readonly report: FunnelReport;
  readonly width: number;
  readonly series: number;
}) {
  const { series, stages } = props.report.chart;
  const max = Math.max(1, ...series.flatMap((entry) => entry.values));
  const barWidth = props.width - 24;
  return (
    <Box flexDirection="column">
      {series.slice(0, props.series).map((entry) => (
        <Box key={entry.label} flexDirection="column" marginTop={1}>
          <Tone token="accent">{truncate(entry.label, props.width)}</Tone>
          {stages.map((stage, index) => {
            const value = entry.values[index] ?? 0;
            const filled = Math.round((value / max) * barWidth);
            return (
              <Text key={stage}>
                {stage.padEnd(10)}
                <Tone token={stage === 'active' ? 'success' : 'accent'}>{'█'.repeat(filled)}</Tone>
                {` ${count(value)}`}
              </Text>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

/** Step 8: the live funnel, notified → delivered → read → linked → active, as bars per wave and target. */
export function FunnelStep(props: StepProps & { readonly refreshMs: number }) {
  const { workspace, services } = props;
  const [report, setReport] = useState<FunnelReport | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the refresh trigger
  useEffect(() => {
    services.funnel(workspace.dir).then(
      (next) => {
        setReport(next);
        setError(undefined);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [services, workspace.dir, tick]);
  useEffect(() => {
    if (props.refreshMs <= 0) return;
    const timer = setInterval(() => setTick((value) => value + 1), props.refreshMs);
    return () => clearInterval(timer);
  }, [props.refreshMs]);
  useInput((input, key) => {
    if (input === 'r') setTick((value) => value + 1);
    else if (key.return) props.onDone();
  });

  if (report === undefined)
    return error === undefined ? (
      <Tone token="muted">Counting the funnel…</Tone>
    ) : (
      <Tone token="danger" wrap="wrap">
        {error}
      </Tone>
    );
  const series = report.chart.series;
  if (series.length === 0)
    return (
      <Box flexDirection="column">
        <Text bold>Funnel</Text>
        <Tone token="muted">No wave has been sent yet: launch one, then watch it here (r refreshes).</Tone>
      </Box>
    );
  return (
    <Box flexDirection="column">
      <Text bold>{`Funnel · ${new Date(report.generatedAt).toISOString().slice(11, 19)} UTC`}</Text>
      <Tone token="muted">
        {props.refreshMs > 0
          ? 'Refreshes itself; statuses and links arrive through `ferry serve`.'
          : 'r refreshes; statuses and links arrive through `ferry serve`.'}
      </Tone>
      <FunnelChart report={report} width={props.width} series={SHOWN_SERIES} />
      {series.length > SHOWN_SERIES ? (
        <Tone token="muted">{`… ${series.length - SHOWN_SERIES} more (ferry status)`}</Tone>
      ) : null}
    </Box>
  );
}
