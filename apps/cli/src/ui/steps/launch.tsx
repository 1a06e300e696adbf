/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { count, localDateTime } from '../format.js';
import { SelectList } from '../inputs/select-list.js';
import { Tone } from '../inputs/tone.js';
import { useEscape } from '../inputs/use-escape.js';
import type { RunProgress, RunSummary, WavePlanView, WaveRow } from '../services.js';
import { RunPanel } from './run-panel.js';
import type { StepProps } from './types.js';

type Phase = 'menu' | 'confirm' | 'running' | 'done';

/** Step 7: launch a wave over WhatsApp, after a confirmation, with live progress. */
export function LaunchStep(props: StepProps) {
  const { workspace, services, setKeys } = props;
  const [view, setView] = useState<WavePlanView | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>('menu');
  const [wave, setWave] = useState<WaveRow | undefined>(undefined);
  const [progress, setProgress] = useState<RunProgress | undefined>(undefined);
  const [summary, setSummary] = useState<RunSummary | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const controller = useRef(new AbortController());
  useEffect(() => () => controller.current.abort(), []);

  useEffect(() => {
    services
      .waves(workspace.dir)
      .then(setView, (failure: unknown) =>
        setError(failure instanceof Error ? failure.message : String(failure)),
      );
  }, [services, workspace.dir]);
  useEffect(() => {
    setKeys({ escape: phase === 'confirm' });
  }, [phase, setKeys]);
  useEscape(phase === 'confirm', () => setPhase('menu'));

  const launch = (chosen: WaveRow) => {
    setPhase('running');
    setProgress(undefined);
    setError(undefined);
    services.launch(workspace.dir, chosen.id, setProgress, controller.current.signal).then(
      (result) => {
        setSummary(result);
        setPhase('done');
        services.inspect(workspace.dir).then(props.setWorkspace, () => undefined);
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setPhase('menu');
      },
    );
  };
  useInput(
    (input, key) => {
      if ((key.return || input === 'y') && wave !== undefined) launch(wave);
    },
    { isActive: phase === 'confirm' },
  );

  if (view === undefined)
    return error === undefined ? (
      <Tone token="muted">Reading the waves…</Tone>
    ) : (
      <Tone token="danger" wrap="wrap">
        {error}
      </Tone>
    );
  return (
    <Box flexDirection="column">
      <Text bold>Launch a notice wave</Text>
      <Tone token="muted">
        Sends over WhatsApp, paced and journaled: an interrupted wave resumes without duplicates.
      </Tone>
      <Box marginTop={1} flexDirection="column">
        {phase === 'menu' ? (
          <SelectList
            limit={6}
            items={[
              ...view.waves.map((row) => {
                const start = localDateTime(row.startsAt, view.timezone);
                const launched = workspace.campaigns.includes(row.id);
                return {
                  value: `wave:${row.id}`,
                  label: `${row.id.padEnd(16)} ${start.date} ${start.time}`,
                  detail: `${count(row.audience)} recipients${launched ? ' · launched' : ''}`,
                  detailTone: launched ? ('success' as const) : ('muted' as const),
                };
              }),
              { value: 'next', label: 'Continue to the funnel' },
            ]}
            onSelect={(choice) => {
              if (choice === 'next') {
                props.onDone();
                return;
              }
              const chosen = view.waves.find((row) => `wave:${row.id}` === choice);
              if (chosen === undefined) return;
              setWave(chosen);
              setPhase('confirm');
            }}
          />
        ) : null}
        {phase === 'confirm' && wave !== undefined ? (
          <Tone token="warning" wrap="wrap">
            {`Send "${wave.id}" to ${count(wave.audience)} recipients over WhatsApp now? Enter or y launches, Esc cancels.`}
          </Tone>
        ) : null}
        {phase === 'running' || phase === 'done' ? (
          <>
            <Text>{`Wave ${wave?.id ?? ''}`}</Text>
            <RunPanel progress={progress} width={props.width} />
          </>
        ) : null}
        {summary === undefined || phase !== 'done' ? null : (
          <>
            <Tone token={summary.failed > 0 ? 'warning' : 'success'}>
              {`Wave ${summary.campaignId} ${summary.end}: ${count(summary.sent)} sent, ${count(summary.failed)} failed.`}
            </Tone>
            <SelectList
              items={[{ value: 'next', label: 'Watch the funnel' }]}
              onSelect={() => props.onDone()}
            />
          </>
        )}
        {error === undefined ? null : (
          <Tone token="danger" wrap="wrap">
            {error}
          </Tone>
        )}
      </Box>
    </Box>
  );
}
