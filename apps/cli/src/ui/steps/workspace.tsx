/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { count } from '../format.js';
import { SelectList } from '../inputs/select-list.js';
import { TextInput } from '../inputs/text-input.js';
import { Tone } from '../inputs/tone.js';
import { useEscape } from '../inputs/use-escape.js';
import type { WizardChannel } from '../services.js';
import type { StepProps } from './types.js';

type Phase = 'menu' | 'path' | 'targets' | 'working';
const TARGET_CHOICES: readonly WizardChannel[] = ['telegram', 'slack', 'discord'];

/** Step 1: use the workspace here, open another folder, or create a plan with its targets. */
export function WorkspaceStep(props: StepProps) {
  const { workspace, setKeys } = props;
  const [phase, setPhase] = useState<Phase>('menu');
  const [path, setPath] = useState(workspace.dir);
  const [targets, setTargets] = useState<ReadonlySet<WizardChannel>>(new Set(['telegram']));
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    setKeys({ text: phase === 'path', escape: phase === 'path' || phase === 'targets' });
  }, [phase, setKeys]);

  useEscape(phase === 'path' || phase === 'targets', () => setPhase('menu'));

  const open = (dir: string) => {
    setPhase('working');
    setError(undefined);
    props.services.inspect(dir).then(
      (state) => {
        props.setWorkspace(state);
        setPath(state.dir);
        setPhase('menu');
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setPhase('menu');
      },
    );
  };
  const create = () => {
    const chosen = TARGET_CHOICES.filter((target) => targets.has(target));
    if (chosen.length === 0) {
      setError('Tick at least one target with Space.');
      return;
    }
    setPhase('working');
    props.services.createWorkspace(workspace.dir, chosen).then(
      (state) => {
        props.setWorkspace(state);
        props.onDone();
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setPhase('menu');
      },
    );
  };
  const ready = workspace.planExists && workspace.planError === undefined;

  return (
    <Box flexDirection="column">
      <Text bold>Choose or create the workspace</Text>
      <Text wrap="truncate-end">{`Folder: ${workspace.dir}`}</Text>
      {workspace.planExists ? (
        workspace.planError === undefined ? (
          <Tone token="success">{`Plan: ${workspace.planName ?? 'ferry.plan.yaml'} → ${workspace.targets.join(', ')}`}</Tone>
        ) : (
          <Tone token="danger" wrap="wrap">{`The plan has errors: ${workspace.planError}`}</Tone>
        )
      ) : (
        <Tone token="warning">No plan here yet.</Tone>
      )}
      <Tone token="muted">{`Imported: ${count(workspace.templates)} templates, ${count(workspace.flows)} flows, ${count(workspace.contacts)} contacts`}</Tone>
      <Box marginTop={1} flexDirection="column">
        {phase === 'menu' ? (
          <SelectList
            items={[
              ...(ready ? [{ value: 'use' as const, label: 'Use this workspace' }] : []),
              ...(workspace.planExists ? [] : [{ value: 'create' as const, label: 'Create a plan here' }]),
              { value: 'open' as const, label: 'Open another folder…' },
            ]}
            onSelect={(choice) => {
              if (choice === 'use') props.onDone();
              else if (choice === 'create') setPhase('targets');
              else setPhase('path');
            }}
          />
        ) : null}
        {phase === 'path' ? (
          <>
            <Text>Folder of the workspace (created if it has no plan):</Text>
            <TextInput value={path} onChange={setPath} onSubmit={open} width={props.width - 6} />
          </>
        ) : null}
        {phase === 'targets' ? (
          <>
            <Text>Where do users move? Space ticks, Enter creates the plan (first = default).</Text>
            <SelectList
              items={TARGET_CHOICES.map((target) => ({ value: target, label: target }))}
              checked={targets}
              onToggle={(target) =>
                setTargets((previous) => {
                  const next = new Set(previous);
                  if (next.has(target)) next.delete(target);
                  else next.add(target);
                  return next;
                })
              }
              onSelect={create}
            />
          </>
        ) : null}
        {phase === 'working' ? <Tone token="muted">Working…</Tone> : null}
      </Box>
      {error === undefined ? null : (
        <Tone token="danger" wrap="wrap">
          {error}
        </Tone>
      )}
    </Box>
  );
}
