/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { truncate } from '../format.js';
import { SelectList } from '../inputs/select-list.js';
import { Tone } from '../inputs/tone.js';
import type { RehearsalEvent, RehearsalOutcome } from '../services.js';
import { FunnelChart } from './funnel.js';
import type { StepProps } from './types.js';

const SHOWN_EVENTS = 6;

/** Step 6: a whole migration on local emulators before anything real is sent, step by step, then its funnel. */
export function RehearseStep(props: StepProps) {
  const { workspace, services } = props;
  const [phase, setPhase] = useState<'menu' | 'running' | 'done'>('menu');
  const [events, setEvents] = useState<readonly RehearsalEvent[]>([]);
  const [outcome, setOutcome] = useState<RehearsalOutcome | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const controller = useRef(new AbortController());
  useEffect(() => () => controller.current.abort(), []);

  const start = () => {
    setPhase('running');
    setEvents([]);
    setError(undefined);
    services
      .rehearse(
        workspace.dir,
        (event) => setEvents((previous) => [...previous, event]),
        controller.current.signal,
      )
      .then(
        (result) => {
          setOutcome(result);
          setPhase('done');
        },
        (failure: unknown) => {
          setError(failure instanceof Error ? failure.message : String(failure));
          setPhase('menu');
        },
      );
  };
  const shown = events.slice(-SHOWN_EVENTS);
  // Events are appended, never reordered: their position is their identity.
  const keys = new Map(events.map((event, order) => [event, `${order}:${event.label}`]));
  return (
    <Box flexDirection="column">
      <Text bold>Rehearse on local emulators</Text>
      <Tone token="muted">Your plan against emulated WhatsApp and targets: nothing leaves this machine.</Tone>
      <Box marginTop={1} flexDirection="column">
        {shown.map((event) => (
          <Text key={keys.get(event)} wrap="truncate-end">
            <Tone token={event.ok ? 'success' : 'danger'}>{event.ok ? '✓' : '✗'}</Tone>
            {` ${event.label.padEnd(12)} `}
            {truncate(event.detail, props.width - 16)}
          </Text>
        ))}
        {phase === 'running' ? <Tone token="muted">Rehearsing…</Tone> : null}
        {outcome?.funnel === undefined || phase !== 'done' ? null : (
          <FunnelChart report={outcome.funnel} width={props.width} series={1} />
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
