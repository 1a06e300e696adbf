/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { count } from '../format.js';
import { SelectList } from '../inputs/select-list.js';
import { Tone } from '../inputs/tone.js';
import type { RunProgress, RunSummary } from '../services.js';
import { RunPanel } from './run-panel.js';
import type { StepProps } from './types.js';

/** Step 6: a whole migration on local emulators before anything real is sent. */
export function RehearseStep(props: StepProps) {
  const { workspace, services } = props;
  const [phase, setPhase] = useState<'menu' | 'running' | 'done'>('menu');
  const [progress, setProgress] = useState<RunProgress | undefined>(undefined);
  const [summary, setSummary] = useState<RunSummary | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const controller = useRef(new AbortController());
  useEffect(() => () => controller.current.abort(), []);

  const start = () => {
    setPhase('running');
    setError(undefined);
    services.rehearse(workspace.dir, setProgress, controller.current.signal).then(
      (result) => {
        setSummary(result);
        setPhase('done');
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setPhase('menu');
      },
    );
  };
  return (
    <Box flexDirection="column">
      <Text bold>Rehearse on local emulators</Text>
      <Tone token="muted">
        Your plan and imports against emulated WhatsApp and targets: nothing leaves this machine.
      </Tone>
      <Box marginTop={1} flexDirection="column">
        {phase === 'running' || phase === 'done' ? (
          <RunPanel progress={progress} width={props.width} />
        ) : null}
        {summary === undefined ? null : (
          <Tone token={summary.failed > 0 ? 'warning' : 'success'}>
            {`Rehearsal ${summary.end}: ${count(summary.sent)} sent, ${count(summary.failed)} failed.`}
          </Tone>
        )}
        {error === undefined ? null : (
          <Tone token="danger" wrap="wrap">
            {error}
          </Tone>
        )}
      </Box>
      <Box marginTop={1}>
        {phase === 'menu' ? (
          <SelectList
            items={[
              { value: 'start', label: 'Start the rehearsal' },
              { value: 'next', label: 'Continue without rehearsing' },
            ]}
            onSelect={(choice) => (choice === 'start' ? start() : props.onDone())}
          />
        ) : null}
        {phase === 'done' ? (
          <SelectList items={[{ value: 'next', label: 'Continue' }]} onSelect={() => props.onDone()} />
        ) : null}
      </Box>
    </Box>
  );
}
